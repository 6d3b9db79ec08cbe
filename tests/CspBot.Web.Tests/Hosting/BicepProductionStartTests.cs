using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using CspBot.Testing;
using CspBot.Web.Tests.Support;

namespace CspBot.Web.Tests.Hosting;

/// <summary>
/// The app as the Bicep deploys it: infra/main.bicep compiled to ARM, the web app's settings evaluated from that JSON
/// (nothing typed here but Azure's own answers: module outputs and the Key Vault secrets), and the real app process
/// started in Production with exactly those settings on PostgreSQL. It must come up healthy; without any one required
/// setting it must refuse to start and name it.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class BicepProductionStartTests(PostgresCluster postgres, BicepProductionStartTests.CompiledBicep bicep) : IClassFixture<BicepProductionStartTests.CompiledBicep>
{
    private const string KeyVaultReference = "@Microsoft.KeyVault(";

    /// <summary>The settings a Production start cannot do without (ProductionReadiness names each).</summary>
    public static TheoryData<string> Required => new(
        "Bot:MicrosoftAppType", "Bot:MicrosoftAppId", "Bot:MicrosoftAppPassword", "Bot:MicrosoftAppTenantId",
        "Database:Provider", "ConnectionStrings:Default", "App:PublicBaseUrl", "AdminApi:Authority", "AdminApi:Audience");

    [PostgresFact]
    public async Task WithTheSettingsTheBicepProduces_TheAppStartsInProduction_AndIsReady()
    {
        var settings = await bicep.SettingsAsync(postgres);
        Assert.Equal("Production", settings["ASPNETCORE_ENVIRONMENT"]);
        Assert.Equal("Postgres", settings["Database:Provider"]);
        Assert.StartsWith("https://cspbot-web-", settings["App:PublicBaseUrl"], StringComparison.Ordinal);
        Assert.EndsWith(".azurewebsites.net", settings["App:PublicBaseUrl"], StringComparison.Ordinal);

        await using var app = AppProcess.Start("bicep-production", settings.ToDictionary(s => s.Key, s => (string?)s.Value));
        await app.WaitForHealthAsync(HttpStatusCode.OK, TimeSpan.FromSeconds(120));

        Assert.Equal(HttpStatusCode.OK, (await app.Client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Client.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(["169.254.0.0/16"], [settings["ForwardedHeaders:KnownNetworks:0"]]);

        // The front end forwards HTTPS requests over HTTP with X-Forwarded-Proto (from loopback here, which is trusted as
        // the App Service front ends' network is): served as HTTPS. Plain HTTP is redirected to the public address.
        static HttpRequestMessage ViaTheFrontEnd(string path) => new(HttpMethod.Get, path) { Headers = { { "X-Forwarded-Proto", "https" } } };
        Assert.Equal(HttpStatusCode.OK, (await app.Client.SendAsync(ViaTheFrontEnd("/privacy"))).StatusCode);
        using var noRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.Client.BaseAddress };
        var plain = await noRedirects.GetAsync("/privacy");
        Assert.Equal(HttpStatusCode.PermanentRedirect, plain.StatusCode);
        Assert.Equal(settings["App:PublicBaseUrl"] + "/privacy", plain.Headers.Location!.ToString());
        // The operations API and the dashboard are configured for Entra tokens: without one, 401 (not a 500, not 403).
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Client.SendAsync(ViaTheFrontEnd("/api/admin/periods/2026-27-Q3/audit.csv"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Client.SendAsync(ViaTheFrontEnd("/hangfire"))).StatusCode);
        // EF Core logs one failed query when it first looks for its history table in an empty database; nothing else.
        var errors = app.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.Contains("FROM \"__EFMigrationsHistory\"", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 0, string.Join('\n', errors));
    }

    [Theory]
    [MemberData(nameof(Required))]
    public async Task WithoutOneRequiredSetting_TheAppRefusesToStart_NamingIt(string key)
    {
        var settings = await bicep.SettingsAsync(postgres: null);
        Assert.True(settings.Remove(key), $"the Bicep does not set {key}");

        await using var app = AppProcess.Start("bicep-missing-" + key, settings.ToDictionary(s => s.Key, s => (string?)s.Value));
        var exit = await app.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, exit);
        Assert.Contains(app.Lines, l => l.Contains($"- {key} ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ALoopbackPublicAddress_IsRefusedInProduction()
    {
        var settings = await bicep.SettingsAsync(postgres: null);
        settings["App:PublicBaseUrl"] = "http://localhost:3978";

        await using var app = AppProcess.Start("bicep-loopback", settings.ToDictionary(s => s.Key, s => (string?)s.Value));
        await app.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Contains(app.Lines, l => l.Contains("App:PublicBaseUrl 'http://localhost:3978' is not an https address", StringComparison.Ordinal));
    }

    /// <summary>infra/build.sh once for the class; the settings evaluated for a PostgreSQL deployment.</summary>
    public sealed class CompiledBicep : IAsyncLifetime
    {
        private readonly string folder = Path.Combine(Path.GetTempPath(), "cspbot-bicep-" + Guid.NewGuid().ToString("N"));
        private JsonObject template = [];

        public async Task InitializeAsync()
        {
            var root = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(AppProcess.WebAppPath())!, "..", "..", "..", "..", ".."));
            var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = root };
            start.ArgumentList.Add("infra/build.sh");
            start.ArgumentList.Add(folder);
            using var build = Process.Start(start)!;
            var errors = build.StandardError.ReadToEndAsync();
            await build.StandardOutput.ReadToEndAsync();
            await build.WaitForExitAsync();
            Assert.True(build.ExitCode == 0, "infra/build.sh failed: " + await errors);
            template = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "main.json")))!.AsObject();
        }

        /// <summary>
        /// The web app's settings for a PostgreSQL deployment, with each Key Vault reference resolved as App Service
        /// would: the connection string to this run's PostgreSQL database (or a placeholder when none is needed).
        /// </summary>
        public async Task<Dictionary<string, string>> SettingsAsync(PostgresCluster? postgres)
        {
            var arm = new ArmTemplate(
                template,
                new Dictionary<string, JsonNode?>
                {
                    ["botAppId"] = "3f2504e0-4f89-41d3-9a0c-0305e82c3301",
                    ["databaseEngine"] = "Postgres",
                    ["postgresAdminPassword"] = "not-used-here",
                },
                new Dictionary<string, IReadOnlyDictionary<string, string>>
                {
                    ["identity"] = new Dictionary<string, string> { ["clientId"] = "9a0c0305-e82c-4f89-41d3-3f2504e03301", ["principalId"] = "5e6f7a8b-0000-4000-8000-000000000001", ["id"] = "/identity", ["name"] = "id-cspbot" },
                    ["monitoring"] = new Dictionary<string, string> { ["appInsightsConnectionString"] = "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://127.0.0.1:9/", ["appInsightsName"] = "appi-cspbot" },
                    ["keyVault"] = new Dictionary<string, string> { ["sqlConnectionStringUri"] = "https://kv-cspbot.vault.azure.net/secrets/SqlConnectionString", ["botCredentialUri"] = "https://kv-cspbot.vault.azure.net/secrets/BotAppPassword", ["name"] = "kv-cspbot" },
                });
            var settings = arm.AppSettings();
            var secrets = new Dictionary<string, string>
            {
                ["SqlConnectionString"] = postgres is null ? "Host=127.0.0.1;Port=1;Database=none" : await postgres.CreateDatabaseAsync("bicep"),
                ["BotAppPassword"] = "client-secret-from-key-vault",
            };
            foreach (var (key, value) in settings.Where(s => s.Value.StartsWith(KeyVaultReference, StringComparison.Ordinal)).ToList())
            {
                var name = value.TrimEnd(')').Split('/')[^1];
                settings[key] = secrets[name];
            }

            return settings;
        }

        public Task DisposeAsync()
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }

            return Task.CompletedTask;
        }
    }
}
