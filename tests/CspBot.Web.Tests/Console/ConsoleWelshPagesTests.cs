using System.Globalization;
using System.Net;
using CspBot.Core.Domain;
using CspBot.Core.Persistence;
using CspBot.Web.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CspBot.Web.Tests.Console;

/// <summary>
/// Returns, Import, Plans and people and Audit in Welsh for an officer who chose Welsh: headings, filters, table
/// headings, buttons, counted status lines and dates, rendered by the real host; in English for an officer who chose
/// English; the privacy and terms pages in Welsh when asked. The request's culture comes from its Accept-Language here
/// (the console's own choice, from the member's preference first, agrees for both officers).
/// </summary>
public sealed class ConsoleWelshPagesTests : IAsyncLifetime
{
    private readonly CspBotApp app = new(seedDemo: true, services: services => services.AddTransient<IStartupFilter, CultureFromBrowser>());

    public async Task InitializeAsync()
    {
        await app.SetClockAsync("2025-10-20T09:00:00Z");
        await app.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<CspDbContext>();
            (await db.Members.SingleAsync(m => m.Email == "priya.shah@council.example")).Language = Language.Welsh;
            (await db.Members.SingleAsync(m => m.Email == "marcus.bell@council.example")).Language = Language.English;
            db.ChangeHistory.AddRange(Enumerable.Range(0, 60).Select(i => new ChangeRecord
            {
                Entity = nameof(Return), EntityKey = "DV-07@2025-26-Q2", Field = nameof(Return.SubmittedAt),
                NewValue = "2025-10-20T09:00:00.0000000+00:00", ChangedBy = "priya.shah@council.example",
                ChangedAt = new DateTimeOffset(2030, 1, 7, 9, 0, 0, TimeSpan.Zero).AddMinutes(i), Source = ChangeSource.Console,
            }));
            return await db.SaveChangesAsync();
        });
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task ConsolePages_ForAWelshOfficer_AreInWelsh_AndInEnglishForAnEnglishBrowser()
    {
        var officer = await app.ConsoleAsAsync("priya.shah@council.example");
        officer.DefaultRequestHeaders.AcceptLanguage.ParseAdd("cy-GB");

        var audit = WebUtility.HtmlDecode(await officer.GetStringAsync("/console/audit"));
        Assert.Contains("<h1>Hanes newidiadau ar gyfer 2025-26 Ch2</h1>", audit);
        Assert.Contains("Ei lawrlwytho fel CSV", audit);
        Assert.Matches(@"Newidiadau 1 i 50 o [\d,]+ yn cael eu dangos, y mwyaf diweddar yn gyntaf", audit);
        Assert.Contains("<th scope=\"col\">Pryd</th><th scope=\"col\">Pwy</th><th scope=\"col\">O</th><th scope=\"col\">Cofnod</th><th scope=\"col\">Maes</th><th scope=\"col\">Hen</th><th scope=\"col\">Newydd</th>", audit);
        Assert.Contains("<th scope=\"row\">7 Ion 2030, 09:59</th>", audit);
        Assert.Contains("<td>Consol</td>", audit);
        Assert.Contains("<td>Ffurflen gynnydd DV-07, 2025-26 Ch2</td>", audit);
        Assert.Contains("<td>Anfonwyd</td>", audit);
        Assert.Contains("Newidiadau hŷn", audit);

        var returns = WebUtility.HtmlDecode(await officer.GetStringAsync("/console/returns"));
        Assert.Contains("<h1>Ffurflenni cynnydd ar gyfer 2025-26 Ch2</h1>", returns);
        Assert.Contains("Neidio i'r eitemau", returns);
        Assert.Matches(@"\d+ o \d+ eitem yn cyfateb · \d+ wedi'u hanfon · \d+ yn aros am wiriad · \d+ ag ymholiad", returns);
        Assert.Contains(">Cyf.</button>", returns);
        Assert.Contains(">Perchennog</button>", returns);
        Assert.Contains("<option value=\"Coch\">Coch</option>", returns);
        Assert.Contains("<option value=\"Yn aros am wiriad\">Yn aros am wiriad</option>", returns);
        Shows(returns, "Agor");
        Assert.DoesNotContain("items match", returns);

        var import = WebUtility.HtmlDecode(await officer.GetStringAsync("/console/import"));
        Assert.Contains("<h1>Mewnforio data'r bartneriaeth</h1>", import);
        Assert.Contains("<strong>Gollyngwch y llyfr gwaith neu CSV yma</strong>, neu dewiswch ef:", import);
        Assert.Contains("Data stryd yr heddlu (data.police.uk)", import);
        Assert.Contains("<em>police-sources</em>", import);
        Assert.Contains(">Templedi</h2>", import);
        Assert.Contains("ddata presennol y bartneriaeth fel yr un llyfr gwaith</a>", import);
        Assert.Contains("Dalennau: partnership, members", import); // the sheets' names are the file's, not words

        var plans = WebUtility.HtmlDecode(await officer.GetStringAsync("/console/plans"));
        Assert.Contains("<h1>Cynlluniau a phobl</h1>", plans);
        Assert.Contains("Ychwanegu cam gweithredu (er enghraifft un sy'n deillio o gyfarfod bwrdd)", plans);
        Shows(plans, "Ychwanegu'r cam gweithredu");
        Assert.Matches("<option[^>]*>Dewiswch…</option>", plans);
        Assert.Contains("<th scope=\"col\">Gwell pan fydd yn</th>", plans);
        Assert.Matches("<td>(is|uwch)</td>", plans);
        Assert.Contains("Cofnodi newid targed a benderfynwyd gan y Grŵp Rheoli Perfformiad neu'r Bwrdd", plans);
        Assert.Matches("<option[^>]*value=\"the PMG\"[^>]*>y Grŵp Rheoli Perfformiad</option>", plans);
        Shows(plans, "Ailsylfaenu'r siart");
        Assert.Contains(">Aelodau a rolau</h2>", plans);
        Assert.Contains(">Dirprwyaethau</h2>", plans);

        // In the 320 px layout a table heading must be able to wrap: no Welsh heading word is longer than the English ones were.
        foreach (var page in new[] { audit, returns, import, plans })
        {
            foreach (var heading in System.Text.RegularExpressions.Regex.Matches(page, "<th scope=\"col\">([^<]*)</th>").Select(m => m.Groups[1].Value))
            {
                Assert.All(heading.Split(' '), word => Assert.True(word.Length <= 13, $"'{word}' in a table heading is too long for 320 px"));
            }
        }

        // The same pages in English, word for word as before, for an officer who chose English.
        var english = await app.ConsoleAsAsync("marcus.bell@council.example");
        english.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-GB");
        var auditInEnglish = WebUtility.HtmlDecode(await english.GetStringAsync("/console/audit"));
        Assert.Contains("<h1>Change history for 2025-26 Q2</h1>", auditInEnglish);
        Assert.Matches(@"Changes 1 to 50 of [\d,]+ shown, newest first", auditInEnglish);
        Assert.Contains("<th scope=\"row\">7 Jan 2030, 09:59</th>", auditInEnglish);
        var plansInEnglish = WebUtility.HtmlDecode(await english.GetStringAsync("/console/plans"));
        Shows(plansInEnglish, "Add the action");
        Assert.Matches("<option[^>]*value=\"the PMG\"[^>]*>the PMG</option>", plansInEnglish);

        // The privacy and terms pages, open to anyone: Welsh when the browser or the address asks for it.
        var anyone = app.CreateClient();
        var privacy = WebUtility.HtmlDecode(await anyone.GetStringAsync("/privacy?lang=cy"));
        Assert.Contains("<html lang=\"cy\">", privacy);
        Assert.Contains("<h1>Hysbysiad preifatrwydd</h1>", privacy);
        Assert.Contains("<h2>Eich hawliau</h2>", privacy);
        Assert.Contains("tanysgrifiad Microsoft Azure y bartneriaeth ei hun", privacy);
        using var welshBrowser = new HttpRequestMessage(HttpMethod.Get, "/terms");
        welshBrowser.Headers.AcceptLanguage.ParseAdd("cy-GB");
        var terms = WebUtility.HtmlDecode(await (await anyone.SendAsync(welshBrowser)).Content.ReadAsStringAsync());
        Assert.Contains("<h1>Telerau defnyddio</h1>", terms);
        var privacyInEnglish = WebUtility.HtmlDecode(await anyone.GetStringAsync("/privacy"));
        Assert.Contains("<html lang=\"en-GB\">", privacyInEnglish);
        Assert.Contains("<h1>Privacy notice</h1>", privacyInEnglish);
    }

    /// <summary>A button or heading with exactly this text.</summary>
    private static void Shows(string page, string text) => Assert.Matches(">\\s*" + System.Text.RegularExpressions.Regex.Escape(text) + "\\s*<", page);

    /// <summary>The request's culture from Accept-Language, ahead of the whole pipeline (cy-GB or en-GB).</summary>
    private sealed class CultureFromBrowser : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            var cultures = new[] { new CultureInfo("en-GB"), new CultureInfo("cy-GB") };
            app.UseRequestLocalization(new RequestLocalizationOptions
            {
                DefaultRequestCulture = new RequestCulture("en-GB"),
                SupportedCultures = cultures,
                SupportedUICultures = cultures,
                RequestCultureProviders = [new AcceptLanguageHeaderRequestCultureProvider()],
            });
            next(app);
        };
    }
}
