using System.Globalization;
using System.IO.Compression;
using CspBot.Core.Domain;
using CsvHelper;
using CsvHelper.Configuration;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using CspBot.Core.Features.Localisation;

namespace CspBot.Core.Features.Import;

/// <summary>Reads the import formats (CSV per sheet, or one .xlsx workbook) into tables without interpreting them.</summary>
public static class ImportFileReaders
{
    public static ImportTable ReadCsv(string sheet, Stream csv, List<ImportProblem> problems, ImportLimits limits)
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectDelimiter = false,
            BadDataFound = args => problems.Add(new(sheet, args.Context.Parser?.Row, null, ImportText.StrayQuote)),
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
                if (fields.Length > limits.MaxColumns)
                {
                    problems.Add(new(sheet, parser.Row, null, Terms.Format(ImportText.TooManyFields, fields.Length, limits.MaxColumns)));
                    break;
                }

                if (header.Count == 0)
                {
                    header.AddRange(fields.Select(NormaliseColumn));
                    continue;
                }

                if (rows.Count >= limits.MaxRowsPerSheet)
                {
                    problems.Add(new(sheet, parser.Row, null, Terms.Format(ImportText.TooManyRowsFile, limits.MaxRowsPerSheet)));
                    break;
                }

                if (fields.All(string.IsNullOrWhiteSpace))
                {
                    continue;
                }

                if (fields.Length > header.Count)
                {
                    problems.Add(new(sheet, parser.Row, null, Terms.Format(ImportText.FieldCount, fields.Length, header.Count)));
                    continue;
                }

