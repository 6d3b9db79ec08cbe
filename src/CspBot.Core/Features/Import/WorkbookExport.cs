using System.Globalization;
using CspBot.Core.Domain;
using CspBot.Core.Persistence;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;

namespace CspBot.Core.Features.Import;

/// <summary>
/// The partnership's current data as the import workbook (the same sheets and columns, <see cref="ImportSheets"/>),
/// so an officer can take it into Excel, change it and import it again: a workbook exported and imported unchanged
/// changes nothing.
/// </summary>
public static class WorkbookExport
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public const string FileName = "cspbot-partnership.xlsx";

    public static async Task<byte[]> WriteAsync(CspDbContext db, CancellationToken cancellationToken)
    {
        var sheets = new Dictionary<string, IEnumerable<string?[]>>
        {
            [ImportSheets.Partnership] = (await db.Partnerships.AsNoTracking().ToListAsync(cancellationToken))
                .Select(p => new[] { p.Name, p.ShortName, p.BoardName, p.ReportOfficer, p.ProtectiveMarking, p.DefaultLanguage.Code() }),
            [ImportSheets.Members] = (await db.Members.AsNoTracking().OrderBy(m => m.Email).ToListAsync(cancellationToken))
                .Select(m => new[] { m.Email, m.Name, m.Agency, MemberRolesText.Format(m.Roles), m.Language?.Code() }),
            [ImportSheets.Outcomes] = (await db.Outcomes.AsNoTracking().OrderBy(o => o.Code).ToListAsync(cancellationToken))
                .Select(o => new[] { o.Code, o.Title }),
            [ImportSheets.Actions] = (await db.Actions.AsNoTracking().Include(a => a.Plan).Include(a => a.Outcome).Include(a => a.Owner).OrderBy(a => a.Ref).ToListAsync(cancellationToken))
                .Select(a => new[] { a.Ref, a.Plan.Name, a.Outcome.Code, a.Title, a.Owner.Email, a.Agency, a.DuePeriod.ToString(), a.Restricted ? "true" : "false" }),
            [ImportSheets.Indicators] = (await db.Indicators.AsNoTracking().Include(i => i.Outcome).Include(i => i.Owner).OrderBy(i => i.Ref).ToListAsync(cancellationToken))
                .Select(i => new[] { i.Ref, i.Outcome.Code, i.Title, i.Owner.Email, i.Unit, i.Polarity == Polarity.HigherIsBetter ? "higher" : "lower", Number(i.Target), Number(i.TolerancePct) }),
            [ImportSheets.IndicatorValues] = (await db.IndicatorValues.AsNoTracking().Include(v => v.Indicator).ToListAsync(cancellationToken))
                .OrderBy(v => v.Indicator.Ref, StringComparer.Ordinal).ThenBy(v => v.Period)
                .Select(v => new[] { v.Indicator.Ref, v.Period.ToString(), Number(v.Actual), Number(v.PreviousYear), Number(v.LondonChangePct), Number(v.MsgChangePct) }),
            [ImportSheets.Meetings] = (await db.Meetings.AsNoTracking().OrderBy(m => m.Date).ThenBy(m => m.Kind).ToListAsync(cancellationToken))
                .Select(m => new[] { m.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), m.Kind == MeetingKind.Board ? "board" : "pmg" }),
            [ImportSheets.PoliceSources] = (await db.PoliceSources.AsNoTracking().Include(p => p.Indicator).ToListAsync(cancellationToken))
                .OrderBy(p => p.Indicator.Ref, StringComparer.Ordinal)
                .Select(p => new[] { p.Indicator.Ref, p.CrimeTypes, p.Area, p.Comparison, p.Peers }),
        };

        return Workbook(ImportSheets.All.Select(spec => (spec, sheets[spec.Name])));
    }

    /// <summary>An import workbook of the given sheets: each with its header row (frozen), then a row per value list, as text.</summary>
    public static byte[] Workbook(IEnumerable<(SheetSpec Sheet, IEnumerable<string?[]> Rows)> sheets)
    {
        using var buffer = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
        {
            var book = document.AddWorkbookPart();
            book.Workbook = new Workbook();
            var list = new Sheets();
            uint id = 1;
            foreach (var (spec, rows) in sheets)
            {
                var part = book.AddNewPart<WorksheetPart>();
                var data = new SheetData();
                data.Append(Row(1, [.. spec.Columns]));
                var number = 2;
                foreach (var values in rows)
                {
                    data.Append(Row(number++, values));
                }

                part.Worksheet = new Worksheet(new SheetViews(new SheetView(new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen }) { WorkbookViewId = 0 }), data);
                list.Append(new Sheet { Id = book.GetIdOfPart(part), SheetId = id++, Name = spec.Name });
            }

            book.Workbook.Append(list);
            document.PackageProperties.Title = "CspBot import workbook";
            document.PackageProperties.Language = "en-GB";
        }

        return buffer.ToArray();
    }

    private static string? Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static Row Row(int number, string?[] values) => new(values.Select((value, column) => new Cell
    {
        CellReference = $"{Column(column)}{number}",
        DataType = CellValues.InlineString,
        InlineString = new InlineString(new Text(FreeText.Writable(value ?? string.Empty)) { Space = SpaceProcessingModeValues.Preserve }),
    }))
    {
        RowIndex = (uint)number,
    };

    private static string Column(int index) => index < 26 ? ((char)('A' + index)).ToString() : $"{(char)('A' + (index / 26) - 1)}{(char)('A' + (index % 26))}";
}
