using CspBot.Core.Domain;
using CspBot.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CspBot.Core.Features.Police;

/// <summary>Works out and stores the figures of every police-fed indicator for the periods some months touch.</summary>
public static class PoliceIndicators
{
    public const string Stored = "stored";

    public const string KeptOfficers = "kept the officer's figure";

    public const string Waiting = "waiting for months";

    /// <summary>
    /// For each period whose three months, or the same three a year earlier, include one of <paramref name="months"/>:
    /// each police-fed indicator's figures, stored as its value for the period (with their source) unless an officer set
    /// it with a reason, or the months still missing. The caller saves.
    /// </summary>
    public static async Task<IReadOnlyList<UpdatedFigure>> UpdateAsync(CspDbContext db, IReadOnlySet<string> months, CancellationToken cancellationToken)
    {
        var sources = await db.PoliceSources.AsNoTracking().Include(s => s.Indicator).ToListAsync(cancellationToken);
        if (sources.Count == 0 || months.Count == 0)
        {
            return [];
        }

        // A period whose months have not all happened in the data yet (a year after the latest month, say) is not asked about.
        var latest = (await db.PoliceFiles.AsNoTracking().Select(f => f.Month).Distinct().ToListAsync(cancellationToken)).Concat(months).Max(StringComparer.Ordinal)!;
        var periods = months.Select(m => ReportingPeriod.Containing(DateOnly.ParseExact(m + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)))
            .SelectMany(p => new[] { p, p.AddQuarters(4) })
            .Where(p => string.CompareOrdinal(PoliceData.MonthsOf(p)[^1], latest) <= 0)
            .Distinct().Order().ToList();
        var needed = periods.SelectMany(p => PoliceData.MonthsOf(p).Concat(PoliceData.MonthsOf(p.SamePeriodLastYear))).ToHashSet(StringComparer.Ordinal);
        var rows = await db.PoliceCounts.AsNoTracking().Where(c => needed.Contains(c.Month)).ToListAsync(cancellationToken);
        var files = await db.PoliceFiles.AsNoTracking().Where(f => needed.Contains(f.Month)).OrderBy(f => f.Month).ToListAsync(cancellationToken);
        var counts = rows.GroupBy(r => (r.Month, r.Place, r.IsLsoa, r.CrimeType)).ToDictionary(g => g.Key, g => g.Sum(r => r.Count));
        var forceTotals = rows.Where(r => !r.IsLsoa).GroupBy(r => (r.Month, r.Force, r.CrimeType)).ToDictionary(g => g.Key, g => g.Sum(r => r.Count));
        var seen = rows.GroupBy(r => r.Month).ToDictionary(g => g.Key, g => (
            Places: g.Select(r => r.Place).ToHashSet(StringComparer.OrdinalIgnoreCase),
            Forces: g.Select(r => r.Force).ToHashSet(StringComparer.Ordinal)));
        var forceOfPlace = rows.GroupBy(r => r.Place, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.GroupBy(r => r.Force).OrderByDescending(f => f.Sum(r => r.Count)).First().Key, StringComparer.OrdinalIgnoreCase);

        var updated = new List<UpdatedFigure>();
        foreach (var source in sources)
        {
            var area = PoliceData.List(source.Area);
            var force = area.Select(forceOfPlace.GetValueOrDefault).FirstOrDefault(f => f is not null) ?? string.Empty;
            foreach (var period in periods)
            {
                var figure = PoliceFigures.For(source.Indicator.Ref, source, period, force, counts, seen, forceTotals);
                if (!figure.Complete)
                {
                    updated.Add(new UpdatedFigure(figure, Waiting));
                    continue;
                }

                var value = await db.IndicatorValues.FirstOrDefaultAsync(v => v.IndicatorId == source.IndicatorId && v.Period == period, cancellationToken);
                if (value?.OverrideReason is not null)
                {
                    updated.Add(new UpdatedFigure(figure, KeptOfficers));
                    continue;
                }

                if (value is null)
                {
                    value = new IndicatorValue { IndicatorId = source.IndicatorId, Period = period };
                    db.IndicatorValues.Add(value);
                }

                value.Actual = figure.Actual;
                value.PreviousYear = figure.PreviousYear;
                value.LondonChangePct = figure.ComparisonChangePct;
                value.ComparedWith = string.Equals(source.Comparison, PoliceData.ForceComparison, StringComparison.OrdinalIgnoreCase) ? force : null;
                value.MsgChangePct = figure.MsgChangePct;
                value.Source = figure.Source + (force.Length > 0 ? $" ({force}; files {FilesOf(files, force, period)})" : string.Empty);
                updated.Add(new UpdatedFigure(figure, Stored));
            }
        }

        return updated;
    }

    /// <summary>The force's files the period's figure was counted from, named as far as the Source column holds them.</summary>
    private static string FilesOf(IEnumerable<PoliceFile> files, string force, ReportingPeriod period)
    {
        var months = PoliceData.MonthsOf(period).Concat(PoliceData.MonthsOf(period.SamePeriodLastYear)).ToHashSet(StringComparer.Ordinal);
        return FreeText.Shorten(string.Join(", ", files.Where(f => f.Force == force && months.Contains(f.Month)).Select(f => f.FileName)), 800);
    }
}
