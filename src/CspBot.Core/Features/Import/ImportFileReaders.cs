using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace CspBot.Core.Features.Import;

/// <summary>Reads the import formats (CSV per sheet, or one .xlsx workbook) into tables without interpreting them.</summary>
public static class ImportFileReaders
{
    public static ImportTable ReadCsv(string sheet, Stream csv, List<ImportProblem> problems)
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectDelimiter = false,
            BadDataFound = args => problems.Add(new(sheet, args.Context.Parser?.Row, null, "has a stray or unclosed quote (\")")),
            MissingFieldFound = null,
            TrimOptions = TrimOptions.None,
        };
        // Strict UTF-8: a file saved in another encoding is refused rather than imported with garbled names.
        using var reader = new StreamReader(csv, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
        using var parser = new CsvParser(reader, config);
        var header = new List<string>();
        var rows = new List<ImportRow>();
        try
        {
            while (parser.Read())
            {
                var fields = parser.Record ?? [];
                if (header.Count == 0)
                {
                    header.AddRange(fields.Select(NormaliseColumn));
                    continue;
                }

                if (fields.All(string.IsNullOrWhiteSpace))
                {
                    continue;
                }

                if (fields.Length > header.Count)
                {
                    problems.Add(new(sheet, parser.Row, null, $"has {fields.Length} fields but the header has {header.Count}"));
                    continue;
                }

                rows.Add(new ImportRow(parser.Row, ToCells(header, fields)));
            }
        }
        catch (CsvHelperException ex) when (ex.InnerException is System.Text.DecoderFallbackException)
        {
            problems.Add(new(sheet, parser.Row, null, "is not UTF-8 text: save it as \"CSV UTF-8\" and send it again"));
        }
        catch (System.Text.DecoderFallbackException)
        {
            problems.Add(new(sheet, parser.Row, null, "is not UTF-8 text: save it as \"CSV UTF-8\" and send it again"));
        }
        catch (CsvHelperException ex)
        {
            problems.Add(new(sheet, parser.Row, null, $"is not valid CSV ({ex.GetType().Name})"));
        }

        return new ImportTable(sheet, header, rows);
    }

    /// <summary>Reads every worksheet; sheet names are matched against <see cref="ImportSheets"/> by the caller.</summary>
    public static IReadOnlyList<ImportTable> ReadWorkbook(Stream xlsx, List<ImportProblem> problems)
    {
        var tables = new List<ImportTable>();
        SpreadsheetDocument document;
        try
        {
            document = SpreadsheetDocument.Open(xlsx, isEditable: false);
        }
        catch (Exception ex) when (ex is InvalidDataException or OpenXmlPackageException or IOException or FormatException or ArgumentException)
        {
            problems.Add(new("workbook", null, null, "is not a readable .xlsx workbook"));
            return tables;
        }

        using (document)
        {
            var workbookPart = document.WorkbookPart;
            if (workbookPart?.Workbook.Sheets is null)
            {
                problems.Add(new("workbook", null, null, "has no worksheets"));
                return tables;
            }

            var sharedStrings = workbookPart.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToArray() ?? [];
            foreach (var sheet in workbookPart.Workbook.Sheets.Elements<Sheet>())
            {
                if (sheet.Id?.Value is not { } relId || workbookPart.GetPartById(relId) is not WorksheetPart part)
                {
                    continue;
                }

                tables.Add(ReadWorksheet(sheet.Name?.Value ?? "?", part, sharedStrings));
            }
        }

        return tables;
    }

    private static ImportTable ReadWorksheet(string name, WorksheetPart part, string[] sharedStrings)
    {
        var header = new List<string>();
        var rows = new List<ImportRow>();
        foreach (var row in part.Worksheet.Descendants<Row>())
        {
            var values = new SortedDictionary<int, string>();
            foreach (var cell in row.Elements<Cell>())
            {
                values[ColumnIndex(cell.CellReference?.Value)] = CellText(cell, sharedStrings);
            }

            var width = values.Count == 0 ? 0 : values.Keys.Max() + 1;
            var fields = Enumerable.Range(0, width).Select(i => values.GetValueOrDefault(i, string.Empty)).ToArray();
            if (header.Count == 0)
            {
                header.AddRange(fields.Select(NormaliseColumn));
                continue;
            }

            if (fields.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            rows.Add(new ImportRow((int)(row.RowIndex?.Value ?? (uint)(rows.Count + 2)), ToCells(header, fields)));
        }

        return new ImportTable(name.Trim().ToLowerInvariant(), header, rows);
    }

    private static string CellText(Cell cell, string[] sharedStrings)
    {
        var raw = cell.CellValue?.Text ?? cell.InlineString?.InnerText ?? string.Empty;
        if (cell.DataType?.Value == CellValues.SharedString && int.TryParse(raw, CultureInfo.InvariantCulture, out var index) && index < sharedStrings.Length)
        {
            return sharedStrings[index];
        }

        return cell.DataType?.Value == CellValues.Boolean ? (raw == "1" ? "true" : "false") : raw;
    }

    private static int ColumnIndex(string? reference)
    {
        var index = 0;
        foreach (var c in reference ?? "A")
        {
            if (!char.IsLetter(c))
            {
                break;
            }

            index = (index * 26) + (char.ToUpperInvariant(c) - 'A' + 1);
        }

        return index - 1;
    }

    private static Dictionary<string, string> ToCells(List<string> header, string[] fields)
    {
        var cells = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Count && i < fields.Length; i++)
        {
            cells[header[i]] = fields[i];
        }

        return cells;
    }

    private static string NormaliseColumn(string name) => name.Trim().TrimStart('\uFEFF').ToLowerInvariant();
}
