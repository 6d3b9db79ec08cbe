using CspBot.Core.Domain;
using CspBot.Core.Features.Localisation;
using CspBot.Core.Features.Police;

namespace CspBot.Core.Tests.Police;

/// <summary>What the Import page says about police street files, in Welsh for an officer who chose it and as before in English.</summary>
public sealed class PoliceWelshTests
{
    private static readonly CountedFile OneFile = new("2025-09-metropolitan-street.csv", "2025-09", "Metropolitan Police Service", 1204, 0, 3, [new(7, "an unclosed quote")]);

    private static readonly PoliceFigure Figure = new("VIO-01", ReportingPeriod.Parse("2025-26 Q2"), 512, 480, null, null, []);

    [Fact]
    public async Task StreetFileProblems_AndTheUploadSummary_AreInWelsh()
    {
        using var welsh = CultureScope.Use(Language.Welsh);
        var counter = new StreetFileCounter(new HashSet<string>());

        var (_, empty) = await counter.CountAsync("2025-09-metropolitan-street.csv", new StringReader(string.Empty), CancellationToken.None);
        var (_, notStreet) = await counter.CountAsync("2025-09-metropolitan-outcomes.csv", new StringReader("a,b\n1,2\n"), CancellationToken.None);

        Assert.Equal("mae'n wag", empty);
        Assert.StartsWith("nid yw'n ffeil troseddau lefel stryd: rhaid i'w phennawd fod yn Crime ID,", notStreet);
        Assert.Equal("Cyfrifwyd 1,204 trosedd o 1 ffeil stryd; ni chyfrifwyd 3 llinell wallus (gweler pob ffeil). Cadwyd 1 ffigur dangosydd.",
            new PoliceUploadResult(true, [OneFile], [], [], [new(Figure, PoliceIndicators.Stored)]).Summary);
        Assert.Equal("Ni chyfrifwyd na newidiwyd dim: notes.txt nid yw'n ffeil .csv lefel stryd nac yn archif .zip ohonynt",
            new PoliceUploadResult(false, [], [], [new("notes.txt", PoliceText.NeitherCsvNorZip)], []).Summary);
        Assert.Equal("Yn cynnwys gwybodaeth y sector cyhoeddus a drwyddedir o dan y Drwydded Llywodraeth Agored v3.0 (data.police.uk).", PoliceText.Attribution);
    }

    [Fact]
    public void TheUploadSummary_InEnglish_IsAsItWas()
    {
        using var english = CultureScope.Use(Language.English);

        Assert.Equal("Counted 1,204 crimes from 1 street files; 3 malformed lines were not counted (see each file). 1 indicator figures were stored.",
            new PoliceUploadResult(true, [OneFile], [], [], [new(Figure, PoliceIndicators.Stored)]).Summary);
        Assert.Equal(PoliceData.Attribution, PoliceText.Attribution);
    }
}
