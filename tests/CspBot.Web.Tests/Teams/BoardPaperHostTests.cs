using CspBot.Testing;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CspBot.Web.Tests.Support;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CspBot.Web.Tests.Teams;

/// <summary>
/// The board paper compiled by the real host from the demo partnership with its returns: valid by the Open XML SDK's
/// validator, with the officer's own words from the operations API, and recording who compiled each version.
/// </summary>
public sealed class BoardPaperHostTests : IAsyncLifetime
{
    private readonly CspBotApp app = new(seedDemo: true, new Dictionary<string, string?> { ["Demo:Returns"] = "true" });

    public Task InitializeAsync() => app.SetClockAsync("2025-10-21T15:00:00Z");

    public Task DisposeAsync() => app.DisposeAsync().AsTask();

    private async Task<byte[]> CompileAsync()
    {
        var compiled = await app.CreateClient().PostAsync("/api/admin/jobs/exception-report/run?period=2025-26-Q2", null);
        Assert.True(compiled.IsSuccessStatusCode, await compiled.Content.ReadAsStringAsync());
        return await app.CreateClient().GetByteArrayAsync("/api/reports/2025-26-Q2/exception-report.docx");
    }

    [Fact]
    public async Task DemoPaper_IsValid_AndTellsTheBoardItGoesTo()
    {
        var docx = await CompileAsync();

        using var word = WordprocessingDocument.Open(new MemoryStream(docx), false);
        var errors = OpenXmlCheck.Errors(word);
        Assert.True(errors.Count == 0, string.Join("\n", errors.Take(20)));
        var text = word.MainDocumentPart!.Document.InnerText;
        // The demo's Q2 deadline (21 October) is set by its own board, which the paper goes to; Q3's is the board after.
        Assert.Contains("Report for: Community Safety Partnership Board, 4 November 2025", text);
        Assert.Contains("2025-26 Q3 performance will be reported to the board on 5 February 2026.", text);
        Assert.Contains("Report of: Head of Community Safety and Enforcement", text);
        Assert.Contains("VIO-03 Racial and religious aggravated offences (Red)", text);
        Assert.Contains("79 offences", text);
        Assert.True(word.MainDocumentPart.ChartParts.Count() >= 2, "the RAG chart and at least one trend");
    }

