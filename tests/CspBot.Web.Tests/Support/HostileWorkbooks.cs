using System.IO.Compression;
using System.Text;

namespace CspBot.Web.Tests.Support;

/// <summary>
/// Workbooks written by hand as a zip, so a test can make what Excel never would: a part that inflates to hundreds of
/// megabytes, a DTD or an external entity, truncated XML, a cell at column ZZZZ, thousands of parts.
/// </summary>
public static class HostileWorkbooks
{
    private const string Workbook = """<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="outcomes" sheetId="1" r:id="rId1"/></sheets></workbook>""";

    /// <summary>A workbook whose one sheet ("outcomes") is <paramref name="sheetXml"/>, plus any extra parts.</summary>
    public static byte[] WithSheet(string sheetXml, int extraParts = 0) => Build(writer => writer.Write(sheetXml), extraParts);

    /// <summary>A valid "outcomes" sheet of <paramref name="rows"/> rows.</summary>
    public static string Sheet(IEnumerable<string> rows) =>
        """<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"""
        + string.Concat(rows) + "</sheetData></worksheet>";

    public static string Row(int number, params (string Reference, string Text)[] cells) =>
        $"<row r=\"{number}\">" + string.Concat(cells.Select(c => $"<c r=\"{c.Reference}\" t=\"inlineStr\"><is><t>{c.Text}</t></is></c>")) + "</row>";

    /// <summary>A sheet part of <paramref name="megabytes"/> MB of whitespace inside the XML: a zip bomb of a few hundred KB.</summary>
    public static byte[] Bomb(int megabytes) => Build(writer =>
    {
        writer.Write("""<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>""");
        var block = new string(' ', 1024 * 1024);
        for (var i = 0; i < megabytes; i++)
        {
            writer.Write(block);
        }

        writer.Write("</sheetData></worksheet>");
    });

    private static byte[] Build(Action<StreamWriter> writeSheet, int extraParts = 0)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, "[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>""");
            Add(zip, "_rels/.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
            Add(zip, "xl/workbook.xml", Workbook);
            Add(zip, "xl/_rels/workbook.xml.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>""");
            using (var sheet = new StreamWriter(zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.SmallestSize).Open(), new UTF8Encoding(false)))
            {
                writeSheet(sheet);
            }

            for (var i = 0; i < extraParts; i++)
            {
                Add(zip, $"xl/media/extra{i}.xml", "<x/>");
            }
        }

        return buffer.ToArray();
    }

    private static void Add(ZipArchive zip, string name, string text)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
        writer.Write(text);
    }
}
