using CspBot.Core.Features.Scorecard;
using CspBot.Core.Persistence;
using CspBot.Web.Graph;
using CspBot.Web.Teams;

namespace CspBot.Web.Hosting;

/// <summary>
/// Refuses to start in Production with an incomplete configuration, listing every missing or malformed setting at
/// once. Without it the app would start, answer /health, and fail later: every Teams message rejected by Bot
/// Framework authentication, or the partnership's data written to a SQLite file that App Service throws away.
/// </summary>
public static class ProductionReadiness
{
    /// <summary>Set to <c>true</c> to accept SQLite in Production (a single-instance trial on a persistent disk).</summary>
    public const string AllowSqliteKey = "Database:AllowSqliteInProduction";

    private static readonly string[] KnownAppTypes = ["SingleTenant", "MultiTenant", "UserAssignedMSI"];

    /// <summary>
    /// When the environment is Production, throws <see cref="ProductionConfigurationException"/> if a setting the
    /// deployed bot needs is missing. Call it first, before the services read the configuration.
    /// </summary>
    public static WebApplicationBuilder ValidateProductionConfiguration(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!builder.Environment.IsProduction())
        {
            return builder;
        }

        var problems = FindProblems(builder.Configuration);
        if (problems.Count > 0)
        {
            throw new ProductionConfigurationException(problems);
        }

        return builder;
    }

    /// <summary>Every problem with the Production configuration, one sentence each naming its key; empty when ready.</summary>
    public static IReadOnlyList<string> FindProblems(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var problems = new List<string>();
        var bot = configuration.GetSection(TeamsBotHosting.Section);
        var appType = bot["MicrosoftAppType"]?.Trim() ?? "";
        var appId = bot["MicrosoftAppId"]?.Trim() ?? "";
        var tenantId = bot["MicrosoftAppTenantId"]?.Trim() ?? "";

        if (appType.Length == 0)
        {
            problems.Add("Bot:MicrosoftAppType is missing: set SingleTenant (app registration and secret) or UserAssignedMSI (managed identity).");
        }
        else if (!KnownAppTypes.Contains(appType, StringComparer.OrdinalIgnoreCase))
        {
            problems.Add($"Bot:MicrosoftAppType '{appType}' is not one of {string.Join(", ", KnownAppTypes)}.");
        }

        if (appId.Length == 0)
        {
            problems.Add("Bot:MicrosoftAppId is missing: the bot's Microsoft App ID (a GUID) from its Entra app registration or managed identity.");
        }
        else if (!Guid.TryParse(appId, out _))
        {
            problems.Add($"Bot:MicrosoftAppId '{appId}' is not a GUID.");
        }

        // A managed identity signs in without a secret; every other type needs the app registration's client secret.
        var usesManagedIdentity = appType.Equals("UserAssignedMSI", StringComparison.OrdinalIgnoreCase);
        if (!usesManagedIdentity && string.IsNullOrWhiteSpace(bot["MicrosoftAppPassword"]))
        {
            problems.Add("Bot:MicrosoftAppPassword is missing: the client secret of the bot's app registration (or set Bot:MicrosoftAppType to UserAssignedMSI).");
        }

        var needsTenant = usesManagedIdentity || appType.Equals("SingleTenant", StringComparison.OrdinalIgnoreCase);
        if (needsTenant && tenantId.Length == 0)
        {
            problems.Add($"Bot:MicrosoftAppTenantId is missing: {appType} bots need the partnership's Entra tenant id.");
        }
        else if (tenantId.Length > 0 && !Guid.TryParse(tenantId, out _))
        {
            problems.Add($"Bot:MicrosoftAppTenantId '{tenantId}' is not a GUID.");
        }

        var providerText = configuration[$"{DatabaseOptions.Section}:{nameof(DatabaseOptions.Provider)}"]?.Trim();
        var provider = DatabaseProvider.Sqlite;
        if (!string.IsNullOrEmpty(providerText) && !PersistenceRegistration.TryParseProvider(providerText, out provider))
        {
            problems.Add($"Database:Provider '{providerText}' is not one of {string.Join(", ", Enum.GetNames<DatabaseProvider>())}.");
        }
        else if (provider == DatabaseProvider.Sqlite && !configuration.GetValue<bool>(AllowSqliteKey))
        {
            problems.Add($"Database:Provider is Sqlite (the default): set SqlServer (or Postgres), or {AllowSqliteKey}=true for a single-instance trial.");
        }

        if (string.IsNullOrWhiteSpace(configuration.GetConnectionString("Default")))
        {
            problems.Add("ConnectionStrings:Default is missing: the connection string of the app database.");
        }

        problems.AddRange(GraphHosting.FindProblems(configuration));
        problems.AddRange(PublicAddressProblems(configuration));
        problems.AddRange(AdminApiProblems(configuration));

        return problems;
    }
    /// <summary>
    /// Every link a card or page shows starts with App:PublicBaseUrl: a loopback or plain-HTTP address would send a
    /// member's click to their own machine, or over the internet unencrypted.
    /// </summary>
    private static IEnumerable<string> PublicAddressProblems(IConfiguration configuration)
    {
        var key = $"{PublicLinks.Section}:{nameof(PublicLinks.PublicBaseUrl)}";
        var value = configuration[key]?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            yield return $"{key} is missing: the https address members reach the app on, e.g. https://cspbot-web.azurewebsites.net (the Bicep sets it).";
        }
        else if (HttpsAddress(value) is not { } uri)
        {
            yield return $"{key} '{value}' is not an https address.";
        }
        else if (uri.IsLoopback || uri.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            yield return $"{key} '{value}' is this machine: links in cards would open on the member's own computer. Set the app's public address.";
        }
    }

    private static Uri? HttpsAddress(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps ? uri : null;

    /// <summary>Without an authority and audience every operations API call is 401 and nothing says why.</summary>
    private static IEnumerable<string> AdminApiProblems(IConfiguration configuration)
    {
        var section = configuration.GetSection(AdminAccessOptions.Section);
        var authority = section[nameof(AdminAccessOptions.Authority)]?.Trim();
        if (string.IsNullOrEmpty(authority))
        {
            yield return $"{AdminAccessOptions.Section}:{nameof(AdminAccessOptions.Authority)} is missing: the Entra issuer of the operations API's tokens, https://login.microsoftonline.com/<tenant id>/v2.0.";
        }
        else if (HttpsAddress(authority) is null)
        {
            yield return $"{AdminAccessOptions.Section}:{nameof(AdminAccessOptions.Authority)} '{authority}' is not an https address.";
        }

        if (string.IsNullOrWhiteSpace(section[nameof(AdminAccessOptions.Audience)]))
        {
            yield return $"{AdminAccessOptions.Section}:{nameof(AdminAccessOptions.Audience)} is missing: the operations API's application ID URI (api://<client id>) or client id.";
        }
    }
}

/// <summary>The Production configuration is incomplete; <see cref="Problems"/> names each missing or malformed setting.</summary>
public sealed class ProductionConfigurationException : InvalidOperationException
{
    public ProductionConfigurationException(IReadOnlyList<string> problems)
        : base(Describe(problems)) => Problems = problems;

    public IReadOnlyList<string> Problems { get; }

    private static string Describe(IReadOnlyList<string> problems) =>
        "CspBot will not start in Production until its configuration is complete. "
        + "Set these as app settings or environment variables (':' becomes '__', e.g. Bot__MicrosoftAppId):"
        + string.Concat(problems.Select(p => $"{Environment.NewLine}  - {p}"));
}
