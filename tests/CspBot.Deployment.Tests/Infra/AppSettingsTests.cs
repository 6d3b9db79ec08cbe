using System.Text.RegularExpressions;
using CspBot.Core.Features.Graph;
using CspBot.Core.Features.Scorecard;
using CspBot.Core.Persistence;
using CspBot.Deployment.Tests.Support;
using CspBot.Web.Hosting;
using CspBot.Web.Teams;
using Microsoft.Extensions.Configuration;

namespace CspBot.Deployment.Tests.Infra;

/// <summary>
/// The web app's settings in the Bicep name configuration keys the app really reads: a typo such as
/// <c>Bot__MicrosoftAppID</c> or <c>ConnectionStrings__Defualt</c> would deploy happily and leave the bot unconfigured.
/// </summary>
public sealed partial class AppSettingsTests
{
    /// <summary>Every key under Bot, ConnectionStrings, Database, Graph, App and AdminApi that the app reads.</summary>
    public static readonly IReadOnlySet<string> KeysTheAppReads = new HashSet<string>(
    [
        // Read by the Bot Framework's ConfigurationBotFrameworkAuthentication from the section TeamsBotHosting registers.
        $"{TeamsBotHosting.Section}:MicrosoftAppType",
        $"{TeamsBotHosting.Section}:MicrosoftAppId",
        $"{TeamsBotHosting.Section}:MicrosoftAppPassword",
        $"{TeamsBotHosting.Section}:MicrosoftAppTenantId",
        // PersistenceRegistration and SchedulingHosting: GetConnectionString("Default").
        "ConnectionStrings:Default",
        ProductionReadiness.AllowSqliteKey,
        // Bound to DatabaseOptions.
        .. typeof(DatabaseOptions).GetProperties().Select(p => $"{DatabaseOptions.Section}:{p.Name}"),
        // Bound to GraphOptions.
        .. typeof(GraphOptions).GetProperties().Select(p => $"{GraphOptions.Section}:{p.Name}"),
        // Bound to PublicLinks (section App) and AdminAccessOptions (section AdminApi).
        .. typeof(PublicLinks).GetProperties().Where(p => p.CanWrite).Select(p => $"{PublicLinks.Section}:{p.Name}"),
        .. typeof(AdminAccessOptions).GetProperties().Select(p => $"{AdminAccessOptions.Section}:{p.Name}"),
        // The console: ConsoleOptions, and the Entra app Microsoft.Identity.Web binds (MicrosoftIdentityOptions).
        .. typeof(CspBot.Web.Console.ConsoleOptions).GetProperties().Select(p => $"{CspBot.Web.Console.ConsoleOptions.Section}:{p.Name}"),
        // The TLS front ends whose forwarded headers are believed (FrontEndOptions; lists bound by index).
        .. typeof(FrontEndOptions).GetProperties().Select(p => $"{FrontEndOptions.Section}:{p.Name}:0"),
        .. typeof(Microsoft.Identity.Web.MicrosoftIdentityOptions).GetProperties().Where(p => p.CanWrite).Select(p => $"{CspBot.Web.Console.ConsoleOptions.Section}:Entra:{p.Name}"),
    ], StringComparer.Ordinal);

    /// <summary>What a Production start needs (see ProductionReadiness); the Bicep must set each one.</summary>
    private static readonly string[] Required =
    [
        "Bot:MicrosoftAppType", "Bot:MicrosoftAppId", "Bot:MicrosoftAppPassword", "Bot:MicrosoftAppTenantId",
        "Database:Provider", "ConnectionStrings:Default", "App:PublicBaseUrl", "AdminApi:Authority", "AdminApi:Audience",
    ];

    public static TheoryData<string> RequiredKeys => [.. Required];

    [Fact]
    public void EverySettingInTheBicep_IsAKeyTheAppReads()
    {
        var settings = BicepSettings();

        Assert.NotEmpty(settings);
        Assert.All(settings, key => Assert.True(KeysTheAppReads.Contains(key), $"the Bicep sets {key.Replace(":", "__", StringComparison.Ordinal)}, which the app never reads"));
    }

    [Fact]
    public void TheBicep_SetsEveryKeyAProductionStartNeeds()
    {
        Assert.Superset(Required.ToHashSet(), BicepSettings().ToHashSet());
        Assert.Subset(KeysTheAppReads.ToHashSet(), Required.ToHashSet());
    }

    [Fact]
    public void TheBicep_SelectsSqlServer_AndReadsSecretsFromKeyVault()
    {
        var main = File.ReadAllText(Repository.PathOf("infra", "main.bicep"));
        Assert.Matches(@"name:\s*'Database__Provider'\s*value:\s*databaseEngine", main);
        Assert.Matches(@"param databaseEngine string = 'SqlServer'", main);
        Assert.Matches(@"name:\s*'ConnectionStrings__Default'\s*value:\s*'@Microsoft\.KeyVault\(SecretUri=", main);
        Assert.Matches(@"name:\s*'Bot__MicrosoftAppPassword'\s*value:\s*'@Microsoft\.KeyVault\(SecretUri=", main);
        Assert.Matches(@"name:\s*'ASPNETCORE_ENVIRONMENT'\s*value:\s*'Production'", main);
    }

