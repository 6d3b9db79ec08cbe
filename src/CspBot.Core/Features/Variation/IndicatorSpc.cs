using CspBot.Core.Domain;
using CspBot.Core.Features.Decisions;
using CspBot.Core.Features.Police;
using CspBot.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CspBot.Core.Features.Variation;

/// <summary>Quarters (the indicator's values) or months (a police-fed indicator's monthly counts).</summary>
public enum SpcGrain
{
    Quarter,
    Month,
}

/// <summary>
/// An indicator's chart for a period, with its flagged points, the latest point's variation, the assurance against the
/// target in force for the period and the change on the same quarter last year.
/// </summary>
public sealed record IndicatorSpcResult(
    string Ref,
    string Unit,
    Polarity? Polarity,
    ReportingPeriod Period,
    SpcGrain Grain,
    decimal Target,
    XmrChart Chart,
    IReadOnlyList<FlaggedPoint> Points,
    VariationType Variation,
    AssuranceType? Assurance,
    ChangeOnLastYear Change)
{
    /// <summary>For a police-fed indicator: whether its change on last year differs from each comparator's beyond chance.</summary>
    public IReadOnlyList<ComparedChange> Comparisons { get; init; } = [];

    /// <summary>Where the current segment starts (a rebase); null when the chart has one segment.</summary>
    public ReportingPeriod? SegmentStart { get; init; }

    /// <summary>The points before the current segment: shown, but not part of its limits or rules.</summary>
    public IReadOnlyList<ChartPoint> Earlier { get; init; } = [];

    /// <summary>How many of the latest points a chart draws (three years of quarters): the paper's and the Dashboard's.</summary>
    public const int Shown = 12;

    /// <summary>The segment's latest <see cref="Shown"/> points, as the Dashboard draws and tabulates them (limits from the whole segment).</summary>
    public IReadOnlyList<FlaggedPoint> Latest => Points.Count <= Shown ? Points : [.. Points.TakeLast(Shown)];
}

/// <summary>Reads an indicator's series for a period and judges it (the pure rules are <see cref="XmrChart"/>, <see cref="SpecialCauseRules"/>, <see cref="VariationRules"/> and <see cref="ChangeOnLastYear"/>).</summary>
public sealed class IndicatorSpc(CspDbContext db, ILogger<IndicatorSpc> logger)
{
    /// <summary>In the language now.</summary>
    public static string MonthlyIsForPolice => VariationText.MonthlyIsForPolice;

    /// <summary>
    /// The chart of <paramref name="reference"/> up to and including <paramref name="period"/>; null when there is no
    /// such indicator, refused when months are asked of an indicator that is not police-fed. The current segment starts
    /// at <paramref name="segmentStart"/> when given, else at the latest rebase at or before the period
    /// (<see cref="SpcRebases"/>); its limits come from its own points, the points before it are
    /// <see cref="IndicatorSpcResult.Earlier"/>.
    /// </summary>
    public async Task<Refusable<IndicatorSpcResult>?> ReadAsync(string reference, ReportingPeriod period, SpcGrain grain, CancellationToken cancellationToken, ReportingPeriod? segmentStart = null)
    {
        var wanted = reference.Trim().ToUpperInvariant();
        var indicator = await db.Indicators.AsNoTracking().FirstOrDefaultAsync(i => i.Ref.ToUpper() == wanted, cancellationToken);
        if (indicator is null)
        {
            return null;
        }

        var figures = await QuarterlyFiguresAsync([indicator], cancellationToken);
        var changes = await db.TargetChanges.AsNoTracking().Where(t => t.IndicatorId == indicator.Id).ToListAsync(cancellationToken);
        var rebases = await db.SpcRebases.AsNoTracking().Where(r => r.IndicatorId == indicator.Id).ToListAsync(cancellationToken);
        var start = segmentStart ?? SpcRebases.SegmentStart(rebases, period);
        IReadOnlyList<ChartPoint>? months = null;
        if (grain == SpcGrain.Month)
        {
            months = await MonthlyCountsAsync(indicator, period, cancellationToken);
            if (months is null)
            {
                return Refusable<IndicatorSpcResult>.No(MonthlyIsForPolice);
            }
        }

        var result = Judge(indicator, figures.GetValueOrDefault(indicator.Id) ?? [], TargetChanges.TargetFor(indicator.Target, changes, period), start, period, months);
        logger.LogDebug("Charted {Indicator} to {Period} by {Grain}: {Points} points from {SegmentStart}, {Variation}, {Assurance}", indicator.Ref, period, grain, result.Chart.Points.Count, start, result.Variation, result.Assurance);
        return Refusable<IndicatorSpcResult>.Done(result with { Comparisons = await PoliceComparisons.ReadAsync(db, indicator.Id, period, cancellationToken) });
    }

