using CspBot.Core.Features.Reports;
using CspBot.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CspBot.Core.Features.Scorecard;

/// <summary>Each indicator's figures over the last eight quarters (the board paper's and the dashboard's trends).</summary>
public static class IndicatorTrends
{
    public const int Quarters = 8;

    /// <summary>By indicator ref: a point per quarter, oldest first; the period's own point is the owner's returned figure when there is one.</summary>
    public static async Task<IReadOnlyDictionary<string, IReadOnlyList<TrendPoint>>> ReadAsync(CspDbContext db, PeriodResults built, CancellationToken cancellationToken)
    {
        var period = built.Period;
        var quarters = period.LastQuarters(Quarters);
        var values = await db.IndicatorValues.AsNoTracking()
            .Where(v => quarters.Contains(v.Period))
            .Select(v => new { v.Indicator.Ref, v.Period, v.Actual })
            .ToListAsync(cancellationToken);
        var returnedFigures = built.Indicators.Where(i => i.Indicator?.Actual is not null).ToDictionary(i => i.Ref, i => i.Indicator!.Actual);
        return values.GroupBy(v => v.Ref).ToDictionary(
            g => g.Key,
            g => (IReadOnlyList<TrendPoint>)quarters.Select(q => new TrendPoint(q.ToString(), q == period && returnedFigures.TryGetValue(g.Key, out var returned) ? returned : g.FirstOrDefault(v => v.Period == q)?.Actual)).ToList());
    }
}