                rows.Add(new ImportRow(parser.Row, ToCells(header, fields)));
            }
        }
        catch (CsvHelperException ex) when (ex.InnerException is System.Text.DecoderFallbackException)
        {
            problems.Add(new(sheet, parser.Row, null, ImportText.NotUtf8));
        }
        catch (System.Text.DecoderFallbackException)
        {
            problems.Add(new(sheet, parser.Row, null, ImportText.NotUtf8));
        }
        catch (CsvHelperException ex)
        {
            problems.Add(new(sheet, parser.Row, null, Terms.Format(ImportText.NotCsv, ex.GetType().Name)));
        }

        return new ImportTable(sheet, header, rows);
    }

    /// <summary>
    /// Reads every worksheet; sheet names are matched against <see cref="ImportSheets"/> by the caller. The package is
    /// measured before it is opened (<see cref="CheckPackage"/>), and parts are read as streams, never as whole
    /// documents, so a small file that inflates, or a sheet with a cell at column ZZZZ, costs nothing.
    /// </summary>
    public static IReadOnlyList<ImportTable> ReadWorkbook(Stream xlsx, List<ImportProblem> problems, ImportLimits limits)
    {
        var tables = new List<ImportTable>();
        if (CheckPackage(xlsx, limits) is { } refused)
        {
            problems.Add(new("workbook", null, null, refused));
            return tables;
        }

        xlsx.Position = 0;
        try
        {
            using var document = SpreadsheetDocument.Open(xlsx, isEditable: false);
            var workbookPart = document.WorkbookPart;
            if (workbookPart?.Workbook.Sheets is null)
            {
                problems.Add(new("workbook", null, null, ImportText.NoWorksheets));
                return tables;
            }

            var sharedStrings = SharedStrings(workbookPart.SharedStringTablePart);
            foreach (var sheet in workbookPart.Workbook.Sheets.Elements<Sheet>())
            {
                if (sheet.Id?.Value is not { } relId || workbookPart.GetPartById(relId) is not WorksheetPart part)
                {
                    continue;
                }

                tables.Add(ReadWorksheet(sheet.Name?.Value ?? "?", part, sharedStrings, problems, limits));
            }
        }
        catch (System.Xml.XmlException ex)
        {
            problems.Add(new("workbook", null, null, Terms.Format(ImportText.MalformedXml, ex.LineNumber)));
        }
        catch (Exception ex) when (ex is InvalidDataException or OpenXmlPackageException or IOException or FormatException or ArgumentException or InvalidOperationException or KeyNotFoundException)
        {
            problems.Add(new("workbook", null, null, ImportText.NotWorkbook));
        }

        return tables;
    }

    /// <summary>
    /// Why the package may not be opened (too many parts, too large unzipped, a part that inflates too far), or null.
    /// Reads the zip's directory only.
    /// </summary>
    private static string? CheckPackage(Stream xlsx, ImportLimits limits)
    {
        try
        {
            using var zip = new ZipArchive(xlsx, ZipArchiveMode.Read, leaveOpen: true);
            if (zip.Entries.Count > 1000)
            {
                return Terms.Format(ImportText.TooManyParts, zip.Entries.Count);
            }

            long total = 0;
            foreach (var entry in zip.Entries)
            {
                total += entry.Length;
                if (total > limits.MaxUncompressedBytes)
                {
                    return Terms.Format(ImportText.TooBigUnzipped, limits.MaxUncompressedBytes / (1024 * 1024));
                }

                if (entry.Length > 1024 * 1024 && entry.Length > (long)limits.MaxCompressionRatio * Math.Max(1, entry.CompressedLength))
                {
                    return Terms.Format(ImportText.Inflates, entry.FullName, limits.MaxCompressionRatio);
                }
            }

            return null;
        }
        catch (InvalidDataException)
        {
            return ImportText.NotWorkbook;
        }
    }

    private static string[] SharedStrings(SharedStringTablePart? part)
    {
        if (part is null)
        {
            return [];
        }

        var strings = new List<string>();
        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            if (reader.ElementType == typeof(SharedStringItem) && reader.IsStartElement)
            {
                strings.Add(((SharedStringItem)reader.LoadCurrentElement()!).InnerText);
            }
        }

        return [.. strings];
    }

    private static ImportTable ReadWorksheet(string name, WorksheetPart part, string[] sharedStrings, List<ImportProblem> problems, ImportLimits limits)
    {
        var sheet = name.Trim().ToLowerInvariant();
        var header = new List<string>();
        var rows = new List<ImportRow>();
        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            if (reader.ElementType != typeof(Row) || !reader.IsStartElement)
            {
                continue;
            }

            var row = (Row)reader.LoadCurrentElement()!;
            var values = new SortedDictionary<int, string>();
            foreach (var cell in row.Elements<Cell>())
            {
                var column = ColumnIndex(cell.CellReference?.Value);
                if (column < 0 || column >= limits.MaxColumns)
                {
                    problems.Add(new(sheet, (int?)row.RowIndex?.Value, cell.CellReference?.Value, Terms.Format(ImportText.BeyondColumns, limits.MaxColumns)));
                    return new ImportTable(sheet, header, rows);
                }

                values[column] = CellText(cell, sharedStrings);
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

            if (rows.Count >= limits.MaxRowsPerSheet)
            {
                problems.Add(new(sheet, (int?)row.RowIndex?.Value, null, Terms.Format(ImportText.TooManyRowsSheet, limits.MaxRowsPerSheet)));
                break;
            }

            rows.Add(new ImportRow((int)(row.RowIndex?.Value ?? (uint)(rows.Count + 2)), ToCells(header, fields)));
        }

        return new ImportTable(sheet, header, rows);
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

    /// <summary>The zero-based column of a cell reference ("C7" → 2); -1 for a reference no sheet can have.</summary>
    private static int ColumnIndex(string? reference)
    {
        var index = 0;
        var letters = 0;
        foreach (var c in reference ?? "A")
        {
            if (!char.IsAsciiLetter(c))
            {
                break;
            }

            if (++letters > 3)
            {
                return -1;
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
            cells[header[i]] = FreeText.Normalise(fields[i])!;
        }

        return cells;
    }

    private static string NormaliseColumn(string name) => name.Trim().TrimStart('\uFEFF').ToLowerInvariant();
}
