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
        var files = await db.PoliceFiles.AsNoTracking().Where(f => needed.Contains(f.Month)).OrderBy(f => f.Month).ToListAsync(cancellationToken);
        var stored = await StoredCounts.LoadAsync(db, needed, cancellationToken);

        var updated = new List<UpdatedFigure>();
        foreach (var source in sources)
        {
            var area = PoliceData.List(source.Area);
            var force = stored.CoveringForce(area);
            foreach (var period in periods)
            {
                var figure = PoliceFigures.For(source.Indicator.Ref, source, period, force, stored);
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
                value.ComparedWith = PoliceSourceParts.Of(source).ComparedWithForce ? force : null;
                value.MsgChangePct = figure.MsgChangePct;
                value.Source = figure.Source + (force.Length > 0 ? $" ({force}; files {FilesOf(files, force, period)})" : string.Empty);
                await SetReturnedAsync(db, source.Indicator.Ref, period, figure.Actual, cancellationToken);
                updated.Add(new UpdatedFigure(figure, Stored));
            }
        }

        return updated;
    }

    /// <summary>
    /// The figure of a return already sent for the indicator and period becomes the counted one (or the officer's): a
    /// figure typed before the count, or counted from a month uploaded again since, is never left behind in the
    /// scorecard, the paper, the digest or the export. The owner's commentary and the return's check are theirs and stay.
    /// </summary>
    public static async Task SetReturnedAsync(CspDbContext db, string reference, ReportingPeriod period, decimal? figure, CancellationToken cancellationToken)
    {
        var sent = await db.Returns.FirstOrDefaultAsync(r => r.ItemKind == ItemKind.Indicator && r.ItemRef == reference && r.Period == period, cancellationToken);
        if (sent is not null && sent.Actual != figure)
        {
            sent.Actual = figure;
        }
    }

    /// <summary>
    /// The force that covers each place (a local authority's name, or an LSOA code): the one whose files, of every
    /// month stored, carry most of its rows. Street files also carry a few rows for neighbouring forces' areas (crimes
    /// near a border); those count in the place's sums, but only the covering force's file makes a month present.
    /// </summary>
    /// <param name="places">Only these places (any case), when a reader needs a few: the whole table is ten years of a force.</param>
    public static async Task<IReadOnlyDictionary<string, string>> CoveringAsync(CspDbContext db, CancellationToken cancellationToken, IReadOnlyCollection<string>? places = null)
    {
        var wanted = places?.Select(p => p.ToUpperInvariant()).Distinct().ToList();
        var carried = await db.PoliceCounts.AsNoTracking()
            .Where(c => c.Place != string.Empty)
            .Where(c => wanted == null || wanted.Contains(c.Place.ToUpper()))
            .GroupBy(c => new { c.Place, c.Force })
            .Select(g => new { g.Key.Place, g.Key.Force, Rows = g.Sum(c => c.Count) })
            .ToListAsync(cancellationToken);
        return carried.GroupBy(c => c.Place, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(c => c.Rows).ThenBy(c => c.Force, StringComparer.Ordinal).First().Force, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The force's files the period's figure was counted from, named as far as the Source column holds them.</summary>
    private static string FilesOf(IEnumerable<PoliceFile> files, string force, ReportingPeriod period)
    {
        var months = PoliceData.MonthsOf(period).Concat(PoliceData.MonthsOf(period.SamePeriodLastYear)).ToHashSet(StringComparer.Ordinal);
        return FreeText.Shorten(string.Join(", ", files.Where(f => f.Force == force && months.Contains(f.Month)).Select(f => f.FileName)), 800);
    }
}
