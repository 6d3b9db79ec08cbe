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
    public async Task TemplateWorkbookAndCsvs_Import()
    {
        foreach (var sheet in ImportSheets.All)
        {
            var result = await ImportCsvAsync(sheet.Name, await File.ReadAllTextAsync(RepositoryFiles.PathOf("samples", "templates", sheet.Name + ".csv")));
            Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        }

        await using var workbook = File.OpenRead(RepositoryFiles.PathOf("samples", "templates", "cspbot-import-template.xlsx"));
        var again = await ImportWorkbookAsync(workbook);
        Assert.True(again.Succeeded, string.Join("\n", again.Problems));
        Assert.All(again.Sheets.Values, counts => Assert.Equal(0, counts.Created + counts.Updated));
    }

    private async Task<string> SnapshotWithoutHistoryAsync() => (await SnapshotAsync()).Split('#')[0];
}
