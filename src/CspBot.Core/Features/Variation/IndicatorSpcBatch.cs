using CspBot.Core.Domain;
using CspBot.Core.Features.Decisions;
using CspBot.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CspBot.Core.Features.Variation;

/// <summary>
/// Every indicator's quarterly chart for a period at once, for the scorecard, the digest and the dashboard: four
/// queries whatever the number of indicators and quarters (figures as <see cref="IndicatorSpc"/> reads them: the
/// owner's returned figure over the stored one). No comparisons with London or the Most Similar Group (those are read
/// per indicator, from the street files).
/// </summary>
public sealed class IndicatorSpcBatch(CspDbContext db, ILogger<IndicatorSpcBatch> logger)
{
    /// <summary>By indicator ref (case-insensitive): the chart of each indicator (or of <paramref name="only"/> those) up to and including <paramref name="period"/>.</summary>
    public async Task<IReadOnlyDictionary<string, IndicatorSpcResult>> ReadAsync(ReportingPeriod period, CancellationToken cancellationToken, IReadOnlyCollection<string>? only = null)
    {
        var wanted = only?.Select(r => r.ToUpperInvariant()).ToList();
        var indicators = await db.Indicators.AsNoTracking()
            .Where(i => wanted == null || wanted.Contains(i.Ref.ToUpper()))
            .ToListAsync(cancellationToken);
        if (indicators.Count == 0)
        {
            return new Dictionary<string, IndicatorSpcResult>(StringComparer.OrdinalIgnoreCase);
        }

        var ids = indicators.Select(i => i.Id).ToList();
        var stored = (await db.IndicatorValues.AsNoTracking()
                .Where(v => v.Period <= period && (wanted == null || ids.Contains(v.IndicatorId)))
                .Select(v => new { v.IndicatorId, v.Period, v.Actual, v.PreviousYear })
                .ToListAsync(cancellationToken))
            .ToLookup(v => v.IndicatorId);
        var refs = indicators.Select(i => i.Ref).ToList();
        var returned = (await db.Returns.AsNoTracking()
                .Where(r => r.ItemKind == ItemKind.Indicator && r.Actual != null && r.Period <= period && (wanted == null || refs.Contains(r.ItemRef)))
                .Select(r => new { r.ItemRef, r.Period, r.Actual })
                .ToListAsync(cancellationToken))
            .ToLookup(r => r.ItemRef, StringComparer.OrdinalIgnoreCase);
        var changes = (await db.TargetChanges.AsNoTracking()
                .Where(t => wanted == null || ids.Contains(t.IndicatorId))
                .ToListAsync(cancellationToken))
            .ToLookup(t => t.IndicatorId);

        var charts = new Dictionary<string, IndicatorSpcResult>(StringComparer.OrdinalIgnoreCase);
        foreach (var indicator in indicators)
        {
            var figures = stored[indicator.Id].ToDictionary(v => v.Period, v => (v.Actual, v.PreviousYear));
            foreach (var r in returned[indicator.Ref])
            {
                figures[r.Period] = (r.Actual, figures.GetValueOrDefault(r.Period).PreviousYear);
            }

            charts[indicator.Ref] = Judge(indicator, period, TargetChanges.TargetFor(indicator.Target, changes[indicator.Id], period), figures);
        }

        logger.LogDebug("Charted {Indicators} indicators to {Period}", charts.Count, period);
        return charts;
    }

    /// <summary>
    /// An indicator's quarterly chart from its figures by quarter (actual, and the stored figure for last year): the
    /// points up to and including <paramref name="period"/> (from <paramref name="segmentStart"/> when rebased), judged
    /// by the rules.
    /// </summary>
    public static IndicatorSpcResult Judge(Indicator indicator, ReportingPeriod period, decimal target, IReadOnlyDictionary<ReportingPeriod, (decimal? Actual, decimal? PreviousYear)> figures, ReportingPeriod? segmentStart = null)
    {
        var current = figures.GetValueOrDefault(period);
        var lastYear = figures.GetValueOrDefault(period.SamePeriodLastYear).Actual ?? current.PreviousYear;
        var change = ChangeOnLastYear.Of((double?)current.Actual, (double?)lastYear, indicator.Unit);
        List<ChartPoint> points = [.. figures.Where(f => f.Key <= period && (segmentStart is not { } start || f.Key >= start) && f.Value.Actual is not null)
            .OrderBy(f => f.Key).Select(f => new ChartPoint(f.Key.Id, (double)f.Value.Actual!.Value))];
        var chart = XmrChart.From(points);
        var flagged = SpecialCauseRules.Flag(chart);
        var variation = VariationRules.Latest(chart, flagged, indicator.Polarity, current.Actual is not null);
        var assurance = VariationRules.Assurance(chart, (double)target, indicator.Polarity);
        return new IndicatorSpcResult(indicator.Ref, indicator.Unit, indicator.Polarity, period, SpcGrain.Quarter, target, chart, flagged, variation, assurance, change);
    }
}
