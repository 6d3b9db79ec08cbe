using System.Diagnostics;
using CspBot.Core.Domain;
using CspBot.Core.Features.Messaging;
using CspBot.Core.Features.Reminders;
using CspBot.Core.Persistence;
using CspBot.Testing;
using Hangfire;
using Hangfire.InMemory;
using Microsoft.Extensions.DependencyInjection;

namespace CspBot.Benchmarks;

/// <summary>
/// Two instances sending one tenant's reminders at once: two hosts on one database and one Hangfire storage (so one
/// distributed lock, as two instances share PostgreSQL or SQL Server), each running the outbox in its turn, to one
/// <see cref="ThrottlingConnector"/>. The figure is their combined rate: the most requests Teams saw in any second.
/// </summary>
internal static class TwoInstanceFanOutBenchmark
{
    public static async Task<IReadOnlyList<Figure>> RunAsync(int owners, double rps, TextWriter log)
    {
        await using var connector = await ThrottlingConnector.StartAsync(new ConnectorLimits { TenantRequestsPerSecond = rps });
        var locks = new InMemoryStorage();
        var outbox = new Dictionary<string, string?>
        {
            ["Outbox:RequestsPerSecond"] = rps.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Outbox:MaxConcurrency"] = "32",
        };
        void SharedLocks(IServiceCollection services) => services.AddSingleton<JobStorage>(locks);
        using var first = new BenchHost(outbox, SharedLocks);
        _ = first.Services;
        using var second = new BenchHost(new Dictionary<string, string?>(outbox) { ["ConnectionStrings:Default"] = $"Data Source={first.DatabaseFile}" }, SharedLocks);
        _ = second.Services;

        var period = ReportingPeriod.Parse("2025-26 Q2");
        await first.InScopeAsync(async sp =>
        {
            await PartnershipData.SeedAsync(sp.GetRequiredService<CspDbContext>(), connector.ServiceUrl, period, owners, actions: owners, indicators: 0, returnedShare: 0);
            return 0;
        });
        await first.MoveToDeadlineDayAsync(new DateTimeOffset(2025, 10, 6, 9, 0, 0, TimeSpan.Zero));
        var run = await first.InScopeAsync(sp => sp.GetRequiredService<ReminderRun>().RunAsync(CancellationToken.None));
        log.WriteLine($"two instances, {owners}: queued {run.Queued}");

        static Task<int> SendAsync(BenchHost host) => host.InScopeAsync(sp =>
            sp.GetRequiredService<OutboxSender>().SendDueInTurnAsync(sp.GetRequiredService<OutboxTurn>(), CancellationToken.None));
        var send = Stopwatch.StartNew();
        var delivered = await Task.WhenAll(SendAsync(first), SendAsync(second));
        send.Stop();

        var (most, rate) = connector.RequestsPerWindow(TimeSpan.FromSeconds(1));
        var received = connector.Delivered;
        var duplicates = received - connector.Conversations;
        var lost = run.Queued - connector.Conversations;
        log.WriteLine($"two instances, {owners}: {received} received in {send.ElapsedMilliseconds} ms (A {delivered[0]}, B {delivered[1]}); most in any second {most}; {rate:0.0} req/s");

        var name = $"two instances, {owners:N0} owners";
        return
        [
            new(name, "delivered / expected", $"{received:N0} / {run.Queued:N0}", "all", received == run.Queued && run.Queued == owners),
            new(name, $"combined: most requests in any second (limit {rps:0})", $"{most}", $"<= {rps:0}", most <= rps),
            new(name, "combined rate between first and last request", $"{FigureTable.Number(rate, "0.0")} req/s = {FigureTable.Number(100 * rate / rps, "0.0")}%"),
            new(name, "sent by each instance", $"{delivered[0]:N0} + {delivered[1]:N0}"),
            new(name, "duplicates", $"{duplicates}", "0", duplicates == 0),
            new(name, "lost (expected, never delivered)", $"{lost}", "0", lost == 0),
        ];
    }
}