    /// <summary>
    /// As a board member meets it: LibreOffice (installed by scripts/install-test-tools.sh) turns the demo's paper into a
    /// PDF. Every page is A4, the body (portrait) stays short and the appendices are landscape.
    /// </summary>
    [Fact]
    public async Task DemoPaper_RendersInLibreOffice_OnA4Pages_WithAShortBody()
    {
        var docx = await CompileAsync();
        var folder = Directory.CreateTempSubdirectory("cspbot-paper-").FullName;
        try
        {
            var input = Path.Combine(folder, "paper.docx");
            await File.WriteAllBytesAsync(input, docx);

            var pdf = await LibreOffice.ToPdfAsync(input, folder);

            var pages = LibreOffice.PageSizes(pdf);
            Assert.All(pages, page => Assert.True(page is (595, 842) or (842, 595), $"a page of {page} points is not A4"));
            var portrait = pages.Count(p => p.Width < p.Height);
            Assert.InRange(portrait, 3, 5); // "about four pages": the body ends on its fifth page at most
            Assert.Equal(pages.Count, portrait + pages.Skip(portrait).Count(p => p.Width > p.Height)); // appendices follow the body
            Assert.InRange(pages.Count, 6, 16);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// Issue 26: section 4 says each Red and key Amber indicator's variation in words, never calls a change better or
    /// worse without saying whether it is significant, draws SPC charts, and Appendix C has the variation and assurance
    /// columns with the note on how to read them.
    /// </summary>
    [Fact]
    public async Task DemoPaper_SaysEachExceptionsVariationInWords_DrawsSpcCharts_AndAppendixCHasVariationAndAssurance()
    {
        var docx = await CompileAsync();

        using var word = WordprocessingDocument.Open(new MemoryStream(docx), false);
        var errors = OpenXmlCheck.Errors(word);
        Assert.True(errors.Count == 0, string.Join("\n", errors.Take(20)));
        var paragraphs = word.MainDocumentPart!.Document.Body!.Descendants<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().Select(p => p.InnerText).ToList();
        var section4 = paragraphs.SkipWhile(p => p != "4. Performance issues").TakeWhile(p => p != "5. Project delivery").ToList();
        var exceptions = section4.Count(p => p.StartsWith("VIO-03 ", StringComparison.Ordinal) || p.EndsWith("(Red)", StringComparison.Ordinal) || p.EndsWith("(Amber)", StringComparison.Ordinal));
        Assert.True(exceptions > 0);
        var said = section4.Count(p => System.Text.RegularExpressions.Regex.IsMatch(p, "^Variation: (common cause variation:|special cause (concern|improvement|variation):|too few quarters for process limits|no figure for) .+"));
        Assert.True(exceptions == said, string.Join("\n", section4));
        Assert.DoesNotContain(paragraphs, p => System.Text.RegularExpressions.Regex.IsMatch(p, "(?i)\\b(worsening|improving)\\b(?! \\((significant|possibly significant|not significant|not tested)\\))"));

        var charts = word.MainDocumentPart.ChartParts.Select(c => c.ChartSpace!.InnerText).ToList();
        Assert.Contains(charts, c => c.Contains("SPC chart", StringComparison.Ordinal) && c.Contains("Mean", StringComparison.Ordinal) && c.Contains("Target", StringComparison.Ordinal));

        var header = word.MainDocumentPart.Document.Descendants<DocumentFormat.OpenXml.Wordprocessing.TableRow>()
            .Select(r => r.Elements<DocumentFormat.OpenXml.Wordprocessing.TableCell>().Select(c => c.InnerText).ToList())
            .First(r => r.Contains("Variation"));
        Assert.Equal(new[] { "Direction", "Variation", "Assurance" }, header.TakeLast(3));
        Assert.Contains("How to read the variation and assurance columns", paragraphs);
        Assert.Contains(paragraphs, p => p.Contains("NHS England's Making Data Count", StringComparison.Ordinal));
    }

    /// <summary>
    /// Issue 28: the paper in Welsh or bilingual. The operations API compiles it in the language asked for (the
    /// partnership's default otherwise); the bilingual paper is valid and reads Welsh first; a Welsh partnership's paper is
    /// Welsh, signed off in Welsh, and looks right when LibreOffice renders it (its first page is written to /tmp).
    /// </summary>
    [Fact]
    public async Task WelshAndBilingualPapers_AreCompiledAsAsked_ValidWelshFirst_AndRender()
    {
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/api/admin/jobs/exception-report/run?period=2025-26-Q2&language=klingon", null)).StatusCode);
        var compiled = await client.PostAsync("/api/admin/jobs/exception-report/run?period=2025-26-Q2&language=bilingual", null);
        Assert.True(compiled.IsSuccessStatusCode, await compiled.Content.ReadAsStringAsync());
        var bilingual = await client.GetByteArrayAsync("/api/reports/2025-26-Q2/exception-report.docx");
        using (var word = WordprocessingDocument.Open(new MemoryStream(bilingual), false))
        {
            var errors = OpenXmlCheck.Errors(word);
            Assert.True(errors.Count == 0, string.Join("\n", errors.Take(20)));
            var headings = word.MainDocumentPart!.Document.Body!.Elements<DocumentFormat.OpenXml.Wordprocessing.Paragraph>()
                .Where(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value == "Heading1").Select(p => p.InnerText).ToList();
            Assert.Equal("1. Diben", headings[0]);
            Assert.True(headings.IndexOf("1. Purpose") > headings.IndexOf("Atodiad C. Dangosyddion"), string.Join(" | ", headings));
            Assert.Contains(word.MainDocumentPart.HeaderParts, h => h.Header!.InnerText.EndsWith("SWYDDOGOL", StringComparison.Ordinal));
            Assert.Contains(word.MainDocumentPart.FooterParts, f => f.Footer!.InnerText.Contains("lluniwyd 21 Hydref 2025", StringComparison.Ordinal));
            var text = word.MainDocumentPart.Document.InnerText;
            Assert.Contains("Adroddiad i: Community Safety Partnership Board, 4 Tachwedd 2025", text);
            Assert.Contains("Report for: Community Safety Partnership Board, 4 November 2025", text);
        }

        // A Welsh partnership: its default makes the paper Welsh; sign-off is printed on it in Welsh (one version).
        await app.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<CspBot.Core.Persistence.CspDbContext>();
            (await db.Partnerships.FirstAsync()).DefaultLanguage = CspBot.Core.Domain.PartnershipLanguage.Welsh;
            await db.SaveChangesAsync();
            return true;
        });
        var welshVersion = (await (await client.PostAsync("/api/admin/jobs/exception-report/run?period=2025-26-Q2", null)).Content.ReadFromJsonAsync<JsonObject>())!["version"]!.GetValue<int>();
        await app.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<CspBot.Core.Persistence.CspDbContext>();
            var officer = await db.Members.FirstAsync(m => m.Email == "priya.shah@council.example");
            var signed = await services.GetRequiredService<CspBot.Core.Features.Reports.ReportSignOff>().SignOffAsync(
                officer, CspBot.Core.Domain.ReportingPeriod.Parse("2025-26-Q2"), welshVersion, confirmed: true, CspBot.Core.Domain.ChangeSource.Console, CancellationToken.None);
            Assert.True(signed.SignedOff, signed.Message);
            return true;
        });
        var welsh = await client.GetByteArrayAsync($"/api/reports/2025-26-Q2/exception-report.docx?version={welshVersion}");
        using (var word = WordprocessingDocument.Open(new MemoryStream(welsh), false))
        {
            Assert.Empty(OpenXmlCheck.Errors(word));
            var text = word.MainDocumentPart!.Document.InnerText;
            Assert.Contains("1. Diben", text);
            Assert.DoesNotContain("1. Purpose", text);
            Assert.Contains("Cymeradwywyd gan y Grŵp Rheoli Perfformiad ar 21 Hydref 2025 (Priya Shah)", text);
            Assert.Equal($"Tudalen 1 o 1 · Adroddiad eithriadau 2025-26 Ch2, fersiwn {welshVersion} · lluniwyd 21 Hydref 2025 · SWYDDOGOL", word.MainDocumentPart.FooterParts.Single().Footer!.InnerText);
        }

        // The same version in English, from the same compilation; an English-only version has no Welsh to give.
        var english = await client.GetByteArrayAsync($"/api/reports/2025-26-Q2/exception-report.docx?version={welshVersion}&language=en");
        using (var word = WordprocessingDocument.Open(new MemoryStream(english), false))
        {
            Assert.Empty(OpenXmlCheck.Errors(word));
            Assert.Contains("1. Purpose", word.MainDocumentPart!.Document.InnerText);
            Assert.Contains("Signed off by the Performance Management Group on 21 October 2025 (Priya Shah)", word.MainDocumentPart.Document.InnerText);
            Assert.Equal($"Page 1 of 1 · 2025-26 Q2 exception report, version {welshVersion} · compiled 21 October 2025 · OFFICIAL", word.MainDocumentPart.FooterParts.Single().Footer!.InnerText);
        }

        var englishOnly = (await (await client.PostAsync("/api/admin/jobs/exception-report/run?period=2025-26-Q2&language=en", null)).Content.ReadFromJsonAsync<JsonObject>())!["version"]!.GetValue<int>();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/reports/2025-26-Q2/exception-report.docx?version={englishOnly}&language=cy")).StatusCode);

        var folder = Directory.CreateTempSubdirectory("cspbot-welsh-paper-").FullName;
        try
        {
            var input = Path.Combine(folder, "papur.docx");
            await File.WriteAllBytesAsync(input, welsh);
            var pdf = await LibreOffice.ToPdfAsync(input, folder);
            var pages = LibreOffice.PageSizes(pdf);
            Assert.All(pages, page => Assert.True(page is (595, 842) or (842, 595), $"a page of {page} points is not A4"));
            await File.WriteAllBytesAsync(Path.Combine(Path.GetTempPath(), "cspbot-welsh-paper.pdf"), pdf);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        // The Reports page offers the choice, starting at the partnership's default.
        var officerPage = await (await app.ConsoleAsAsync("priya.shah@council.example")).GetStringAsync("/console/reports");
        Assert.Contains("id=\"paper-language\"", officerPage);
        // The partnership's default is now Welsh, so the page is too (the officer has recorded no choice).
        Assert.Contains(">Cymraeg</option>", officerPage);
        Assert.Contains("Dwyieithog: y papur Cymraeg yn gyntaf, yna&#x27;r un Saesneg", officerPage);
    }

    [Fact]
    public async Task OfficersWords_AreUsedByTheNextCompilation_AndBadOnesChangeNothing()
    {
        var client = app.CreateClient();
        var defaults = await client.GetFromJsonAsync<JsonObject>("/api/admin/periods/2025-26-Q2/report-notes");
        Assert.True(defaults!["recommendationsAreDefault"]!.GetValue<bool>());

        var bad = await client.PutAsJsonAsync("/api/admin/periods/2025-26-Q2/report-notes", new
        {
            introduction = "Fine words",
            recommendations = Enumerable.Range(1, 11).Select(i => $"Recommendation {i}"),
            keyAmbers = new[] { "NOPE-99", "=cmd|' /C calc'!A0" },
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var refusal = await bad.Content.ReadAsStringAsync();
        Assert.Contains("recommendations: at most 10", refusal);
        Assert.Contains("'NOPE-99' is not an action or indicator of 2025-26 Q2", refusal);
        Assert.Null((await client.GetFromJsonAsync<JsonObject>("/api/admin/periods/2025-26-Q2/report-notes"))!["introduction"]);

        var saved = await client.PutAsJsonAsync("/api/admin/periods/2025-26-Q2/report-notes", new
        {
            introduction = "Violence remains the board's first concern\u0000 this quarter.",
            recommendations = new[] { "That the board notes the rise in racially and religiously aggravated offences.", "  " },
            keyAmbers = new[] { "yv-02" },
        });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var docx = await CompileAsync();

        using var word = WordprocessingDocument.Open(new MemoryStream(docx), false);
        var text = word.MainDocumentPart!.Document.InnerText;
        Assert.Contains("Violence remains the board's first concern this quarter.", text);
        Assert.Contains("That the board notes the rise in racially and religiously aggravated offences.", text);
        Assert.DoesNotContain("note the areas of slippage", text);
        Assert.Contains("key Amber (marked key by the officer)", text);
        Assert.Contains("by operations API", text);
        var history = await client.GetStringAsync("/api/admin/periods/2025-26-Q2/audit.csv");
        Assert.Contains("ReportRecommendations", history);
    }
}
