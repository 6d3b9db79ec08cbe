using CspBot.Core.Features.Localisation;

namespace CspBot.Core.Features.Import;

/// <summary>
/// The templates' example rows (samples/templates): the key, the sheet's first column, starts with EXAMPLE. An import
/// skips them and says so, so a template imported as downloaded, or filled in under its example, never changes a
/// partnership's data with the example's figures or dates.
/// </summary>
public static class ImportExamples
{
    public const string Marker = "EXAMPLE";

    public static bool IsExample(SheetSpec spec, ImportRow row) =>
        Key(spec, row).TrimStart().StartsWith(Marker, StringComparison.OrdinalIgnoreCase);

    /// <summary>The tables without their example rows; each one left out is added to <paramref name="skipped"/>.</summary>
    public static IReadOnlyList<ImportTable> Without(IReadOnlyList<ImportTable> tables, List<ImportProblem> skipped)
    {
        var kept = new List<ImportTable>(tables.Count);
        foreach (var table in tables)
        {
            if (ImportSheets.Find(table.Sheet) is not { } spec || !table.Rows.Any(r => IsExample(spec, r)))
            {
                kept.Add(table);
                continue;
            }

            foreach (var row in table.Rows.Where(r => IsExample(spec, r)))
            {
                skipped.Add(new(spec.Name, row.Number, spec.Columns[0], Terms.Format(ImportText.ExampleRow, Key(spec, row), spec.Columns[0], Marker)));
            }

            kept.Add(table with { Rows = [.. table.Rows.Where(r => !IsExample(spec, r))] });
        }

        return kept;
    }

    private static string Key(SheetSpec spec, ImportRow row) =>
        row.Cells.FirstOrDefault(c => string.Equals(c.Key, spec.Columns[0], StringComparison.OrdinalIgnoreCase)).Value ?? string.Empty;
}
