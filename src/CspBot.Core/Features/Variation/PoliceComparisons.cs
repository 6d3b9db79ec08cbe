using CspBot.Core.Domain;
using CspBot.Core.Features.Police;
using CspBot.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CspBot.Core.Features.Variation;

/// <summary>
/// A police-fed indicator's change on last year against its comparators' (London or the force, and the Most Similar
/// Group), from the stored monthly counts: the period's three months and the same three a year earlier, which months are
/// there decided as for the figures (<see cref="StoredCounts"/>). The comparator is London or the force without the
/// partnership's own crimes, so that the two sides are independent.
/// </summary>
public static class PoliceComparisons
{
    public const string MostSimilarGroup = "the Most Similar Group";

    /// <summary>Each comparator whose counts are known for both quarters; none for an indicator that is not police-fed.</summary>
    public static async Task<IReadOnlyList<ComparedChange>> ReadAsync(CspDbContext db, int indicatorId, ReportingPeriod period, CancellationToken cancellationToken)
    {
        var source = await db.PoliceSources.AsNoTracking().FirstOrDefaultAsync(s => s.IndicatorId == indicatorId, cancellationToken);
        if (source is null)
        {
            return [];
        }

        var parts = PoliceSourceParts.Of(source);
        var (types, area, peers, byForce) = parts;
        var byLsoa = parts.ByLsoa;
        var now = PoliceData.MonthsOf(period);
        var before = PoliceData.MonthsOf(period.SamePeriodLastYear);
        var stored = await StoredCounts.LoadAsync(db, [.. now, .. before], cancellationToken, types, coveringOf: [.. area, .. peers, .. byForce ? [] : PoliceData.London]);
        var force = stored.CoveringForce(area);
        int? Sum(IReadOnlyList<string> places, bool lsoa, IReadOnlyList<string> months) => stored.Sum(months, places, lsoa, types, force);
        if (Sum(area, byLsoa, now) is not { } localNow || Sum(area, byLsoa, before) is not { } localBefore)
        {
            return [];
        }

        var compared = new List<ComparedChange>();
        if (byForce)
        {
            if (force.Length > 0 && stored.ForceTotal(now, force, types) is { } forceNow && stored.ForceTotal(before, force, types) is { } forceBefore)
            {
                compared.Add(ComparedChange.Of(force, localNow, localBefore, forceNow - localNow, forceBefore - localBefore));
            }
        }
        else if (Sum(PoliceData.London, false, now) is { } londonNow && Sum(PoliceData.London, false, before) is { } londonBefore)
        {
            var within = byLsoa || area.All(a => PoliceData.London.Contains(a, StringComparer.OrdinalIgnoreCase));
            compared.Add(within
                ? ComparedChange.Of(PoliceData.LondonComparison, localNow, localBefore, londonNow - localNow, londonBefore - localBefore)
                : ComparedChange.Of(PoliceData.LondonComparison, localNow, localBefore, londonNow, londonBefore));
        }

        if (peers.Count > 0 && Sum(peers, false, now) is { } peersNow && Sum(peers, false, before) is { } peersBefore)
        {
            compared.Add(ComparedChange.Of(MostSimilarGroup, localNow, localBefore, peersNow, peersBefore));
        }

        return compared;
    }
}
