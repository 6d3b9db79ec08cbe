using CspBot.Core.Domain;
using CspBot.Core.Features.Localisation;
using CspBot.Core.Features.Reports;
using CspBot.Core.Features.Scorecard;
using CspBot.Core.Features.Variation;
using CspBot.Testing;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;

namespace CspBot.Core.Tests.Reports;

/// <summary>
/// Issue 28: the board paper in Welsh, and bilingual with the Welsh paper first, from one compilation (one version):
/// valid by the Open XML validator, Welsh headings, SWYDDOGOL in the header and footer, Welsh dates, Welsh chart
/// titles and alt text; what members wrote stays as written.
/// </summary>
public class WelshBoardPaperTests
{
    private static readonly string[] WelshHeadings =
    [
        "1. Diben", "2. Argymhellion", "3. Uchafbwyntiau cryno", "4. Materion perfformiad", "5. Cyflawni prosiectau", "6. Ffurflenni cynnydd heb ddod i law", "7. Monitro yn y dyfodol",
        "Atodiad A. Cerdyn sgorio fesul canlyniad strategol", "Atodiad B. Tabl uchafbwyntiau prosiectau", "Atodiad C. Dangosyddion",
    ];

    /// <summary>The same compilation in English with its Welsh twin, as <see cref="ReportCompiler"/> stores it for a Welsh or bilingual paper.</summary>
    private static ExceptionReport Compiled(ReportInputs inputs, PartnershipLanguage paper)
    {
        var english = BoardPaperTests.Paper(inputs) with { ProtectiveMarking = "OFFICIAL" };
        using (CultureScope.Use(Language.Welsh))
        {
            return english with { Paper = paper, Welsh = BoardPaperTests.Paper(inputs) with { ProtectiveMarking = "OFFICIAL" } };
        }
    }

    private static ReportInputs WithSpc()
    {
        var now = BoardPaperTests.Case("mixed");
        var inputs = BoardPaperTests.Inputs(now);
        return inputs with
        {
            Variation = now.Indicators.ToDictionary(i => i.Ref, i => i.Ref.EndsWith('7') ? BoardPaperTests.Spc(i.Ref, BoardPaperTests.RunOfConcern, 100) : BoardPaperTests.Spc(i.Ref, [26, 24, 27, 25, 28, 26, 29], 25)),
        };
    }

    private static List<string> Headings(WordprocessingDocument word) => [.. word.MainDocumentPart!.Document.Body!.Elements<Paragraph>()
        .Where(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value == "Heading1").Select(p => p.InnerText)];

    [Theory]
    [MemberData(nameof(BoardPaperTests.Cases), MemberType = typeof(BoardPaperTests))]
    public void WelshPaper_IsValid_InWelsh_WithSwyddogolAndWelshDates(string name)
    {
        var report = Compiled(BoardPaperTests.Inputs(BoardPaperTests.Case(name)), PartnershipLanguage.Welsh);

        var bytes = ExceptionReportDocument.Write(report);

        using var word = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        var errors = OpenXmlCheck.Errors(word);
        Assert.True(errors.Count == 0, string.Join("\n", errors.Take(20)));
        Assert.Equal(WelshHeadings, Headings(word));
        var main = word.MainDocumentPart!;
        Assert.Equal("Haringey Community Safety Partnership · SWYDDOGOL", main.HeaderParts.Single().Header!.InnerText);
        var footer = main.FooterParts.Single().Footer!.InnerText;
        Assert.StartsWith("Tudalen 1 o 1 · Adroddiad eithriadau 2025-26 Ch2, fersiwn 3 · lluniwyd 21 Hydref 2025 · SWYDDOGOL", footer);
        Assert.Equal("cy-GB", word.PackageProperties.Language);
        Assert.Equal("Adroddiad Eithriadau Perfformiad a Phrosiectau 2025-26 Ch2", word.PackageProperties.Title);
        Assert.Equal("cy-GB", main.StyleDefinitionsPart!.Styles!.DocDefaults!.Descendants<Languages>().Single().Val!.Value);

        var text = BoardPaperTests.Text(bytes);
        Assert.Contains("Adroddiad i: Community Safety Partnership Board, 6 Tachwedd 2025", text);
        Assert.Contains("Cyfnod adrodd: 2025-26 Ch2 (Gorffennaf – Medi 2025); y dyddiad cau ar gyfer ffurflenni cynnydd oedd 21 Hydref 2025", text);
        Assert.Contains("Bydd perfformiad 2025-26 Ch3 yn cael ei adrodd i'r bwrdd ar 22 Ionawr 2026.", text);
        Assert.Contains("Wardiau: Pob un", text);
        Assert.DoesNotContain("Appendix", text);
        Assert.DoesNotContain("Performance issues", text);
        if (name != "no returns")
        {
            // What members wrote stays as written.
            Assert.Contains("Commentary for action", text);
            Assert.Contains("Sylwebaeth: ", text);
        }

        // Chart titles and alt text in Welsh.
        Assert.All(main.Document.Descendants<DW.DocProperties>(), p => Assert.StartsWith("Siart ", p.Description!.Value!, StringComparison.Ordinal));
        Assert.Contains(main.ChartParts, c => c.ChartSpace!.InnerText.Contains("statws RAG camau gweithredu a dangosyddion fesul canlyniad strategol", StringComparison.Ordinal));
    }

