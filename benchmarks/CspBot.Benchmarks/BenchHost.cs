using System.Net.Http.Json;
using CspBot.Core.Features.Returns;
using CspBot.Core.Scheduling;
using CspBot.Web.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CspBot.Benchmarks;

/// <summary>
/// The real host (Program.cs, Testing environment) on its own SQLite file. The Hangfire server is left out, so the
/// only sender is the one a benchmark runs and nothing else competes for the database while it is timed.
/// </summary>
internal sealed class BenchHost : WebApplicationFactory<Program>
{
    private readonly string folder = Directory.CreateTempSubdirectory("cspbot-bench-").FullName;
    private readonly Dictionary<string, string?> settings;
    private readonly Action<IServiceCollection>? services;

    public BenchHost(IDictionary<string, string?>? extra = null, Action<IServiceCollection>? services = null)
    {
        this.services = services;
        settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Default"] = $"Data Source={Path.Combine(folder, "cspbot.db")}",
            ["Demo:Seed"] = "false",
            ["Logging:LogLevel:Default"] = "Error",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseContentRoot(WebProjectFolder());
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            // No Hangfire server (the app starts its only one, SchedulingServer, once the database is ready): the
            // reminder run enqueues an outbox job, and a second sender would share the timed sender's work.
            var hangfireServers = services
                .Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(SchedulingHosting.SchedulingServer))
                .ToList();
            foreach (var descriptor in hangfireServers)
            {
                services.Remove(descriptor);
            }

            this.services?.Invoke(services);
        });
    }

    /// <summary>src/CspBot.Web, found by walking up from the benchmark's output folder to the solution.</summary>
    private static string WebProjectFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "CspBot.sln")))
            {
                return Path.Combine(folder.FullName, "src", "CspBot.Web");
            }
        }

        return AppContext.BaseDirectory;
    }

    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    /// <summary>Moves the application clock to 09:00 (London) on the open period's deadline day, a reminder stage.</summary>
    public async Task<PeriodSummary> MoveToDeadlineDayAsync(DateTimeOffset inQuarter)
    {
        await SetClockAsync(inQuarter);
        var summary = await InScopeAsync(async sp =>
        {
            var cycle = sp.GetRequiredService<ReportingCycle>();
            return await cycle.SummaryAsync(cycle.OpenPeriod(), CancellationToken.None);
        });
        var nine = summary.Deadline!.Value.ToDateTime(new TimeOnly(9, 0));
        await SetClockAsync(new DateTimeOffset(nine, PartnershipTime.Zone.GetUtcOffset(nine)));
        return summary;
    }

    private async Task SetClockAsync(DateTimeOffset now) =>
        (await CreateClient().PutAsJsonAsync("/api/admin/clock", new { now })).EnsureSuccessStatusCode();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a pooled connection; the temp folder is cleaned by the OS.
        }
    }
}
