using CspBot.Core.Features.Messaging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CspBot.Core.Tests.Messaging;

/// <summary>The throttle on a fake clock: every send it lets through is logged at the fake time it was allowed.</summary>
public sealed class SendThrottleTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));

    private SendThrottle Throttle(double perSecond = 50, int burst = 0) =>
        new(clock, Options.Create(new OutboxOptions { RequestsPerSecond = perSecond, Burst = burst }));

    /// <summary>Lets <paramref name="sends"/> through, moving the clock on whenever the throttle makes them wait.</summary>
    private async Task<List<(DateTimeOffset At, string Conversation)>> RunAsync(SendThrottle throttle, IEnumerable<string> sends, int concurrency = 8)
    {
        var log = new List<(DateTimeOffset, string)>();
        var queue = new Queue<string>(sends);
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                string conversation;
                lock (queue)
                {
                    if (!queue.TryDequeue(out conversation!))
                    {
                        return;
                    }
                }

                // Sent (logged), then answered (finished), as the outbox does.
                var (later, ticket) = await throttle.ReserveAsync(conversation, TimeSpan.FromHours(2), CancellationToken.None);
                Assert.Null(later);
                lock (log)
                {
                    log.Add((clock.GetUtcNow(), conversation));
                }

                throttle.Finished(ticket!);
            }
        })).ToArray();
        var all = Task.WhenAll(workers);
        while (!all.IsCompleted)
        {
            await Task.Delay(1);
            clock.Advance(TimeSpan.FromMilliseconds(20));
        }

        await all;
        return log;
    }

    private static int MostInAnyWindow(IEnumerable<DateTimeOffset> times, TimeSpan window)
    {
        var sorted = times.OrderBy(t => t).ToList();
        var most = 0;
        for (int start = 0, end = 0; end < sorted.Count; end++)
        {
            while (sorted[end] - sorted[start] >= window)
            {
                start++;
            }

            most = Math.Max(most, end - start + 1);
        }

        return most;
    }

    [Fact]
    public async Task OneConversation_StaysWithinEveryTeamsLimit()
    {
        var log = await RunAsync(Throttle(), Enumerable.Repeat("a:busy-channel", 70));

        var times = log.Select(l => l.At).ToList();
        Assert.Equal(70, times.Count);
        Assert.True(MostInAnyWindow(times, TimeSpan.FromSeconds(1)) <= 7);
        Assert.True(MostInAnyWindow(times, TimeSpan.FromSeconds(2)) <= 8);
        Assert.True(MostInAnyWindow(times, TimeSpan.FromSeconds(30)) <= 60);
    }

    [Fact]
    public async Task ManyConversations_StayWithinTheTenantRate_InEverySecond_BurstIncluded()
    {
        var throttle = Throttle(perSecond: 20, burst: 5);
        var log = await RunAsync(throttle, Enumerable.Range(0, 200).Select(i => $"a:owner-{i}"), concurrency: 16);

        Assert.Equal(200, log.Count);
        Assert.True(MostInAnyWindow(log.Select(l => l.At), SendThrottle.TenantWindow) <= 20);
        var span = log.Max(l => l.At) - log.Min(l => l.At);
        Assert.True(span <= TimeSpan.FromSeconds(200 / 20 * 1.1), $"200 sends took {span}: far slower than 20 a second");
    }

    [Fact]
    public async Task UntilQuiet_IsAWholeTenantWindowAfterTheLastSlot()
    {
        var throttle = Throttle();
        Assert.Equal(TimeSpan.Zero, throttle.UntilQuiet());

        await RunAsync(throttle, ["a:one"]);
        Assert.True(throttle.UntilQuiet() > TimeSpan.Zero);

        clock.Advance(SendThrottle.TenantWindow);
        Assert.Equal(TimeSpan.Zero, throttle.UntilQuiet());
    }

    [Fact]
    public async Task Pause_HoldsEverySendUntilRetryAfterHasPassed()
    {
        var throttle = Throttle();
        throttle.Pause(TimeSpan.FromSeconds(10));
        var pausedAt = clock.GetUtcNow();

        var log = await RunAsync(throttle, Enumerable.Range(0, 20).Select(i => $"a:owner-{i}"));

        Assert.All(log, l => Assert.True(l.At - pausedAt >= TimeSpan.FromSeconds(10), $"sent {l.At - pausedAt} after the pause began"));
        Assert.Equal(1, throttle.Pauses);
    }

    [Fact]
    public async Task WaitTurn_LongerThanAllowed_SaysHowLongInsteadOfWaiting()
    {
        var throttle = Throttle();
        await RunAsync(throttle, Enumerable.Repeat("a:busy-channel", 60));

        var wait = await throttle.WaitTurnAsync("a:busy-channel", TimeSpan.FromSeconds(1), CancellationToken.None);

        Assert.NotNull(wait);
        Assert.True(wait > TimeSpan.FromSeconds(1));
    }
}
