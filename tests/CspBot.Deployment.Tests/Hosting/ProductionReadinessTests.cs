using CspBot.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace CspBot.Deployment.Tests.Hosting;

/// <summary>In Production the app refuses to start without the settings a deployed bot needs, and says which.</summary>
public sealed class ProductionReadinessTests
{
    private const string AppId = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";
    private const string TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";

    [Fact]
    public void Production_WithNothingConfigured_ThrowsListingEverythingMissing()
    {
        var builder = Builder("Production", []);

        var error = Assert.Throws<ProductionConfigurationException>(() => builder.ValidateProductionConfiguration());

        Assert.Contains("CspBot will not start in Production", error.Message, StringComparison.Ordinal);
        foreach (var key in new[] { "Bot:MicrosoftAppType", "Bot:MicrosoftAppId", "Bot:MicrosoftAppPassword", "Database:Provider", "ConnectionStrings:Default", "App:PublicBaseUrl", "AdminApi:Authority", "AdminApi:Audience" })
        {
            Assert.Contains(key, error.Message, StringComparison.Ordinal);
            Assert.Contains(error.Problems, p => p.StartsWith(key, StringComparison.Ordinal));
        }

        Assert.IsAssignableFrom<InvalidOperationException>(error);
    }

    [Fact]
    public void Production_SingleTenantComplete_Starts()
    {
        var builder = Builder("Production", Complete());

        Assert.Same(builder, builder.ValidateProductionConfiguration());
    }

    [Theory]
    [InlineData("Development")]
    [InlineData("Testing")]
    [InlineData("Staging")]
    public void OutsideProduction_NothingIsRequired(string environment)
    {
        var builder = Builder(environment, []);

        Assert.Same(builder, builder.ValidateProductionConfiguration());
    }

    [Fact]
    public void AppIdThatIsNotAGuid_IsRefused()
    {
        var settings = Complete();
        settings["Bot:MicrosoftAppId"] = "cspbot";

        var error = Assert.Throws<ProductionConfigurationException>(() => Builder("Production", settings).ValidateProductionConfiguration());

        Assert.Equal("Bot:MicrosoftAppId 'cspbot' is not a GUID.", Assert.Single(error.Problems));
    }

    [Fact]
    public void SingleTenant_WithoutTenantId_IsRefused()
    {
        var settings = Complete();
        settings.Remove("Bot:MicrosoftAppTenantId");

        var error = Assert.Throws<ProductionConfigurationException>(() => Builder("Production", settings).ValidateProductionConfiguration());

        Assert.StartsWith("Bot:MicrosoftAppTenantId is missing", Assert.Single(error.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void UserAssignedManagedIdentity_NeedsNoPassword()
    {
        var settings = Complete();
        settings["Bot:MicrosoftAppType"] = "UserAssignedMSI";
        settings.Remove("Bot:MicrosoftAppPassword");

        Builder("Production", settings).ValidateProductionConfiguration();
    }

    [Fact]
    public void Sqlite_IsRefused_UnlessExplicitlyAllowed()
    {
        var settings = Complete();
        settings["Database:Provider"] = "Sqlite";

        var error = Assert.Throws<ProductionConfigurationException>(() => Builder("Production", settings).ValidateProductionConfiguration());
        Assert.StartsWith("Database:Provider is Sqlite", Assert.Single(error.Problems), StringComparison.Ordinal);

        settings["Database:AllowSqliteInProduction"] = "true";
        Builder("Production", settings).ValidateProductionConfiguration();
    }

    [Theory]
    [InlineData("Postgres")]
    [InlineData("PostgreSQL")]
    [InlineData("postgres")]
    public void Postgres_IsAcceptedInProduction(string provider)
    {
        var settings = Complete();
        settings["Database:Provider"] = provider;
        settings["ConnectionStrings:Default"] = "Host=db.example;Database=cspbot;Username=cspbot;Password=secret";

        Builder("Production", settings).ValidateProductionConfiguration();
    }

    [Fact]
    public void UnknownProvider_AndBlankConnectionString_AreRefused()
    {
        var settings = Complete();
        settings["Database:Provider"] = "Oracle";
        settings["ConnectionStrings:Default"] = "  ";

        var error = Assert.Throws<ProductionConfigurationException>(() => Builder("Production", settings).ValidateProductionConfiguration());

        Assert.Equal(2, error.Problems.Count);
        Assert.Contains(error.Problems, p => p.StartsWith("Database:Provider 'Oracle'", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.StartsWith("ConnectionStrings:Default is missing", StringComparison.Ordinal));
    }

    [Fact]
    public void GraphTurnedOnWithoutItsSettings_IsRefused_NamingEachOne()
    {
        var settings = Complete();
        settings["Graph:Enabled"] = "true";

        var error = Assert.Throws<ProductionConfigurationException>(() => Builder("Production", settings).ValidateProductionConfiguration());

        Assert.Equal(
            ["Graph:TenantId", "Graph:ClientId", "Graph:ClientSecret", "Graph:TeamsAppCatalogId"],
            error.Problems.Select(p => p[..p.IndexOf(' ', StringComparison.Ordinal)]));
    }

    [Fact]
    public void GraphWithAManagedIdentity_NeedsNoSecret_AndWithoutInstallingNoCatalogueId()
    {
        var settings = Complete();
        settings["Graph:Enabled"] = "true";
        settings["Graph:TenantId"] = TenantId;
        settings["Graph:ManagedIdentityClientId"] = AppId;
        settings["Graph:InstallAppForMembers"] = "false";

        Builder("Production", settings).ValidateProductionConfiguration();
    }

    [Theory]
    [InlineData("http://localhost:3978", "is not an https address")]
    [InlineData("https://localhost:3978", "is this machine")]
    [InlineData("https://127.0.0.1", "is this machine")]
    [InlineData("https://[::1]:8443", "is this machine")]
    [InlineData("cspbot.example", "is not an https address")]
    public void APublicAddressThatMembersCannotReach_IsRefused(string address, string why)
    {
        var settings = Complete();
        settings["App:PublicBaseUrl"] = address;

        var problem = Assert.Single(ProductionReadiness.FindProblems(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()));

        Assert.StartsWith($"App:PublicBaseUrl '{address}' ", problem, StringComparison.Ordinal);
        Assert.Contains(why, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void AnAdminAuthorityThatIsNotHttps_IsRefused()
    {
        var settings = Complete();
        settings["AdminApi:Authority"] = "http://login.example/tenant";

        var problem = Assert.Single(ProductionReadiness.FindProblems(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()));

        Assert.StartsWith("AdminApi:Authority 'http://login.example/tenant' is not an https address", problem, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> Complete() => new()
    {
        ["Bot:MicrosoftAppType"] = "SingleTenant",
        ["Bot:MicrosoftAppId"] = AppId,
        ["Bot:MicrosoftAppPassword"] = "secret",
        ["Bot:MicrosoftAppTenantId"] = TenantId,
        ["Database:Provider"] = "SqlServer",
        ["ConnectionStrings:Default"] = "Server=tcp:sql.example,1433;Initial Catalog=cspbot",
        ["App:PublicBaseUrl"] = "https://cspbot-web-abc123.azurewebsites.net",
        ["AdminApi:Authority"] = $"https://login.microsoftonline.com/{TenantId}/v2.0",
        ["AdminApi:Audience"] = $"api://{AppId}",
    };

    /// <summary>A real WebApplicationBuilder for the environment, configured only from memory (no appsettings, no environment variables).</summary>
    private static WebApplicationBuilder Builder(string environment, Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.Configuration.AddInMemoryCollection(settings);
        return builder;
    }
}
