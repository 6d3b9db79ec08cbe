using CspBot.Core.Domain;
using CspBot.Core.Features.Police;
using CspBot.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CspBot.Core.Features.Variation;

/// <summary>
/// A police-fed indicator's change on last year against its comparators' (London or the force, and the Most Similar
/// Group), from the stored monthly counts: the period's three months and the same three a year earlier. Kept apart from
/// <see cref="PoliceFigures"/> on purpose (it needs the counts, not the percentages): a month counts for a set of places
/// only when every one of them appears in it, as there; an LSOA area only needs the month's files. The comparator is
/// London or the force without the partnership's own crimes, so that the two sides are independent.
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

        var types = PoliceData.List(source.CrimeTypes).ToHashSet(StringComparer.Ordinal);
        var area = PoliceData.List(source.Area);
        var byLsoa = area.Count > 0 && area.All(PoliceData.IsLsoaCode);
        var peers = PoliceData.List(source.Peers);
        var now = PoliceData.MonthsOf(period);
        var before = PoliceData.MonthsOf(period.SamePeriodLastYear);
        var months = now.Concat(before).ToList();
        var rows = await db.PoliceCounts.AsNoTracking().Where(c => months.Contains(c.Month))
            .Select(c => new { c.Month, c.Force, c.Place, c.IsLsoa, c.CrimeType, c.Count }).ToListAsync(cancellationToken);
        var seen = rows.GroupBy(r => r.Month).ToDictionary(g => g.Key, g => g.Select(r => r.Place).ToHashSet(StringComparer.OrdinalIgnoreCase));

        int? Sum(IReadOnlyList<string> places, bool lsoa, IReadOnlyList<string> inMonths)
        {
            var set = places.ToHashSet(StringComparer.OrdinalIgnoreCase);
            if (!inMonths.All(m => seen.TryGetValue(m, out var there) && (lsoa || set.All(there.Contains))))
            {
                return null;
            }

            return rows.Where(r => inMonths.Contains(r.Month) && r.IsLsoa == lsoa && set.Contains(r.Place) && types.Contains(r.CrimeType)).Sum(r => r.Count);
        }

        if (Sum(area, byLsoa, now) is not { } localNow || Sum(area, byLsoa, before) is not { } localBefore)
        {
            return [];
        }

        var compared = new List<ComparedChange>();
        if (string.Equals(source.Comparison, PoliceData.ForceComparison, StringComparison.OrdinalIgnoreCase))
        {
            var force = rows.Where(r => area.Contains(r.Place, StringComparer.OrdinalIgnoreCase)).GroupBy(r => r.Force).OrderByDescending(g => g.Sum(r => r.Count)).FirstOrDefault()?.Key;
            int? Force(IReadOnlyList<string> inMonths) => force is null || !inMonths.All(m => rows.Any(r => r.Month == m && r.Force == force))
                ? null
                : rows.Where(r => inMonths.Contains(r.Month) && !r.IsLsoa && r.Force == force && types.Contains(r.CrimeType)).Sum(r => r.Count);
            if (Force(now) is { } forceNow && Force(before) is { } forceBefore)
            {
                compared.Add(ComparedChange.Of(force!, localNow, localBefore, forceNow - localNow, forceBefore - localBefore));
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
