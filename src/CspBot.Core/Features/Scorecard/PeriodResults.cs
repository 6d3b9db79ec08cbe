using System.Collections.Concurrent;
using CspBot.Core.Domain;
using CspBot.Core.Features.Returns;
using CspBot.Core.Features.Variation;
using CspBot.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CspBot.Core.Features.Scorecard;

/// <summary>One item's standing for a period, as the scorecard, the exception report and the digest show it.</summary>
public sealed record ItemResult(
    ItemKind Kind,
    string Ref,
    string Title,
    string OutcomeCode,
    string OutcomeTitle,
    string OwnerName,
    string Agency,
    bool Restricted,
    bool Returned,
    ActionStatus? Status,
    Rag? Rag,
    IndicatorAssessment? Indicator,
    Indicator? Definition,
    IndicatorValue? Figures,
    string? Commentary,
    string? Measures,
    DateOnly? RevisedDate)
{
    /// <summary>Red first, then Amber, Green, Complete, then not yet known.</summary>
    public int Severity => Rag switch
    {
        Scorecard.Rag.Red => 0,
        Scorecard.Rag.Amber => 1,
        Scorecard.Rag.Green => Status == ActionStatus.Complete ? 3 : 2,
        _ => 4,
    };

    /// <summary>An indicator's quarterly chart to the period (variation, assurance, change on last year); null for an action.</summary>
    public IndicatorSpcResult? Spc { get; init; }
}

/// <summary>Every action and indicator of a period with RAG, direction of travel and the owner's words.</summary>
public sealed record PeriodResults(ReportingPeriod Period, DateOnly Deadline, IReadOnlyList<ItemResult> Items, IReadOnlyList<StrategicOutcome> Outcomes)
{
    public IEnumerable<ItemResult> Actions => Items.Where(i => i.Kind == ItemKind.Action);

    public IEnumerable<ItemResult> Indicators => Items.Where(i => i.Kind == ItemKind.Indicator);
}

public sealed class PeriodResultsBuilder(CspDbContext db, OwedItems owed, ReportingCycle cycle, IndicatorSpc charts, PeriodResultsCache cache)
{
    /// <summary>
    /// The period's results, reused while nothing has changed: every change to returns, plans, indicators, members,
    /// meetings and deadlines is written to the change history, so its latest id says whether a stored result is still
    /// the truth (one indexed read instead of a thousand rows). Kept at most <see cref="PeriodResultsCache.Lifetime"/>.
    /// </summary>
    public async Task<PeriodResults> BuildAsync(ReportingPeriod period, CancellationToken cancellationToken)
    {
        var version = await db.ChangeHistory.MaxAsync(c => (long?)c.Id, cancellationToken) ?? 0;
        if (cache.TryGet(period, version) is { } cached)
        {
            return cached;
        }

        var built = await ReadAsync(period, cancellationToken);
        cache.Store(period, version, built);
        return built;
    }

    private async Task<PeriodResults> ReadAsync(ReportingPeriod period, CancellationToken cancellationToken)
    {
        var items = await owed.AllAsync(period, cancellationToken);
        var deadline = await cycle.DeadlineAsync(period, cancellationToken);
        var outcomes = await db.Outcomes.AsNoTracking().OrderBy(o => o.Code).ToListAsync(cancellationToken);

        // Every indicator's chart in one read, not one per indicator.
        var spc = await charts.ReadAllAsync(period, cancellationToken);
        var results = items.Select(item =>
        {
            if (item.Kind == ItemKind.Action)
            {
                var status = item.Return?.Status;
                Rag? rag = status switch
                {
                    ActionStatus.Red => Rag.Red,
                    ActionStatus.Amber => Rag.Amber,
                    ActionStatus.Green or ActionStatus.Complete => Rag.Green,
                    _ => null,
                };
                return new ItemResult(ItemKind.Action, item.Ref, item.Title, item.Outcome!.Code, item.Outcome.Title, item.Owner!.Name, item.Agency,
                    item.Restricted, item.Returned, status, rag, null, null, null, item.Return?.Commentary, item.Return?.MeasuresToImprove, item.Return?.RevisedDate);
            }

            var indicator = item.Indicator!;
            var assessment = IndicatorAssessment.Of(indicator, item.Actual, item.Figures?.PreviousYear);
            return new ItemResult(ItemKind.Indicator, item.Ref, item.Title, indicator.Outcome.Code, indicator.Outcome.Title, indicator.Owner.Name, item.Agency,
                false, item.Returned, null, assessment.Rag, assessment, indicator, item.Figures, item.Return?.Commentary, item.Return?.MeasuresToImprove, null)
            {
                Spc = spc.GetValueOrDefault(item.Ref),
            };
        }).ToList();
        return new PeriodResults(period, deadline.Date, results, outcomes);
    }
}

/// <summary>The last results built for each period, with the change-history version they were built at.</summary>
public sealed class PeriodResultsCache(TimeProvider clock)
{
    /// <summary>A safety net for changes made outside the change history (none are known): results are rebuilt after this.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<ReportingPeriod, (long Version, long BuiltAt, PeriodResults Results)> results = new();

    public PeriodResults? TryGet(ReportingPeriod period, long version) =>
        results.TryGetValue(period, out var entry) && entry.Version == version && clock.GetElapsedTime(entry.BuiltAt) < Lifetime
            ? entry.Results
            : null;

    public void Store(ReportingPeriod period, long version, PeriodResults built) =>
        results[period] = (version, clock.GetTimestamp(), built);
}
