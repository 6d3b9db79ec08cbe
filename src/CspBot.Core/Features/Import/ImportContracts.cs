using CspBot.Core.Domain;
using CspBot.Core.Features.Localisation;

namespace CspBot.Core.Features.Import;

/// <summary>The sheets of the import format, in the order they are applied (members before the actions they own).</summary>
public static class ImportSheets
{
    public const string Partnership = "partnership";
    public const string Members = "members";
    public const string Outcomes = "outcomes";
    public const string Actions = "actions";
    public const string Indicators = "indicators";
    public const string IndicatorValues = "indicator-values";
    public const string Meetings = "meetings";
    public const string PoliceSources = "police-sources";

    public static readonly IReadOnlyList<SheetSpec> All =
    [
        new(Partnership, ["name", "short_name", "board_name", "report_officer", "protective_marking", "default_language"], Optional: ["default_language"]),
        new(Members, ["email", "name", "agency", "roles", "language"], Optional: ["language"]),
        new(Outcomes, ["code", "title"]),
        new(Actions, ["ref", "plan", "outcome", "title", "owner_email", "agency", "due_period", "restricted"]),
        new(Indicators, ["ref", "outcome", "title", "owner_email", "unit", "polarity", "target", "tolerance_pct"]),
        new(IndicatorValues, ["ref", "period", "actual", "previous_year", "london_change_pct", "msg_change_pct"]),
        new(Meetings, ["date", "kind"]),
        new(PoliceSources, ["ref", "crime_types", "area", "comparison", "peers"]),
    ];

    public static SheetSpec? Find(string name) =>
        All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
}

/// <param name="Optional">Columns a file may leave out (files from before they existed): then what they hold is left as it is.</param>
public sealed record SheetSpec(string Name, IReadOnlyList<string> Columns, IReadOnlyList<string>? Optional = null)
{
    public bool IsOptional(string column) => Optional?.Contains(column, StringComparer.OrdinalIgnoreCase) == true;
}

/// <summary>
/// One data row as read from a file, its cells normalised as all free text is (<see cref="Domain.FreeText"/>) by the
/// reader. Row numbers count the header as row 1, as a spreadsheet does.
/// </summary>
public sealed record ImportRow(int Number, IReadOnlyDictionary<string, string> Cells)
{
    /// <summary>The cell's text; empty when absent.</summary>
    public string this[string column] => Cells.TryGetValue(column, out var value) ? value : string.Empty;
}

public sealed record ImportTable(string Sheet, IReadOnlyList<string> Header, IReadOnlyList<ImportRow> Rows);

/// <summary>What is wrong with an import, precisely enough to fix the file: sheet, row, column and reason.</summary>
public sealed record ImportProblem(string Sheet, int? Row, string? Column, string Message)
{
    /// <summary>"members row 3 column 'email': required", in the language now.</summary>
    public override string ToString() => (Row, Column) switch
    {
        ({ } row, { } column) => Terms.Format(ImportText.WhereRowColumn, Sheet, row, column, Message),
        ({ } row, null) => Terms.Format(ImportText.WhereRow, Sheet, row, Message),
        (null, { } column) => Terms.Format(ImportText.WhereColumn, Sheet, column, Message),
        _ => Terms.Format(ImportText.Where, Sheet, Message),
    };
}

public sealed record SheetCounts(int Created, int Updated, int Unchanged);

/// <summary>Either every row was applied (counts per sheet) or nothing was (problems).</summary>
public sealed record ImportResult(IReadOnlyDictionary<string, SheetCounts> Sheets, IReadOnlyList<ImportProblem> Problems)
{
    public bool Succeeded => Problems.Count == 0;

    /// <summary>Whether nothing was saved: a dry run, which shows what applying would do.</summary>
    public bool DryRun { get; init; }

    /// <summary>Every field applying adds or changes (old → new), as the change history would record it.</summary>
    public IReadOnlyList<ChangeRecord> Changes { get; init; } = [];

    /// <summary>Rows left out on purpose: the templates' example rows (<see cref="ImportExamples"/>).</summary>
    public IReadOnlyList<ImportProblem> Skipped { get; init; } = [];

    public static ImportResult Failed(IReadOnlyList<ImportProblem> problems) => new(new Dictionary<string, SheetCounts>(), problems);
}
