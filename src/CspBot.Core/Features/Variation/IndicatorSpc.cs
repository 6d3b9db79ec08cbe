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
}

/// <summary>Reads an indicator's series for a period and judges it (the pure rules are <see cref="XmrChart"/>, <see cref="SpecialCauseRules"/>, <see cref="VariationRules"/> and <see cref="ChangeOnLastYear"/>).</summary>
public sealed class IndicatorSpc(CspDbContext db, ILogger<IndicatorSpc> logger)
{
    public const string MonthlyIsForPolice = "The monthly grain is for police-fed indicators.";

    /// <summary>
    /// The chart of <paramref name="reference"/> up to and including <paramref name="period"/>; null when there is no
    /// such indicator, refused when months are asked of an indicator that is not police-fed. <paramref name="segmentStart"/>
    /// leaves out the points before it (a rebased chart).
    /// </summary>
    public async Task<Refusable<IndicatorSpcResult>?> ReadAsync(string reference, ReportingPeriod period, SpcGrain grain, CancellationToken cancellationToken, ReportingPeriod? segmentStart = null)
    {
        var wanted = reference.Trim().ToUpperInvariant();
        var indicator = await db.Indicators.AsNoTracking().FirstOrDefaultAsync(i => i.Ref.ToUpper() == wanted, cancellationToken);
        if (indicator is null)
        {
            return null;
        }

        var figures = await QuarterlyFiguresAsync(indicator, cancellationToken);
        var changes = await db.TargetChanges.AsNoTracking().Where(t => t.IndicatorId == indicator.Id).ToListAsync(cancellationToken);
        var target = TargetChanges.TargetFor(indicator.Target, changes, period);
        var current = figures.GetValueOrDefault(period);
        var lastYear = figures.GetValueOrDefault(period.SamePeriodLastYear).Actual ?? current.PreviousYear;
        var change = ChangeOnLastYear.Of((double?)current.Actual, (double?)lastYear, indicator.Unit);

        IReadOnlyList<ChartPoint> points;
        bool periodHasValue;
        if (grain == SpcGrain.Month)
        {
            var months = await MonthlyCountsAsync(indicator, period, segmentStart, cancellationToken);
            if (months is null)
            {
                return Refusable<IndicatorSpcResult>.No(MonthlyIsForPolice);
            }

            points = months;
            periodHasValue = months.Count > 0 && months[^1].Period == PoliceData.MonthsOf(period)[^1];
        }
        else
        {
            points = [.. figures.Where(f => f.Key <= period && (segmentStart is not { } start || f.Key >= start) && f.Value.Actual is not null)
                .OrderBy(f => f.Key).Select(f => new ChartPoint(f.Key.Id, (double)f.Value.Actual!.Value))];
            periodHasValue = current.Actual is not null;
        }

        var chart = XmrChart.From(points);
        var flagged = SpecialCauseRules.Flag(chart);
        var variation = VariationRules.Latest(chart, flagged, indicator.Polarity, periodHasValue);

        // A quarterly target says nothing about a month's count.
        var assurance = grain == SpcGrain.Quarter ? VariationRules.Assurance(chart, (double)target, indicator.Polarity) : null;
        logger.LogDebug("Charted {Indicator} to {Period} by {Grain}: {Points} points, {Variation}, {Assurance}", indicator.Ref, period, grain, points.Count, variation, assurance);
        var comparisons = await PoliceComparisons.ReadAsync(db, indicator.Id, period, cancellationToken);
        return Refusable<IndicatorSpcResult>.Done(new IndicatorSpcResult(indicator.Ref, indicator.Unit, indicator.Polarity, period, grain, target, chart, flagged, variation, assurance, change)
        {
            Comparisons = comparisons,
        });
    }

    /// <summary>
    /// Each quarter's figure as the scorecard reads it (<see cref="Scorecard.PeriodResultsBuilder"/>): the owner's
    /// returned figure, else the stored (imported or counted) one; with the stored figure for last year.
    /// </summary>
    private async Task<Dictionary<ReportingPeriod, (decimal? Actual, decimal? PreviousYear)>> QuarterlyFiguresAsync(Indicator indicator, CancellationToken cancellationToken)
    {
        var stored = await db.IndicatorValues.AsNoTracking().Where(v => v.IndicatorId == indicator.Id)
            .Select(v => new { v.Period, v.Actual, v.PreviousYear }).ToListAsync(cancellationToken);
        var returned = await db.Returns.AsNoTracking().Where(r => r.ItemKind == ItemKind.Indicator && r.ItemRef == indicator.Ref && r.Actual != null)
            .Select(r => new { r.Period, r.Actual }).ToListAsync(cancellationToken);
        var figures = stored.ToDictionary(v => v.Period, v => (v.Actual, v.PreviousYear));
        foreach (var r in returned)
        {
            figures[r.Period] = (r.Actual, figures.GetValueOrDefault(r.Period).PreviousYear);
        }

        return figures;
    }

    /// <summary>
    /// A police-fed indicator's monthly counts for its area and crime types, up to the period's last month; a month is
    /// left out unless every place of the area appears in it (an LSOA area: unless some file was counted for it). Null
    /// for an indicator that is not police-fed.
    /// </summary>
    private async Task<IReadOnlyList<ChartPoint>?> MonthlyCountsAsync(Indicator indicator, ReportingPeriod period, ReportingPeriod? segmentStart, CancellationToken cancellationToken)
    {
        var source = await db.PoliceSources.AsNoTracking().FirstOrDefaultAsync(s => s.IndicatorId == indicator.Id, cancellationToken);
        if (source is null)
        {
            return null;
        }

        var types = PoliceData.List(source.CrimeTypes).ToHashSet(StringComparer.Ordinal);
        var area = PoliceData.List(source.Area).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var byLsoa = area.Count > 0 && area.All(PoliceData.IsLsoaCode);
        var last = PoliceData.MonthsOf(period)[^1];
        var first = segmentStart is { } start ? PoliceData.MonthsOf(start)[0] : string.Empty;
        bool InRange(string month) => string.CompareOrdinal(month, last) <= 0 && string.CompareOrdinal(month, first) >= 0;

        var months = (await db.PoliceFiles.AsNoTracking().Select(f => f.Month).Distinct().ToListAsync(cancellationToken)).Where(InRange).Order(StringComparer.Ordinal).ToList();
        var rows = (await db.PoliceCounts.AsNoTracking().Where(c => c.IsLsoa == byLsoa && months.Contains(c.Month))
            .Select(c => new { c.Month, c.Place, c.CrimeType, c.Count }).ToListAsync(cancellationToken))
            .Where(c => area.Contains(c.Place)).ToList();
        return [.. months
            .Where(m => byLsoa || area.All(place => rows.Any(r => r.Month == m && string.Equals(r.Place, place, StringComparison.OrdinalIgnoreCase))))
            .Select(m => new ChartPoint(m, rows.Where(r => r.Month == m && types.Contains(r.CrimeType)).Sum(r => r.Count)))];
    }
}
