using CspBot.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CspBot.Core.Features.Police;

/// <summary>
/// The stored monthly counts of some months, and the one rule for which months are there for which places: a month is
/// there for a place only when the file of the force that covers the place (<see cref="PoliceIndicators.CoveringAsync"/>)
/// was uploaded for it. A neighbouring force's few rows for the place (crimes near the border) are counted in its sum
/// but never stand in for the covering force's missing month. The figures, the charts by month and the comparisons with
/// London, the force and the Most Similar Group all read the counts through this.
/// </summary>
public sealed class StoredCounts
{
    private readonly Dictionary<(string Month, string Place, bool IsLsoa, string CrimeType), int> counts;
    private readonly Dictionary<(string Month, string Force, string CrimeType), int> forceTotals;
    private readonly Dictionary<string, HashSet<string>> filed;
    private readonly IReadOnlyDictionary<string, string> covering;

    private StoredCounts(IReadOnlyList<Domain.PoliceCount> rows, IEnumerable<(string Month, string Force)> files, IReadOnlyDictionary<string, string> covering)
    {
        counts = rows.GroupBy(r => (r.Month, r.Place, r.IsLsoa, r.CrimeType)).ToDictionary(g => g.Key, g => g.Sum(r => r.Count));
        forceTotals = rows.Where(r => !r.IsLsoa).GroupBy(r => (r.Month, r.Force, r.CrimeType)).ToDictionary(g => g.Key, g => g.Sum(r => r.Count));
        filed = files.GroupBy(f => f.Month).ToDictionary(g => g.Key, g => g.Select(f => f.Force).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        this.covering = covering;
    }

    /// <summary>
    /// The counts and files of <paramref name="months"/> (every month when null), with each place's covering force; only
    /// the counts of <paramref name="crimeTypes"/> and of <paramref name="places"/> when given (the sums and totals then
    /// cover only those: a chart of one area reads its own rows, not a force's ten years), and the covering force of
    /// <paramref name="coveringOf"/> (else of <paramref name="places"/>, else of every place).
    /// </summary>
    public static async Task<StoredCounts> LoadAsync(
        CspDbContext db,
        IReadOnlyCollection<string>? months,
        CancellationToken cancellationToken,
        IReadOnlyCollection<string>? crimeTypes = null,
        IReadOnlyCollection<string>? places = null,
        IReadOnlyCollection<string>? coveringOf = null)
    {
        var rows = await db.PoliceCounts.AsNoTracking()
            .Where(c => months == null || months.Contains(c.Month))
            .Where(c => crimeTypes == null || crimeTypes.Contains(c.CrimeType))
            .Where(c => places == null || places.Contains(c.Place))
            .ToListAsync(cancellationToken);
        var files = await db.PoliceFiles.AsNoTracking().Where(f => months == null || months.Contains(f.Month)).Select(f => new { f.Month, f.Force }).ToListAsync(cancellationToken);
        return new StoredCounts(rows, files.Select(f => (f.Month, f.Force)), await PoliceIndicators.CoveringAsync(db, cancellationToken, coveringOf ?? places));
    }

    /// <summary>The months whose files were uploaded, in order.</summary>
    public IReadOnlyList<string> Months => [.. filed.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The force that covers the first of <paramref name="places"/> that any file has carried; empty when none has.</summary>
    public string CoveringForce(IEnumerable<string> places) => places.Select(covering.GetValueOrDefault).FirstOrDefault(f => f is not null) ?? string.Empty;

    public bool Filed(string month, string force) => filed.TryGetValue(month, out var forces) && forces.Contains(force);

    /// <summary>
    /// Whether <paramref name="month"/> is there for every one of <paramref name="places"/>: its covering force's file is.
    /// An authority no file has carried is never there; an LSOA no file has carried (no crime yet) is there with the
    /// partnership's force's file.
    /// </summary>
    public bool Has(string month, IEnumerable<string> places, bool lsoa, string partnershipForce) => places.All(p => covering.TryGetValue(p, out var force)
        ? Filed(month, force)
        : lsoa && partnershipForce.Length > 0 && Filed(month, partnershipForce));

    /// <summary>The crimes of <paramref name="types"/> in <paramref name="places"/> in <paramref name="month"/> (every force's rows).</summary>
    public int Sum(string month, IEnumerable<string> places, bool lsoa, IReadOnlyCollection<string> types) =>
        places.Sum(p => types.Sum(t => counts.GetValueOrDefault((month, p, lsoa, t))));

    /// <summary>The months' crimes, or null when one of them is not there for every place (those months are added to <paramref name="missing"/>).</summary>
    public int? Sum(IReadOnlyList<string> months, IReadOnlyList<string> places, bool lsoa, IReadOnlyCollection<string> types, string partnershipForce, ISet<string>? missing = null)
    {
        var absent = months.Where(m => !Has(m, places, lsoa, partnershipForce)).ToList();
        missing?.UnionWith(absent);
        return absent.Count > 0 ? null : months.Sum(m => Sum(m, places, lsoa, types));
    }

    /// <summary>Every crime of <paramref name="types"/> in the force's files for the months, or null when one of its files is missing.</summary>
    public int? ForceTotal(IReadOnlyList<string> months, string force, IReadOnlyCollection<string> types, ISet<string>? missing = null)
    {
        var absent = months.Where(m => !Filed(m, force)).ToList();
        missing?.UnionWith(absent);
        return absent.Count > 0 ? null : months.Sum(m => types.Sum(t => forceTotals.GetValueOrDefault((m, force, t))));
    }
}
