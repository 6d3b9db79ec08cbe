using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace CspBot.Core.Tests.Support;

/// <summary>Writes a minimal .xlsx (inline strings) from CSV-like rows, as Excel users' workbooks are read.</summary>
public static class WorkbookBuilder
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
                var data = new SheetData();
                uint rowIndex = 1;
                foreach (var cells in rows)
                {
                    var row = new Row { RowIndex = rowIndex };
                    for (var c = 0; c < cells.Length; c++)
                    {
                        var reference = $"{(char)('A' + c)}{rowIndex}";
                        row.Append(double.TryParse(cells[c], System.Globalization.CultureInfo.InvariantCulture, out _) && rowIndex > 1
                            ? new Cell { CellReference = reference, CellValue = new CellValue(cells[c]), DataType = CellValues.Number }
                            : new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(cells[c])) });
                    }

                    data.Append(row);
                    rowIndex++;
                }

                part.Worksheet = new Worksheet(data);
                workbookPart.Workbook.Sheets!.Append(new Sheet { Id = workbookPart.GetIdOfPart(part), SheetId = id++, Name = name });
            }
        }

        stream.Position = 0;
        return stream;
    }

    public static string[][] Csv(string csv) =>
        csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.TrimEnd('\r').Split(',')).ToArray();
}
