using CspBot.Core.Domain;
using CspBot.Core.Features.Import;
using CspBot.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CspBot.Core.Tests.Import;

public class DemoDataTests : ImportTestBase
{
    [Fact]
    public async Task DemoCsvFiles_ImportCleanly_WithTheDocumentedPeople()
    {
        foreach (var sheet in ImportSheets.All)
        {
            var result = await ImportCsvAsync(sheet.Name, await File.ReadAllTextAsync(RepositoryFiles.PathOf("samples", "demo", sheet.Name + ".csv")));
            Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        }

        await using var db = Database.CreateContext();
        var priya = await db.Members.SingleAsync(m => m.Email == "priya.shah@council.example");
        Assert.Equal(MemberRoles.Officer | MemberRoles.Owner, priya.Roles);
        Assert.True(await db.Actions.CountAsync(a => a.OwnerId == priya.Id) >= 12);
        Assert.True((await db.Members.SingleAsync(m => m.Email == "helen.marsh@council.example")).Has(MemberRoles.Chair));
        Assert.True(await db.Plans.CountAsync() >= 5);
        Assert.Contains(await db.IndicatorValues.ToListAsync(), v => v.LondonChangePct == 25m && v.MsgChangePct == 28m);
    }

    [Fact]
    public async Task DemoWorkbook_ImportsToTheSameDataAsTheCsvFiles()
    {
        await using (var workbook = File.OpenRead(RepositoryFiles.PathOf("samples", "demo", "demo-partnership.xlsx")))
        {
            var result = await ImportWorkbookAsync(workbook);
            Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        }

        var fromWorkbook = await SnapshotWithoutHistoryAsync();
        foreach (var sheet in ImportSheets.All)
        {
            var result = await ImportCsvAsync(sheet.Name, await File.ReadAllTextAsync(RepositoryFiles.PathOf("samples", "demo", sheet.Name + ".csv")));
            Assert.Equal(0, result.Sheets[sheet.Name].Updated + result.Sheets[sheet.Name].Created);
        }

        Assert.Equal(fromWorkbook, await SnapshotWithoutHistoryAsync());
    }

    [Fact]
    public async Task TemplateWorkbookAndCsvs_HoldOnlyExampleRows_WhichTheImportSkipsAndNames()
    {
        foreach (var sheet in ImportSheets.All)
        {
            var result = await ImportCsvAsync(sheet.Name, await File.ReadAllTextAsync(RepositoryFiles.PathOf("samples", "templates", sheet.Name + ".csv")));
            Assert.True(result.Succeeded, string.Join("\n", result.Problems));
            Assert.Equal(new SheetCounts(0, 0, 0), result.Sheets[sheet.Name]);
            var skipped = Assert.Single(result.Skipped);
            Assert.Equal((sheet.Name, 2, sheet.Columns[0]), (skipped.Sheet, skipped.Row, skipped.Column));
        }

        await using var workbook = File.OpenRead(RepositoryFiles.PathOf("samples", "templates", "cspbot-import-template.xlsx"));
        var again = await ImportWorkbookAsync(workbook);
        Assert.True(again.Succeeded, string.Join("\n", again.Problems));
        Assert.All(again.Sheets.Values, counts => Assert.Equal(new SheetCounts(0, 0, 0), counts));
        Assert.Equal(ImportSheets.All.Count, again.Skipped.Count);
    }

    [Fact]
    public async Task ExampleRow_AboveRealRows_IsSkipped_AndTheRealRowsImported()
    {
        var result = await ImportCsvAsync(ImportSheets.Outcomes, "code,title\nexample,An example\nVIO,Reduce serious violence\n");
        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        Assert.Equal(1, result.Sheets[ImportSheets.Outcomes].Created);
        Assert.Equal("outcomes row 2 column 'code': 'example' is the template's example row (code starting with EXAMPLE): skipped, nothing from it is imported", Assert.Single(result.Skipped).ToString());
    }

    private async Task<string> SnapshotWithoutHistoryAsync() => (await SnapshotAsync()).Split('#')[0];
}