    [Fact]
    public void TheBicep_SetsGraphOnlyWhenAsked_SigningInAsTheBotOrItsManagedIdentity()
    {
        var main = File.ReadAllText(Repository.PathOf("infra", "main.bicep"));
        Assert.Matches(@"param graphEnabled bool = false", main);
        Assert.Matches(@"var graphSettings = !graphEnabled\s*\?\s*\[\]", main);
        Assert.Matches(@"name:\s*'Graph__ClientSecret'\s*value:\s*'@Microsoft\.KeyVault\(SecretUri=", main);
        Assert.Matches(@"name:\s*'Graph__ManagedIdentityClientId'\s*value:\s*identity\.outputs\.clientId", main);
        Assert.Matches(@"appSettings:\s*concat\(commonSettings, passwordSetting, graphSettings\)", main);
    }

    [Fact]
    public void GraphSettingsAsTheBicepWritesThem_PassTheProductionCheck_EitherWayOfSigningIn()
    {
        var graph = SampleValues(includeGraph: true);
        var withSecret = graph.Where(s => s.Key != "Graph:ManagedIdentityClientId").ToDictionary();
        var withIdentity = graph.Where(s => s.Key is not ("Graph:ClientId" or "Graph:ClientSecret")).ToDictionary();

        Assert.Empty(ProductionReadiness.FindProblems(Configuration(withSecret)));
        Assert.Empty(ProductionReadiness.FindProblems(Configuration(withIdentity)));

        withSecret.Remove("Graph:TeamsAppCatalogId");
        Assert.Contains(ProductionReadiness.FindProblems(Configuration(withSecret)), p => p.StartsWith("Graph:TeamsAppCatalogId", StringComparison.Ordinal));
    }

    [Fact]
    public void SettingsAsTheBicepWritesThem_PassTheProductionCheck()
    {
        var problems = ProductionReadiness.FindProblems(Configuration(SampleValues()));

        Assert.Empty(problems);
    }

    [Theory]
    [MemberData(nameof(RequiredKeys))]
    public void WithoutOneRequiredSetting_TheProductionCheckNamesIt(string key)
    {
        var values = SampleValues();
        values.Remove(key);

        var problems = ProductionReadiness.FindProblems(Configuration(values));

        Assert.Contains(problems, p => p.StartsWith(key, StringComparison.Ordinal));
    }

    /// <summary>Sample values for each setting the Bicep writes (the real ones are deployment-time expressions).</summary>
    private static Dictionary<string, string?> SampleValues(bool includeGraph = false)
    {
        var samples = new Dictionary<string, string?>
        {
            ["Bot:MicrosoftAppType"] = "SingleTenant",
            ["Bot:MicrosoftAppId"] = "3f2504e0-4f89-41d3-9a0c-0305e82c3301",
            ["Bot:MicrosoftAppPassword"] = "from-key-vault",
            ["Bot:MicrosoftAppTenantId"] = "72f988bf-86f1-41af-91ab-2d7cd011db47",
            ["Database:Provider"] = "SqlServer",
            ["Database:MigrateOnStartup"] = "true",
            ["ConnectionStrings:Default"] = "Server=tcp:sql.example,1433;Initial Catalog=cspbot;Authentication=Active Directory Managed Identity",
            ["App:PublicBaseUrl"] = "https://cspbot-web-abc123.azurewebsites.net",
            ["AdminApi:Authority"] = "https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0",
            ["AdminApi:Audience"] = "api://3f2504e0-4f89-41d3-9a0c-0305e82c3301",
            ["Graph:Enabled"] = "true",
            ["Graph:TenantId"] = "72f988bf-86f1-41af-91ab-2d7cd011db47",
            ["Graph:TeamsAppCatalogId"] = "b1c5353a-7aca-41b3-830f-27d5218fe0e5",
            ["Graph:InstallAppForMembers"] = "True",
            ["Graph:SyncTeamMembers"] = "False",
            ["Graph:FileReportsInChannel"] = "True",
            ["Graph:ManagedIdentityClientId"] = "9a0c0305-e82c-4f89-41d3-3f2504e03301",
            ["Graph:ClientId"] = "3f2504e0-4f89-41d3-9a0c-0305e82c3301",
            ["Graph:ClientSecret"] = "from-key-vault",
            ["Console:Entra:Instance"] = "https://login.microsoftonline.com/",
            ["Console:Entra:TenantId"] = "72f988bf-86f1-41af-91ab-2d7cd011db47",
            ["Console:Entra:ClientId"] = "3f2504e0-4f89-41d3-9a0c-0305e82c3301",
            ["Console:Audience"] = "api://cspbot-web-abc123.azurewebsites.net/botid-3f2504e0-4f89-41d3-9a0c-0305e82c3301",
            ["Console:Entra:ClientSecret"] = "from-key-vault",
            ["ForwardedHeaders:KnownNetworks:0"] = "169.254.0.0/16",
        };
        return BicepSettings()
            .Where(k => includeGraph || !k.StartsWith(GraphOptions.Section + ":", StringComparison.Ordinal))
            .ToDictionary(k => k, k => samples[k]);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    /// <summary>The app setting names under Bot, ConnectionStrings, Database and Graph in every .bicep file, as configuration keys.</summary>
    private static List<string> BicepSettings() =>
        Directory.EnumerateFiles(Repository.PathOf("infra"), "*.bicep", SearchOption.AllDirectories)
            .SelectMany(f => SettingName().Matches(File.ReadAllText(f)))
            .Select(m => m.Groups[1].Value.Replace("__", ":", StringComparison.Ordinal))
            .Distinct()
            .ToList();

    [GeneratedRegex(@"'((?:Bot|ConnectionStrings|Database|Graph|App|AdminApi|Console|ForwardedHeaders)__[A-Za-z0-9_]+)'")]
    private static partial Regex SettingName();
}
