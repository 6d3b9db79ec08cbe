using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CspBot.Core.Persistence;
using CspBot.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CspBot.Web.Tests.Hosting;

public class HostTests
{
    [Fact]
    public async Task Startup_EmptyFolder_CreatesSqliteDatabaseWithEveryMigration_AndHealthIsHealthy()
    {
        await using var app = new CspBotApp(seedDemo: false);
        var client = app.CreateClient();

        var health = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync());
        Assert.True(File.Exists(app.DatabaseFile));
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CspDbContext>();
        Assert.IsType<SqliteCspDbContext>(db);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
        // Write-ahead logging, so readers never make a writer fail with "database is locked".
        var journal = await db.Database.SqlQueryRaw<string>("PRAGMA journal_mode").ToListAsync();
        Assert.Equal("wal", Assert.Single(journal));
    }

    [Fact]
    public async Task Health_DatabaseUnreachable_IsUnhealthy()
    {
        await using var app = new CspBotApp(seedDemo: false);
        var client = app.CreateClient();
        await client.GetAsync("/health");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(app.DatabaseFile);
        Directory.Delete(Path.GetDirectoryName(app.DatabaseFile)!);

        var health = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
    }

    [Fact]
    public async Task Clock_PutNow_MovesTheApplicationClock_AndNullResets()
    {
        await using var app = new CspBotApp(seedDemo: false);
        var client = app.CreateClient();

        var set = await client.PutAsJsonAsync("/api/admin/clock", new { now = "2026-01-05T09:00:00Z" });
        var clock = app.Services.GetRequiredService<TimeProvider>();

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.InRange(clock.GetUtcNow(), DateTimeOffset.Parse("2026-01-05T09:00:00Z"), DateTimeOffset.Parse("2026-01-05T09:01:00Z"));
        var reset = await client.PutAsJsonAsync("/api/admin/clock", new { now = (string?)null });
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.InRange(clock.GetUtcNow(), DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task Clock_MalformedDate_Is400AndLeavesClockAlone()
    {
        await using var app = new CspBotApp(seedDemo: false);
        var client = app.CreateClient();

        var response = await client.PutAsync("/api/admin/clock", JsonContent.Create(new JsonObject { ["now"] = "next tuesday" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.InRange(app.Services.GetRequiredService<TimeProvider>().GetUtcNow(), DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task Clock_InProduction_IsNotMapped()
    {
        // A complete Production configuration, so the start-up check (ProductionReadiness) lets the host start.
        var production = new Dictionary<string, string?>
        {
            ["Bot:MicrosoftAppType"] = "SingleTenant",
            ["Bot:MicrosoftAppId"] = "3f2504e0-4f89-41d3-9a0c-0305e82c3301",
            ["Bot:MicrosoftAppPassword"] = "not-used-by-this-test",
            ["Bot:MicrosoftAppTenantId"] = "72f988bf-86f1-41af-91ab-2d7cd011db47",
            ["Database:AllowSqliteInProduction"] = "true",
            ["App:PublicBaseUrl"] = "https://cspbot.example",
            ["AdminApi:Authority"] = "https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0",
            ["AdminApi:Audience"] = "api://cspbot",
        };
        await using var app = new CspBotApp(seedDemo: false, production, environment: "Production");
        var client = app.CreateClient();

        var response = await client.PutAsJsonAsync("/api/admin/clock", new { now = "2026-01-05T09:00:00Z" });

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.IsNotType<CspBot.Core.Scheduling.ApplicationClock>(app.Services.GetRequiredService<TimeProvider>());
    }
}