    [Fact]
    public void WelshPaper_SaysVariationInWelsh_DrawsWelshSpcCharts_AndKeepsEnglishOutOfItsWords()
    {
        var report = Compiled(WithSpc(), PartnershipLanguage.Welsh);

        var bytes = ExceptionReportDocument.Write(report);

        using var word = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        Assert.Empty(OpenXmlCheck.Errors(word));
        var text = BoardPaperTests.Text(bytes);
        Assert.Contains("Amrywiad: achos arbennig sy'n peri pryder: 7 chwarter yn olynol uwchlaw'r cyfartaledd", text);
        Assert.Contains("Sut i ddarllen y colofnau amrywiad a sicrwydd", text);
        Assert.Contains("Siartiau SPC y dangosyddion Coch ac Ambr allweddol", text);
        Assert.Contains("Ym mhob siart SPC", text);
        Assert.DoesNotContain("special cause", text);
        Assert.DoesNotContain("quarters", text);
        var chart = word.MainDocumentPart!.ChartParts.First(c => c.ChartSpace!.InnerText.Contains("Siart SPC", StringComparison.Ordinal)).ChartSpace!;
        Assert.Contains("Cymedr", chart.InnerText);
        Assert.Contains("Targed", chart.InnerText);
        Assert.Contains("2025-26 Ch2", chart.InnerText);
        var alt = word.MainDocumentPart.Document.Descendants<DW.DocProperties>().Select(p => p.Description!.Value!).First(d => d.StartsWith("Siart SPC", StringComparison.Ordinal));
        Assert.Contains("2025-26 Ch2 104 (achos arbennig, pryder: rhediad)", alt);
        var rows = word.MainDocumentPart.Document.Descendants<TableRow>().Select(r => r.Elements<TableCell>().Select(c => c.InnerText).ToList()).ToList();
        var header = rows.First(r => r.Contains("Amrywiad"));
        Assert.Equal(new[] { "Cyfeiriad", "Amrywiad", "Sicrwydd" }, header.TakeLast(3));
        Assert.Contains(rows, r => r.Count == header.Count && r[^2] == "Pryder (C)");
        Assert.Contains(rows, r => r.Count == header.Count && r[^4] == "Coch");
    }

