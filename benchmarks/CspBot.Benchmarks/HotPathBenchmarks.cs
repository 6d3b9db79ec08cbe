using BenchmarkDotNet.Attributes;
using CspBot.Core.Domain;
using CspBot.Core.Features.Messaging;
using CspBot.Core.Features.Returns;
using Microsoft.Extensions.Options;

namespace CspBot.Benchmarks;

/// <summary>BenchmarkDotNet micro-benchmarks of the per-message hot paths (run with the micro option of scripts/bench.sh).</summary>
[MemoryDiagnoser]
public class HotPathBenchmarks
{
    private readonly SendThrottle throttle = new(TimeProvider.System, Options.Create(new OutboxOptions { RequestsPerSecond = 1e9, Burst = 1_000_000 }));
    private readonly PeriodSummary summary = new(ReportingPeriod.Parse("2025-26 Q2"), new DateOnly(2025, 10, 21));
    private readonly Member owner = new() { Email = "owner@council.example", Name = "Owner", Agency = "Council", TeamsUserId = "29:owner" };
    private IReadOnlyList<OwedItem> items = [];
    private readonly string[] conversations = Enumerable.Range(0, 10_000).Select(i => $"a:owner{i}").ToArray();
    private int conversation;

    [GlobalSetup]
    public void Setup() =>
        items = Enumerable.Range(0, 22)
            .Select(i => new OwedItem(ItemKind.Action, $"A-{i:D5}", $"Action {i}: deliver the commitment", "Delivery plan 1 · due 2025-26 Q4", "owner@partner.example", "Council", false, null, null, null))
            .ToList();

    /// <summary>
    /// Asking the throttle for a slot among 10,000 conversations (the cost every proactive send pays); never waits,
    /// so busy conversations answer with their wait at once.
    /// </summary>
    [Benchmark]
    public Task<TimeSpan?> ThrottleSlot() =>
        throttle.WaitTurnAsync(conversations[conversation++ % conversations.Length], TimeSpan.Zero, CancellationToken.None);

    /// <summary>An owner's reminder card (the list of 22 items they owe).</summary>
    [Benchmark]
    public int ReminderCard() => ReturnCards.List(summary, items, 0, owner, heading: "Your returns for 2025-26 Q2 are due today").Count;
}
