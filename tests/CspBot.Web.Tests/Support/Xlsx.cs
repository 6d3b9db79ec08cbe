using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace CspBot.Web.Tests.Support;

/// <summary>Writes a minimal .xlsx workbook of text cells.</summary>
public static class Xlsx
{
    public static MemoryStream Build(params (string Sheet, string[][] Rows)[] sheets)
    {
        var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            workbookPart.Workbook = new Workbook(new Sheets());
            uint id = 1;
            foreach (var (name, rows) in sheets)
            {
                var part = workbookPart.AddNewPart<WorksheetPart>();
                var data = new SheetData(rows.Select((cells, r) => new Row(cells.Select((text, c) => new Cell
                {
                    CellReference = $"{(char)('A' + c)}{r + 1}",
                    DataType = CellValues.InlineString,
                    InlineString = new InlineString(new Text(text)),
                })) { RowIndex = (uint)(r + 1) }));
                part.Worksheet = new Worksheet(data);
                workbookPart.Workbook.Sheets!.Append(new Sheet { Id = workbookPart.GetIdOfPart(part), SheetId = id++, Name = name });
            }
        }

        stream.Position = 0;
        return stream;
    }
}
