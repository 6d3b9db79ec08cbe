using CspBot.Core.Domain;
using CspBot.Core.Features.Import;
using CspBot.Core.Features.Localisation;

namespace CspBot.Core.Tests.Import;

/// <summary>An officer who chose Welsh reads the import's problems in Welsh (the console sets their language); the same file in English reads as it always has.</summary>
public sealed class ImportWelshTests : ImportTestBase
{
    private const string BadActions = """
        ref,plan,outcome,title,owner_email,agency,due_period,restricted
        ASB-01,ASB Plan,VIO,A good row,mark.reid@met.police.example,Police,2025-26 Q3,false
        ASB-02,ASB Plan,NOPE,Bad outcome and period,mark.reid@met.police.example,Police,2025-26 Q9,false
        ASB-03,ASB Plan,VIO,Bad owner,ghost@police.example,Police,2025-26 Q3,maybe
        """;

    [Fact]
    public async Task ImportProblems_ForAWelshOfficer_AreInWelsh_AndInEnglishForAnEnglishOne()
    {
        await ImportValidPartnershipAsync();

        ImportResult welsh;
        string[] said;
        using (CultureScope.Use(Language.Welsh))
        {
            welsh = await ImportCsvAsync(ImportSheets.Actions, BadActions);
            said = [.. welsh.Problems.Select(p => p.ToString())];
        }

        Assert.False(welsh.Succeeded);
        Assert.Equal(
            [
                "actions rhes 3 colofn 'outcome': canlyniad anhysbys 'NOPE'",
                "actions rhes 3 colofn 'due_period': nid yw '2025-26 Q9' yn gyfnod (ysgrifennwch ef fel 2025-26 Q3)",
                "actions rhes 4 colofn 'owner_email': nid yw 'ghost@police.example' yn aelod (mewnforiwch nhw yn members yn gyntaf)",
                "actions rhes 4 colofn 'restricted': nid yw 'maybe' yn true nac yn false",
            ],
            said);

        string[] english;
        using (CultureScope.Use(Language.English))
        {
            english = [.. (await ImportCsvAsync(ImportSheets.Actions, BadActions)).Problems.Select(p => p.ToString())];
        }

        Assert.Equal(
            [
                "actions row 3 column 'outcome': unknown outcome 'NOPE'",
                "actions row 3 column 'due_period': '2025-26 Q9' is not a period (write it like 2025-26 Q3)",
                "actions row 4 column 'owner_email': 'ghost@police.example' is not a member (import them in members first)",
                "actions row 4 column 'restricted': 'maybe' is not true or false",
            ],
            english);
    }

    [Fact]
    public async Task ImportProblems_InWelsh_CountCrimeTypes_AndNameTheSheetsAndHeader()
    {
        await ImportValidPartnershipAsync();

        using var welsh = CultureScope.Use(Language.Welsh);
        var one = await ImportCsvAsync(ImportSheets.PoliceSources, """
            ref,crime_types,area,comparison,peers
            VIO-01,Burglary;Nonsense,Haringey,London,
            """);
        var two = await ImportCsvAsync(ImportSheets.PoliceSources, """
            ref,crime_types,area,comparison,peers
            VIO-01,Nonsense;Rubbish,Haringey,sideways,
            """);
        var header = await ImportCsvAsync(ImportSheets.Outcomes, "code,title,colour\nRRO,Reduce re-offending,red");
        var sheet = await ImportCsvAsync("budgets", "a\n1");

        Assert.StartsWith("police-sources rhes 2 colofn 'crime_types': nid yw 'Nonsense' yn un o'r mathau o drosedd a gyhoeddir (y mathau yw: ", Assert.Single(one.Problems).ToString());
        Assert.Contains("nid yw 'Nonsense', 'Rubbish' yn fathau o drosedd a gyhoeddir", two.Problems[0].ToString());
        Assert.Equal("police-sources rhes 2 colofn 'comparison': nid yw 'sideways' yn London nac yn force", two.Problems[1].ToString());
        Assert.Equal("outcomes rhes 1 colofn 'colour': colofn anhysbys (disgwylid code,title)", Assert.Single(header.Problems).ToString());
        Assert.StartsWith("budgets: dalen anhysbys (defnyddiwch un o partnership, members", Assert.Single(sheet.Problems).ToString());
    }
}
