using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using CspBot.Testing;
using CspBot.Web.Tests.Support;
using DocumentFormat.OpenXml.Packaging;

namespace CspBot.Web.Tests.Import;

/// <summary>The current data exported as the import workbook: valid Open XML, and back through the import it changes nothing.</summary>
public sealed class WorkbookExportTests : IAsyncDisposable
{
    private readonly CspBotApp app = new(seedDemo: true);

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Export_IsAValidWorkbook_WithEverySheet_AndRoundTripsWithoutAChange()
    {
        var client = app.CreateClient();
        var response = await client.GetAsync("/api/admin/export.xlsx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var workbook = await response.Content.ReadAsByteArrayAsync();

        using (var document = SpreadsheetDocument.Open(new MemoryStream(workbook), false))
        {
            var errors = OpenXmlCheck.Errors(document);
            Assert.True(errors.Count == 0, string.Join("\n", errors.Take(20)));
            var names = document.WorkbookPart!.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Select(s => s.Name!.Value).ToList();
            Assert.Equal(CspBot.Core.Features.Import.ImportSheets.All.Select(s => s.Name), names);
        }

        var dryRun = new ByteArrayContent(workbook);
        dryRun.Headers.ContentType = new MediaTypeHeaderValue(CspBot.Core.Features.Import.WorkbookExport.ContentType);
        var preview = await client.PostAsync("/api/admin/import?dryRun=true", dryRun);
        var body = JsonNode.Parse(await preview.Content.ReadAsStringAsync())!;
        Assert.True(preview.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        Assert.Empty(body["changes"]!.AsArray());
        foreach (var (sheet, counts) in body["wouldImport"]!.AsObject())
        {
            Assert.True(counts!["created"]!.GetValue<int>() == 0 && counts["updated"]!.GetValue<int>() == 0, $"{sheet}: {counts.ToJsonString()}");
        }

        Assert.True(body["wouldImport"]!["actions"]!["unchanged"]!.GetValue<int>() > 50);
        Assert.True(body["wouldImport"]!["indicator-values"]!["unchanged"]!.GetValue<int>() > 100);
    }

    [Fact]
    public async Task DryRun_ShowsOldAndNew_AndSavesNothing()
    {
        var client = app.CreateClient();
        var before = await app.SnapshotAsync();
        var csv = new StringContent("code,title\nVIO,Reduce serious violence and knife crime\n");
        csv.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var preview = await client.PostAsync("/api/admin/import/outcomes?dryRun=true", csv);
        var body = JsonNode.Parse(await preview.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var change = Assert.Single(body["changes"]!.AsArray())!;
        Assert.Equal(("StrategicOutcome", "VIO", "Title", "Reduce serious violence, gangs and youth violence", "Reduce serious violence and knife crime"),
            ((string?)change["entity"], (string?)change["key"], (string?)change["field"], (string?)change["oldValue"], (string?)change["newValue"]));
        Assert.Equal(before, await app.SnapshotAsync());
    }
}
