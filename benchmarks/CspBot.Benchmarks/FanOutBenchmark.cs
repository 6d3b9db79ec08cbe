using System.Diagnostics;
using CspBot.Core.Domain;
using CspBot.Core.Features.Messaging;
using CspBot.Core.Features.Reminders;
using CspBot.Core.Persistence;
using CspBot.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CspBot.Benchmarks;

/// <summary>
/// The 09:00 reminder run for <c>owners</c> owners, each with an outstanding action: the reminder scan (what is
/// owed, the cards, the outbox), then the outbox delivered through the real Teams adapter to a
/// <see cref="ThrottlingConnector"/> whose tenant limit is scaled up to <c>rps</c> so thousands of recipients take seconds.
/// </summary>
internal static class FanOutBenchmark
{
    public static async Task<IReadOnlyList<Figure>> RunAsync(int owners, double rps, TextWriter log, bool nullMessenger = false, bool scanOnly = false)
    {
        await using var connector = await ThrottlingConnector.StartAsync(new ConnectorLimits { TenantRequestsPerSecond = rps });
        using var host = new BenchHost(new Dictionary<string, string?>
        {
            ["Outbox:RequestsPerSecond"] = rps.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Outbox:MaxConcurrency"] = "32",
        }, services => { if (nullMessenger) { services.AddSingleton<ITeamsMessenger, NullMessenger>(); } });
        _ = host.Services;
        var period = ReportingPeriod.Parse("2025-26 Q2");
        await host.InScopeAsync(async sp =>
        {
            await PartnershipData.SeedAsync(sp.GetRequiredService<CspDbContext>(), connector.ServiceUrl, period, owners, actions: owners, indicators: 0, returnedShare: 0);
            return 0;
        });
        await host.MoveToDeadlineDayAsync(new DateTimeOffset(2025, 10, 6, 9, 0, 0, TimeSpan.Zero));
        log.WriteLine($"fan-out {owners}: seeded");

        var scan = Stopwatch.StartNew();
        var run = await host.InScopeAsync(sp => sp.GetRequiredService<ReminderRun>().RunAsync(CancellationToken.None));
        scan.Stop();
        log.WriteLine($"fan-out {owners}: scan {scan.ElapsedMilliseconds} ms, queued {run.Queued} ({string.Join(", ", run.Stages)})");

        var expected = run.Queued;
        if (scanOnly)
        {
            return [new($"reminder scan, {owners:N0} owners", "scan", FigureTable.Ms(scan.Elapsed.TotalMilliseconds), "< 2 s", scan.Elapsed < TimeSpan.FromSeconds(2))];
        }

        var sendStartedAt = Stopwatch.GetTimestamp();
        var send = Stopwatch.StartNew();
        int delivered;
        long peakHeap, peakWorkingSet, baseline;
        using (var memory = new MemoryWatch())
        {
            delivered = await host.InScopeAsync(sp => sp.GetRequiredService<OutboxSender>().SendDueAsync(CancellationToken.None));
            send.Stop();
            baseline = memory.BaselineHeap;
            await memory.DisposeAsync();
            peakHeap = memory.PeakHeap;
            peakWorkingSet = memory.PeakWorkingSet;
        }

        var (sent, pending, failed) = await host.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<CspDbContext>();
            var byStatus = await db.Outbox.GroupBy(o => o.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
            return (byStatus.GetValueOrDefault(OutboxStatus.Sent), byStatus.GetValueOrDefault(OutboxStatus.Pending), byStatus.GetValueOrDefault(OutboxStatus.Failed));
        });
        var errors = await host.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<CspDbContext>();
            return await db.Outbox.Where(o => o.Status != OutboxStatus.Sent && o.LastError != null)
                .GroupBy(o => o.LastError).Select(g => new { Error = g.Key, Count = g.Count() }).OrderByDescending(g => g.Count).Take(3).ToListAsync();
        });
        foreach (var error in errors)
        {
            log.WriteLine($"fan-out {owners}: {error.Count} unsent with: {error.Error}");
        }

        var received = connector.Delivered;
        var duplicates = received - connector.Conversations;
        var lost = expected - connector.Conversations;
        var rate = received / send.Elapsed.TotalSeconds;
        var spanRate = received / connector.DeliverySpan.TotalSeconds;
        var pauses = host.Services.GetRequiredService<SendThrottle>().Pauses;
        log.WriteLine($"fan-out {owners}: {received} received in {send.ElapsedMilliseconds} ms; outbox sent {sent}, pending {pending}, failed {failed}; 429s tenant {connector.TenantThrottled}, conversation {connector.ConversationThrottled}; pauses {pauses}");

        var name = $"fan-out, {owners:N0} owners";
        return
        [
            new(name, "reminder scan (find owners, build cards, queue)", FigureTable.Ms(scan.Elapsed.TotalMilliseconds), "< 2 s", scan.Elapsed < TimeSpan.FromSeconds(2)),
            new(name, "delivered / expected", $"{received:N0} / {expected:N0}", "all", received == expected && expected == owners),
            new(name, "time to deliver", FigureTable.Ms(send.Elapsed.TotalMilliseconds)),
            new(name, "first delivery after", FigureTable.Ms(Stopwatch.GetElapsedTime(sendStartedAt, connector.FirstDeliveryAt).TotalMilliseconds)),
            new(name, $"achieved rate over the whole run (ceiling {rps:0} req/s)", $"{FigureTable.Number(rate, "0.0")} req/s = {FigureTable.Number(100 * rate / rps, "0.0")}%",
                owners >= 10_000 ? ">= 97%" : "", owners >= 10_000 ? rate / rps >= 0.97 : null),
            new(name, "rate between first and last delivery", $"{FigureTable.Number(spanRate, "0.0")} req/s = {FigureTable.Number(100 * spanRate / rps, "0.0")}%"),
            new(name, "429 answers (tenant + conversation)", $"{connector.TenantThrottled + connector.ConversationThrottled}"),
            new(name, "duplicates", $"{duplicates}", "0", duplicates == 0),
            new(name, "lost (expected, never delivered)", $"{lost}", "0", lost == 0),
            new(name, "peak managed heap during delivery (baseline)", $"{FigureTable.Mb(peakHeap)} ({FigureTable.Mb(baseline)})"),
            new(name, "peak working set during delivery", FigureTable.Mb(peakWorkingSet)),
        ];
    }
}

/// <summary>For measuring the sender without Teams: every send succeeds at once.</summary>
internal sealed class NullMessenger : ITeamsMessenger
{
    public Task<SendResult> SendAsync(ConversationAddress to, CspBot.Core.Features.Conversation.BotReply message, CancellationToken cancellationToken) =>
        Task.FromResult(new SendResult(SendOutcome.Sent, "null"));
}
