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
/// three a year earlier, for the partnership's area, for London or the force, and for the Most Similar Group. Which
/// months are there is <see cref="StoredCounts"/>' rule (the covering force's file); otherwise the figure is not
/// guessed and the missing months are named.
/// </summary>
public static class PoliceFigures
{
    public static PoliceFigure For(string reference, PoliceSource source, ReportingPeriod period, string partnershipForce, StoredCounts stored)
    {
        var parts = PoliceSourceParts.Of(source);
        var (types, area, peers, byForce) = parts;
        var byLsoa = parts.ByLsoa;
        var now = PoliceData.MonthsOf(period);
        var before = PoliceData.MonthsOf(period.SamePeriodLastYear);
        var missing = new SortedSet<string>(StringComparer.Ordinal);
        int? Sum(IReadOnlyList<string> places, bool lsoa, IReadOnlyList<string> inMonths) => stored.Sum(inMonths, places, lsoa, types, partnershipForce, missing);

        var actual = Sum(area, byLsoa, now);
        var previous = Sum(area, byLsoa, before);
        var comparison = byForce
            ? Change(stored.ForceTotal(now, partnershipForce, types, missing), stored.ForceTotal(before, partnershipForce, types, missing))
            : Change(Sum(PoliceData.London, false, now), Sum(PoliceData.London, false, before));
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