    /// <summary>
    /// Every indicator's quarterly chart for <paramref name="period"/> at once (a handful of queries, whatever the
    /// number of indicators), by reference (case-insensitive), or of <paramref name="only"/> those: what the paper, the
    /// scorecard, the digest, the Dashboard and the forms read. The police comparisons are left out.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, IndicatorSpcResult>> ReadAllAsync(ReportingPeriod period, CancellationToken cancellationToken, IReadOnlyCollection<string>? only = null)
    {
        var wanted = only?.Select(r => r.ToUpperInvariant()).ToList();
        var indicators = await db.Indicators.AsNoTracking().Where(i => wanted == null || wanted.Contains(i.Ref.ToUpper())).ToListAsync(cancellationToken);
        var figures = await QuarterlyFiguresAsync(indicators, cancellationToken);
        var changes = (await db.TargetChanges.AsNoTracking().ToListAsync(cancellationToken)).ToLookup(t => t.IndicatorId);
        var rebases = (await db.SpcRebases.AsNoTracking().Where(r => !r.Withdrawn).ToListAsync(cancellationToken)).ToLookup(r => r.IndicatorId);
        return indicators.ToDictionary(
            i => i.Ref,
            i => Judge(i, figures.GetValueOrDefault(i.Id) ?? [], TargetChanges.TargetFor(i.Target, changes[i.Id], period), SpcRebases.SegmentStart(rebases[i.Id], period), period),
            StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The one place an indicator's series becomes a judged chart: the points up to the period, split at the segment's
    /// start; the chart, flags and variation of the segment; the assurance against <paramref name="target"/> (the one in
    /// force for the period); the change on last year. <paramref name="months"/>: the monthly counts instead of the quarters.
    /// </summary>
    public static IndicatorSpcResult Judge(
        Indicator indicator,
        IReadOnlyDictionary<ReportingPeriod, (decimal? Actual, decimal? PreviousYear)> figures,
        decimal target,
        ReportingPeriod? segmentStart,
        ReportingPeriod period,
        IReadOnlyList<ChartPoint>? months = null)
    {
        var current = figures.GetValueOrDefault(period);
        var lastYear = figures.GetValueOrDefault(period.SamePeriodLastYear).Actual ?? current.PreviousYear;
        var change = ChangeOnLastYear.Of((double?)current.Actual, (double?)lastYear, indicator.Unit);
        var grain = months is null ? SpcGrain.Quarter : SpcGrain.Month;

        IReadOnlyList<ChartPoint> all;
        string first;
        bool periodHasValue;
        if (months is not null)
        {
            all = months;
            first = segmentStart is { } start ? PoliceData.MonthsOf(start)[0] : string.Empty;
            periodHasValue = months.Count > 0 && months[^1].Period == PoliceData.MonthsOf(period)[^1];
        }
        else
        {
            all = [.. figures.Where(f => f.Key <= period && f.Value.Actual is not null).OrderBy(f => f.Key).Select(f => new ChartPoint(f.Key.Id, (double)f.Value.Actual!.Value))];
            first = segmentStart?.Id ?? string.Empty;
            periodHasValue = current.Actual is not null;
        }

        // Periods ("2025-26-Q1") and months ("2025-09") both order as text.
        var points = all.Where(p => string.CompareOrdinal(p.Period, first) >= 0).ToList();
        var earlier = all.Where(p => string.CompareOrdinal(p.Period, first) < 0).ToList();
        var chart = XmrChart.From(points);
        var flagged = SpecialCauseRules.Flag(chart);
        var variation = VariationRules.Latest(chart, flagged, indicator.Polarity, periodHasValue);

        // A quarterly target says nothing about a month's count.
        var assurance = grain == SpcGrain.Quarter ? VariationRules.Assurance(chart, (double)target, indicator.Polarity) : null;
        return new IndicatorSpcResult(indicator.Ref, indicator.Unit, indicator.Polarity, period, grain, target, chart, flagged, variation, assurance, change)
        {
            SegmentStart = segmentStart,
            Earlier = earlier,
        };
    }

    /// <summary>
    /// Each quarter's figure as the scorecard reads it (<see cref="Scorecard.PeriodResultsBuilder"/>): the owner's
    /// returned figure, else the stored (imported or counted) one; with the stored figure for last year.
    /// </summary>
    private async Task<Dictionary<int, Dictionary<ReportingPeriod, (decimal? Actual, decimal? PreviousYear)>>> QuarterlyFiguresAsync(IReadOnlyList<Indicator> indicators, CancellationToken cancellationToken)
    {
        // One indicator's rows, or every indicator's (the paper).
        int? oneId = indicators.Count == 1 ? indicators[0].Id : null;
        var oneRef = indicators.Count == 1 ? indicators[0].Ref : null;
        var stored = await db.IndicatorValues.AsNoTracking().Where(v => oneId == null || v.IndicatorId == oneId)
            .Select(v => new { v.IndicatorId, v.Period, v.Actual, v.PreviousYear }).ToListAsync(cancellationToken);
        var returned = await db.Returns.AsNoTracking().Where(r => r.ItemKind == ItemKind.Indicator && (oneRef == null || r.ItemRef == oneRef) && r.Actual != null)
            .Select(r => new { r.ItemRef, r.Period, r.Actual }).ToListAsync(cancellationToken);
        var byRef = indicators.ToDictionary(i => i.Ref, i => i.Id, StringComparer.Ordinal);
        var figures = indicators.ToDictionary(i => i.Id, _ => new Dictionary<ReportingPeriod, (decimal? Actual, decimal? PreviousYear)>());
        foreach (var v in stored.Where(v => figures.ContainsKey(v.IndicatorId)))
        {
            figures[v.IndicatorId][v.Period] = (v.Actual, v.PreviousYear);
        }

        foreach (var r in returned)
        {
            if (byRef.TryGetValue(r.ItemRef, out var id))
            {
                figures[id][r.Period] = (r.Actual, figures[id].GetValueOrDefault(r.Period).PreviousYear);
            }
        }

        return figures;
    }

    /// <summary>The quarters <paramref name="indicator"/> has a figure for (stored or returned), in order: where a rebase may start.</summary>
    public async Task<IReadOnlyList<ReportingPeriod>> QuartersWithFiguresAsync(Indicator indicator, CancellationToken cancellationToken) =>
        [.. (await QuarterlyFiguresAsync([indicator], cancellationToken))[indicator.Id].Where(f => f.Value.Actual is not null).Select(f => f.Key).Order()];

    /// <summary>
    /// A police-fed indicator's monthly counts for its area and crime types, up to the period's last month: the months
    /// that are there for the area by the figures' own rule (<see cref="StoredCounts"/>: its covering force's file).
    /// Null for an indicator that is not police-fed.
    /// </summary>
    private async Task<IReadOnlyList<ChartPoint>?> MonthlyCountsAsync(Indicator indicator, ReportingPeriod period, CancellationToken cancellationToken)
    {
        var source = await db.PoliceSources.AsNoTracking().FirstOrDefaultAsync(s => s.IndicatorId == indicator.Id, cancellationToken);
        if (source is null)
        {
            return null;
        }

        var parts = PoliceSourceParts.Of(source);
        var (types, area, byLsoa) = (parts.CrimeTypes, parts.Area, parts.ByLsoa);
        var last = PoliceData.MonthsOf(period)[^1];
        var months = (await db.PoliceFiles.AsNoTracking().Select(f => f.Month).Distinct().ToListAsync(cancellationToken))
            .Where(m => string.CompareOrdinal(m, last) <= 0).Order(StringComparer.Ordinal).ToList();
        var stored = await StoredCounts.LoadAsync(db, months, cancellationToken, types, area);
        var force = stored.CoveringForce(area);
        return [.. months.Where(m => stored.Has(m, area, byLsoa, force)).Select(m => new ChartPoint(m, stored.Sum(m, area, byLsoa, types)))];
    }
}
