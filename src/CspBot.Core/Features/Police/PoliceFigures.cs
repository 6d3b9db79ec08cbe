using CspBot.Core.Domain;

namespace CspBot.Core.Features.Police;

/// <summary>A police-fed indicator's figures for one period, or the months still missing for them.</summary>
public sealed record PoliceFigure(string Ref, ReportingPeriod Period, int? Actual, int? PreviousYear, decimal? ComparisonChangePct, decimal? MsgChangePct, IReadOnlyList<string> Missing)
{
    public bool Complete => Missing.Count == 0;

    /// <summary>"data.police.uk: 2025-07 to 2025-09 and 2024-07 to 2024-09 (Metropolitan Police Service)".</summary>
    public string? Source { get; init; }
}

/// <summary>
/// Works a police-fed indicator's figures out from the stored monthly counts: the period's three months and the same
/// three a year earlier, for the partnership's area, for London or the force, and for the Most Similar Group. A month
/// is there for a place only when the file of the force that covers the place (see <see cref="PoliceIndicators.CoveringAsync"/>) was
/// uploaded for it: a neighbouring force's few rows for the place (crimes near the border) are counted in its sum but
/// never stand in for the covering force's missing month. Otherwise the figure is not guessed and the missing months
/// are named.
/// </summary>
public static class PoliceFigures
{
    /// <param name="counts">By (month, place, is LSOA, crime type), summed over every force whose files carry the place.</param>
    /// <param name="filed">By month: the forces whose files for it were uploaded.</param>
    /// <param name="covering">By place (an authority's name, or an LSOA code): the force that covers it.</param>
    public static PoliceFigure For(
        string reference, PoliceSource source, ReportingPeriod period, string partnershipForce,
        IReadOnlyDictionary<(string Month, string Place, bool IsLsoa, string CrimeType), int> counts,
        IReadOnlyDictionary<string, HashSet<string>> filed,
        IReadOnlyDictionary<string, string> covering,
        IReadOnlyDictionary<(string Month, string Force, string CrimeType), int> forceTotals)
    {
        var types = PoliceData.List(source.CrimeTypes);
        var area = PoliceData.List(source.Area);
        var byLsoa = area.Count > 0 && area.All(PoliceData.IsLsoaCode);
        var peers = PoliceData.List(source.Peers);
        var now = PoliceData.MonthsOf(period);
        var before = PoliceData.MonthsOf(period.SamePeriodLastYear);
        var missing = new SortedSet<string>(StringComparer.Ordinal);

        // A month is there for a place when its covering force's file for the month is. An authority no file has carried
        // is never there; an LSOA no file has carried (no crime yet) is there with the partnership's force's file.
        bool Filed(string month, string force) => filed.TryGetValue(month, out var forces) && forces.Contains(force);
        bool Has(string month, IReadOnlyList<string> places, bool lsoa) => places.All(p => covering.TryGetValue(p, out var force)
            ? Filed(month, force)
            : lsoa && partnershipForce.Length > 0 && Filed(month, partnershipForce));
        int? Sum(IReadOnlyList<string> places, bool lsoa, IReadOnlyList<string> inMonths)
        {
            var absent = inMonths.Where(m => !Has(m, places, lsoa)).ToList();
            missing.UnionWith(absent);
            return absent.Count > 0 ? null : inMonths.Sum(m => places.Sum(p => types.Sum(t => counts.GetValueOrDefault((m, p, lsoa, t)))));
        }

        var actual = Sum(area, byLsoa, now);
        var previous = Sum(area, byLsoa, before);
        decimal? comparison;
        if (string.Equals(source.Comparison, PoliceData.ForceComparison, StringComparison.OrdinalIgnoreCase))
        {
            int? Force(IReadOnlyList<string> inMonths)
            {
                var absent = inMonths.Where(m => !Filed(m, partnershipForce)).ToList();
                missing.UnionWith(absent);
                return absent.Count > 0 ? null : inMonths.Sum(m => types.Sum(t => forceTotals.GetValueOrDefault((m, partnershipForce, t))));
            }

            comparison = Change(Force(now), Force(before));
        }
        else
        {
            comparison = Change(Sum(PoliceData.London, false, now), Sum(PoliceData.London, false, before));
        }

        var msg = peers.Count == 0 ? null : Change(Sum(peers, false, now), Sum(peers, false, before));
        return new PoliceFigure(reference, period, actual, previous, comparison, msg, [.. missing])
        {
            Source = $"data.police.uk: {now[0]} to {now[^1]} and {before[0]} to {before[^1]}",
        };
    }

    /// <summary>The percentage change from a year earlier, one decimal place; none without both figures or from zero.</summary>
    public static decimal? Change(int? now, int? before) =>
        now is { } n && before is { } b && b != 0 ? Math.Round((n - b) * 100m / b, 1, MidpointRounding.AwayFromZero) : null;
}
