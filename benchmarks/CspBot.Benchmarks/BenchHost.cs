using CspBot.Core.Features.Returns;
using CspBot.Core.Scheduling;
using CspBot.Web.Hosting;
using Microsoft.AspNetCore.Hosting;
using CspBot.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CspBot.Benchmarks;

/// <summary>
/// The real host (Program.cs, Testing environment) on its own SQLite file. The Hangfire server is left out, so the
/// only sender is the one a benchmark runs and nothing else competes for the database while it is timed.
/// </summary>
internal sealed class BenchHost(IDictionary<string, string?>? extra = null, Action<IServiceCollection>? services = null)
    : CspBotHost(Settings(extra), WithoutHangfireServer(services))
{
    private static Dictionary<string, string?> Settings(IDictionary<string, string?>? extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Demo:Seed"] = "false",
            ["Logging:LogLevel:Default"] = "Error",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>
    /// No Hangfire server (the app starts its only one, SchedulingServer, once the database is ready): the reminder
    /// run enqueues an outbox job, and a second sender would share the timed sender's work.
    /// </summary>
    private static Action<IServiceCollection> WithoutHangfireServer(Action<IServiceCollection>? more) => services =>
    {
        foreach (var descriptor in services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(SchedulingHosting.SchedulingServer)).ToList())
        {
            services.Remove(descriptor);
        }

        more?.Invoke(services);
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseContentRoot(WebProjectFolder());
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
}
