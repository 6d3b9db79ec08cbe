using System.Text.Json.Nodes;

namespace CspBot.Deployment.Tests.Infra;

/// <summary>infra/main.bicep compiles offline without linter warnings, and holds what a deployment needs.</summary>
public sealed class InfrastructureTests(CompiledInfrastructure infra) : IClassFixture<CompiledInfrastructure>
{
    [Fact]
    public void BicepBuild_Succeeds_WithoutLinterWarnings()
    {
        Assert.True(infra.Build.ExitCode == 0, infra.Build.ToString());
        Assert.DoesNotContain("Warning", infra.Build.Error, StringComparison.Ordinal);
        Assert.Equal("bicep", (string?)infra.Template["metadata"]?["_generator"]?["name"]);
        Assert.NotNull(infra.Parameters["parameters"]?["botAppId"]);
    }

    [Fact]
    public void WebApp_IsLinuxDotNet10_WithHealthCheck_AlwaysOn_HttpsOnly()
    {
        var site = Assert.Single(infra.OfType("Microsoft.Web/sites"));
        var config = site["properties"]!["siteConfig"]!;
        Assert.Equal("/health/ready", (string?)config["healthCheckPath"]);
        Assert.True((bool)config["alwaysOn"]!);
        Assert.Equal("DOTNETCORE|10.0", (string?)config["linuxFxVersion"]);
        Assert.True((bool)site["properties"]!["httpsOnly"]!);
        // The console's Blazor Server circuits: a page and its WebSocket stay on one instance.
        Assert.True((bool)site["properties"]!["clientAffinityEnabled"]!, "the console needs ARR affinity with several instances");
        Assert.True((bool)config["webSocketsEnabled"]!, "the console's circuits run over WebSockets");
        Assert.Equal("UserAssigned", (string?)site["identity"]?["type"]);
        var plan = Assert.Single(infra.OfType("Microsoft.Web/serverfarms"));
        Assert.True((bool)plan["properties"]!["reserved"]!, "the plan is not Linux");
    }

    [Fact]
    public void Bot_IsAzureBot_NotMultiTenant_WithTheTeamsChannel()
    {
        var bot = Assert.Single(infra.OfType("Microsoft.BotService/botServices"));
        Assert.Equal("azurebot", (string?)bot["kind"]);
        Assert.Equal("global", (string?)bot["location"]);
        Assert.Contains("https://{0}/api/messages", Parameter(infra, "bot", "endpoint"), StringComparison.Ordinal);
        // New multi-tenant bot registrations are refused by Azure: only these two may be deployed.
        var allowed = infra.Template["parameters"]!["botAuthType"]!["allowedValues"]!.AsArray().Select(v => (string)v!).ToList();
        Assert.Equal(["SingleTenant", "UserAssignedMSI"], allowed);

        var channels = infra.OfType("Microsoft.BotService/botServices/channels").ToDictionary(c => (string)c["properties"]!["channelName"]!);
        Assert.Equal(["DirectLineChannel", "MsTeamsChannel", "WebChatChannel"], channels.Keys.Order());
        Assert.True((bool)channels["MsTeamsChannel"]["properties"]!["properties"]!["isEnabled"]!);

        // Web Chat and Direct Line clients set `from` themselves: every site of theirs is switched off.
        foreach (var name in new[] { "WebChatChannel", "DirectLineChannel" })
        {
            var sites = channels[name]["properties"]!["properties"]!["sites"]!.AsArray();
            Assert.NotEmpty(sites);
            Assert.All(sites, site => Assert.False((bool)site!["isEnabled"]!));
        }
    }

    [Fact]
    public void Sql_KeyVault_Identity_AndMonitoring_AreDeployed()
    {
        var server = Assert.Single(infra.OfType("Microsoft.Sql/servers"));
        Assert.True((bool)server["properties"]!["administrators"]!["azureADOnlyAuthentication"]!);
        Assert.Single(infra.OfType("Microsoft.Sql/servers/databases"));
        var firewall = Assert.Single(infra.OfType("Microsoft.Sql/servers/firewallRules"));
        Assert.Equal("0.0.0.0", (string?)firewall["properties"]?["startIpAddress"]);

        var vault = Assert.Single(infra.OfType("Microsoft.KeyVault/vaults"));
        Assert.True((bool)vault["properties"]!["enableRbacAuthorization"]!);
        var secrets = infra.OfType("Microsoft.KeyVault/vaults/secrets").Select(s => (string)s["name"]!).ToList();
        Assert.Contains(secrets, s => s.Contains("SqlConnectionString", StringComparison.Ordinal));
        Assert.Contains(secrets, s => s.Contains("BotAppPassword", StringComparison.Ordinal));

        Assert.Single(infra.OfType("Microsoft.ManagedIdentity/userAssignedIdentities"));
        Assert.Single(infra.OfType("Microsoft.Insights/components"));
        Assert.Single(infra.OfType("Microsoft.OperationalInsights/workspaces"));
        Assert.NotEmpty(infra.OfType("Microsoft.Authorization/roleAssignments"));
    }

    [Fact]
    public void PostgreSql_IsTheAlternativeDatabase_DeployedOnlyWhenChosen()
    {
        var engines = infra.Template["parameters"]!["databaseEngine"]!["allowedValues"]!.AsArray().Select(v => (string)v!).ToList();
        Assert.Equal(["SqlServer", "Postgres"], engines);
        var server = Assert.Single(infra.OfType("Microsoft.DBforPostgreSQL/flexibleServers"));
        Assert.Equal("Enabled", (string?)server["properties"]!["authConfig"]!["passwordAuth"]);
        Assert.Single(infra.OfType("Microsoft.DBforPostgreSQL/flexibleServers/databases"));
        Assert.Single(infra.OfType("Microsoft.DBforPostgreSQL/flexibleServers/firewallRules"));
        var modules = infra.Template["resources"]!.AsArray().ToDictionary(r => (string)r!["name"]!, r => (string?)r!["condition"]);
        Assert.Equal("[not(variables('useSqlServer'))]", modules["postgres"]);
        Assert.Equal("[variables('useSqlServer')]", modules["sql"]);
        Assert.Equal("securestring", (string?)infra.Template["parameters"]!["postgresAdminPassword"]!["type"]);
    }

    [Fact]
    public void Outputs_GiveThePackageScriptItsInputs()
    {
        var outputs = infra.Template["outputs"]!.AsObject();
        Assert.True(outputs.ContainsKey("botAppId"), "no botAppId output (BOT_ID)");
        Assert.True(outputs.ContainsKey("botDomain"), "no botDomain output (BOT_DOMAIN)");
        Assert.True(outputs.ContainsKey("webAppName"));
    }

    /// <summary>The value a module deployment passes to one of its parameters, as the template text.</summary>
    private static string Parameter(CompiledInfrastructure infra, string module, string name)
    {
        var deployment = infra.OfType("Microsoft.Resources/deployments").Single(d => (string?)d["name"] == module);
        var value = deployment["properties"]!["parameters"]![name]!;
        return value is JsonObject o ? (string)o["value"]! : (string)value!;
    }
}