    [Fact]
    public void BilingualPaper_IsValid_AndReadsWelshFirst_ThenTheSameVersionInEnglish()
    {
        var report = Compiled(WithSpc(), PartnershipLanguage.Bilingual);

        var bytes = ExceptionReportDocument.Write(report);

        using var word = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        var errors = OpenXmlCheck.Errors(word);
        Assert.True(errors.Count == 0, string.Join("\n", errors.Take(20)));
        var english = new[]
        {
            "1. Purpose", "2. Recommendations", "3. Summary highlights", "4. Performance issues", "5. Project delivery", "6. Returns not received", "7. Future monitoring",
            "Appendix A. Scorecard by strategic outcome", "Appendix B. Project highlight table", "Appendix C. Indicators",
        };
        Assert.Equal([.. WelshHeadings, .. english], Headings(word));
        var body = word.MainDocumentPart!.Document.Body!;
        Assert.Equal(
            ["Adroddiad Eithriadau Perfformiad a Phrosiectau 2025-26 Ch2", "2025-26 Q2 Performance and Project Exception Report"],
            body.Elements<Paragraph>().Where(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value == "Title").Select(p => p.InnerText));
        Assert.Equal("Adroddiad Eithriadau Perfformiad a Phrosiectau 2025-26 Ch2 / 2025-26 Q2 Performance and Project Exception Report", word.PackageProperties.Title);

        // Four sections: the Welsh body and appendices, then the English; each half with its own header and footer.
        var sections = body.Descendants<SectionProperties>().ToList();
        Assert.Equal(4, sections.Count);
        var headers = sections.Select(s => ((HeaderPart)word.MainDocumentPart.GetPartById(s.GetFirstChild<HeaderReference>()!.Id!.Value!)).Header!.InnerText).ToList();
        Assert.Equal(["Haringey Community Safety Partnership · SWYDDOGOL", "Haringey Community Safety Partnership · SWYDDOGOL", "Haringey Community Safety Partnership · OFFICIAL", "Haringey Community Safety Partnership · OFFICIAL"], headers);
        var footers = sections.Select(s => ((FooterPart)word.MainDocumentPart.GetPartById(s.GetFirstChild<FooterReference>()!.Id!.Value!)).Footer!.InnerText).ToList();
        Assert.Contains("lluniwyd 21 Hydref 2025 · SWYDDOGOL", footers[0]);
        Assert.Contains("compiled 21 October 2025 · OFFICIAL", footers[3]);
        Assert.All(footers, f => Assert.Contains(" 3 · ", f)); // one version number for both languages

        // The English half's text is marked English (the document's language is Welsh) for spelling and screen readers.
        var englishStart = body.Elements<Paragraph>().First(p => p.InnerText == "1. Purpose");
        Assert.Equal("en-GB", englishStart.Descendants<Languages>().Single().Val!.Value);
        Assert.Null(body.Elements<Paragraph>().First(p => p.InnerText == "1. Diben").Descendants<Languages>().FirstOrDefault());
        Assert.Equal(2, word.MainDocumentPart.ChartParts.Count(c => c.ChartSpace!.InnerText.Contains("statws RAG", StringComparison.Ordinal) || c.ChartSpace.InnerText.Contains("RAG status", StringComparison.Ordinal)));
    }

    [Fact]
    public void WelshWords_ForTheVariation_AndOtherMarkings()
    {
        using (CultureScope.Use(Language.Welsh))
        {
            Assert.Equal("SWYDDOGOL-SENSITIF", ExceptionReportDocument.Marking("OFFICIAL-SENSITIVE"));
            Assert.Equal("Our own marking", ExceptionReportDocument.Marking("Our own marking"));
            Assert.Equal("Gwelliant (I)", VariationWords.Label(VariationType.Improvement));
            Assert.Equal("Yn gwaethygu (ddim yn sylweddol)", ExceptionReport.DirectionText(DirectionOfTravel.Worsening, ChangeOnLastYear.Of(104, 100, "offences")));
            Assert.Equal("7 Rhagfyr 2026", ExceptionReport.LongDate(new DateOnly(2026, 12, 7)));
        }

        Assert.Equal("Official", ExceptionReportDocument.Marking("Official"));
        Assert.Equal("7 December 2026", ExceptionReport.LongDate(new DateOnly(2026, 12, 7)));
    }
}
