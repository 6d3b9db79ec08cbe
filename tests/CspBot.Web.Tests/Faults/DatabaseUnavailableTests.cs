using System.Net;
using CspBot.Web.Tests.Support;
using Xunit.Abstractions;

namespace CspBot.Web.Tests.Faults;

/// <summary>
/// PostgreSQL down when CspBot starts: the process stays up, says why in its log, answers /health 503 and runs no jobs;
/// when the server comes back it migrates, starts the scheduler and turns healthy without a restart. A database that
/// goes away later turns /health red again until it returns.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class DatabaseUnavailableTests(PostgresCluster postgres, ITestOutputHelper output) : IAsyncLifetime
{
    private AppProcess? app;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            output.WriteLine(app.Log);
            await app.DisposeAsync();
        }

        if (PostgresCluster.Unavailable is null && !postgres.IsRunning)
        {
            await postgres.StartAsync();
        }
    }

    [PostgresFact]
    public async Task DatabaseDownAtStart_ProcessStaysUpUnhealthy_ThenMigratesAndRecoversWithoutARestart()
    {
        var database = await postgres.CreateDatabaseAsync("down");
        await postgres.StopAsync();

        app = AppProcess.Start("instance", new Dictionary<string, string?>
        {
            ["Database:Provider"] = "PostgreSQL",
            ["ConnectionStrings:Default"] = database,
            ["Demo:Seed"] = "true",
            ["Demo:Anchor"] = DemoMembers.AuthoredFor,
        });
        await app.WaitForLogAsync("The Postgres database is unavailable or could not be prepared");
        await app.WaitForHealthAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "Unhealthy"), await app.HealthAsync());
        Assert.Contains(app.Lines, l => l.StartsWith("fail:", StringComparison.Ordinal) && l.Contains("Failed to connect to 127.0.0.1", StringComparison.Ordinal));
        Assert.False(app.HasExited);

        await postgres.StartAsync();
        await app.WaitForHealthAsync(HttpStatusCode.OK);
        await app.WaitForLogAsync("is available again");
        Assert.Equal(HttpStatusCode.OK, (await app.Client.GetAsync("/api/admin/periods/2025-26-Q2/deadline")).StatusCode);
        var storage = SharedHangfire.Open(database);
        await SharedHangfire.WaitForRecurringJobsAsync(storage);

        // Gone again while running: red at once (no start-up retries involved), green when it is back.
        await postgres.StopAsync();
        await app.WaitForHealthAsync(HttpStatusCode.ServiceUnavailable);
        await postgres.StartAsync();
        await app.WaitForHealthAsync(HttpStatusCode.OK);
        Assert.False(app.HasExited);
    }

}
