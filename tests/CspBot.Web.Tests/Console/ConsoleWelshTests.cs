using System.Net;
using CspBot.Core.Domain;
using CspBot.Core.Features.Reports;
using CspBot.Core.Persistence;
using CspBot.Testing;
using CspBot.Web.Console;
using CspBot.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CspBot.Web.Tests.Console;

/// <summary>
/// Issue 28, the console in the viewer's language: their recorded choice, else Teams' locale, else the browser's; the
/// header's switch records the choice (from the console, in the change history) and the page opens in it; Welsh pages
/// say <c>lang="cy"</c>, English ones are as they were. Through the real host and the demo partnership, whose
/// Ch Insp Peter Osei prefers Welsh.
/// </summary>
public sealed class ConsoleWelshTests(ConsoleWelshTests.Host host) : IClassFixture<ConsoleWelshTests.Host>
{
    private const string Peter = "peter.osei@met.police.example";
    private const string Priya = "priya.shah@council.example";
    private const string Tom = "tom.byrne@council.example";

    public sealed class Host : IAsyncLifetime
    {
        public CspBotApp App { get; } = new(seedDemo: true);

        public async Task InitializeAsync()
        {
            await App.SetClockAsync("2025-10-20T09:00:00Z");
            await App.InScopeAsync(services => services.GetRequiredService<ReportCompiler>().CompileAsync(ReportingPeriod.Parse("2025-26-Q2"), Priya, CancellationToken.None));
        }

        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    private CspBotApp App => host.App;

    [Fact]
    public async Task TheViewersChoice_ThenTeams_ThenTheBrowser_DecideTheConsolesLanguage_AndTheSwitchRecordsAChoice()
    {
        // Peter prefers Welsh: Welsh whatever Teams and his browser say.
        var peter = await App.ConsoleAsAsync(Peter);
        var welsh = await PageAsync(peter, "/console", acceptLanguage: "en-GB", teamsLocale: "en-GB");
        Assert.Contains("<html lang=\"cy\" data-language-from=\"preference\">", welsh);
        Assert.Contains("Neidio i&#x27;r prif gynnwys", welsh);
        Assert.Contains("Allgofnodi", welsh);
        Assert.DoesNotContain("Skip to main content", welsh);

        // Priya has chosen nothing: Teams' locale (cookie or Teams' {locale} in the address) is above her browser's.
        var priya = await App.ConsoleAsAsync(Priya);
        var english = await PageAsync(priya, "/console");
        Assert.Contains("<html lang=\"en-GB\" data-language-from=\"browser\">", english);
        Assert.Contains("Skip to main content", english);
        Assert.Contains("Signed in as <strong>Priya Shah</strong>", english);
        Assert.Matches("<fluent-button [^>]*lang=\"cy\">\\s*Cymraeg</fluent-button>", english);

        Assert.Contains("<html lang=\"cy\" data-language-from=\"browser\">", await PageAsync(priya, "/console", acceptLanguage: "cy, en-GB;q=0.8"));
        Assert.Contains("<html lang=\"en-GB\" data-language-from=\"browser\">", await PageAsync(priya, "/console", acceptLanguage: "fr-FR, en;q=0.5, cy;q=0.3"));
        Assert.Contains("<html lang=\"cy\" data-language-from=\"teams\">", await PageAsync(priya, "/console", acceptLanguage: "en-GB", teamsLocale: "cy-GB"));
        Assert.Contains("<html lang=\"cy\" data-language-from=\"teams\">", await PageAsync(priya, "/console/calendar", acceptLanguage: "en-GB"));
        Assert.Contains("<html lang=\"en-GB\" data-language-from=\"teams\">", await PageAsync(priya, "/console", acceptLanguage: "cy", teamsLocale: "en-US"));
        Assert.Contains("<html lang=\"en-GB\" data-language-from=\"teams\">", await PageAsync(priya, "/console", acceptLanguage: "cy"));
        var fromAddress = await App.CreateClient().GetAsync("/console/sign-in?locale=cy-GB");
        Assert.Contains("<html lang=\"cy\" data-language-from=\"teams\">", await fromAddress.Content.ReadAsStringAsync());
        Assert.Contains(fromAddress.Headers.GetValues("Set-Cookie"), c => c.StartsWith($"{ConsoleLanguage.TeamsCookie}=cy-GB;", StringComparison.Ordinal));

        // Nothing to go on: the partnership's default (English in the demo).
        Assert.Contains("<html lang=\"en-GB\" data-language-from=\"default\">", await PageAsync(App.CreateClient(), "/console/sign-in", acceptLanguage: "fr"));

        // Tom switches to Welsh in the header: recorded as his choice, from the console, and he is back on his page in Welsh.
        var tom = await App.ConsoleAsAsync(Tom);
        var switched = await SwitchAsync(tom, "cy", "/console/my-returns?x=1");
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/console/my-returns?x=1", switched.Headers.Location!.ToString());
        Assert.Contains("<html lang=\"cy\" data-language-from=\"preference\">", await PageAsync(tom, "/console/my-returns", acceptLanguage: "en-GB", teamsLocale: "en-GB"));
        var recorded = await App.InScopeAsync(services => services.GetRequiredService<CspDbContext>().ChangeHistory.AsNoTracking()
            .SingleAsync(c => c.Entity == nameof(Member) && c.EntityKey == Tom && c.Field == nameof(Member.Language)));
        Assert.Equal((null, "cy", Tom, ChangeSource.Console), (recorded.OldValue, recorded.NewValue, recorded.ChangedBy, recorded.Source));

        // Back to English; never to another site; not without the page's token, nor for someone signed out.
        Assert.Equal("/console", (await SwitchAsync(tom, "en", "https://evil.example/")).Headers.Location!.ToString());
        Assert.Contains("<html lang=\"en-GB\" data-language-from=\"preference\">", await PageAsync(tom, "/console", acceptLanguage: "cy"));
        Assert.Equal(HttpStatusCode.BadRequest, (await tom.PostAsync("/console/language", new FormUrlEncodedContent(new Dictionary<string, string> { ["language"] = "cy" }))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await SwitchAsync(tom, "fr", "/console")).StatusCode);
        Assert.Equal(Language.English, await LanguageOfAsync(Tom));
    }

    [Fact]
    public async Task AWelshViewer_GetsEveryPageOfTheirsInWelsh_AndAnEnglishOne_TheSamePagesAsBefore()
    {
        const string marcus = "marcus.bell@council.example", mark = "mark.reid@met.police.example";
        await App.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<CspDbContext>();
            await db.Members.Where(m => m.Email == marcus || m.Email == mark).ExecuteUpdateAsync(m => m.SetProperty(x => x.Language, Language.Welsh));
            return 0;
        });
        var officer = await App.ConsoleAsAsync(marcus);
        var english = await App.ConsoleAsAsync(Priya);

        var cycle = await PageAsync(officer, "/console/cycle");
        AssertWelsh(cycle, "Neidio i&#x27;r prif gynnwys", "<h1>Cylch: 2025-26 Ch2</h1>", "Ffurflenni cynnydd fesul asiantaeth", "Nodiadau atgoffa", "Llunio&#x27;r adroddiad nawr", "Cau 2025-26 Ch2", "Gosod y dyddiad cau");
        Assert.DoesNotContain("Returns by agency", cycle);
        Assert.Contains("<h1>Cycle: 2025-26 Q2</h1>", await PageAsync(english, "/console/cycle"));

        var calendar = await PageAsync(officer, "/console/calendar");
        AssertWelsh(calendar, "Neidio i&#x27;r prif gynnwys", "<h1>Cyfarfodydd a dyddiadau cau</h1>", "Ychwanegu cyfarfod", "aria-label=\"Symud cyfarfod y bwrdd ar ", "Dyddiadau cau");
        Assert.Matches("<th scope=\"row\">(Llun|Maw|Mer|Iau|Gwe|Sad|Sul) [0-9]+ (Ion|Chwef|Maw|Ebr|Mai|Meh|Gorff|Awst|Medi|Hyd|Tach|Rhag) 20[0-9]{2}</th>", calendar);
        var englishCalendar = await PageAsync(english, "/console/calendar");
        Assert.Contains("aria-label=\"Move the board meeting of ", englishCalendar);
        Assert.Matches("<th scope=\"row\">(Mon|Tue|Wed|Thu|Fri|Sat|Sun) [0-9]+ [A-Z][a-z]+ 20[0-9]{2}</th>", englishCalendar);

        var dashboard = await PageAsync(officer, "/console/dashboard");
        AssertWelsh(dashboard, "Neidio i&#x27;r prif gynnwys", "<h1>Dangosfwrdd: 2025-26 Ch2</h1>", "RAG fesul canlyniad strategol", "<th scope=\"col\">Coch</th>", "<th scope=\"col\">Ambr</th>", "<th scope=\"col\">Gwyrdd</th>", "Siart bar wedi&#x27;i bentyrru o RAG fesul canlyniad strategol: ", "Achos arbennig yn unig", "Siart XmR o VIO-03");
        var englishDashboard = await PageAsync(english, "/console/dashboard");
        Assert.Contains("<h1>Dashboard: 2025-26 Q2</h1>", englishDashboard);
        Assert.Contains("Stacked bar chart of RAG by strategic outcome: ", englishDashboard);
        Assert.Contains("XmR chart of VIO-03, 8 quarters from ", englishDashboard);
        Assert.Contains("Special cause concern", englishDashboard);

        var reports = await PageAsync(officer, "/console/reports");
        AssertWelsh(reports, "<h1>Adroddiadau eithriadau</h1>", "Eich geiriau ar gyfer y tro nesaf y caiff adroddiad 2025-26 Ch2 ei lunio", ">Cyflwyniad a chrynodeb</label>", ">Iaith y papur</label>",
            "Dwyieithog: y papur Cymraeg yn gyntaf, yna&#x27;r un Saesneg", "Cadw&#x27;r geiriau hyn", "Llunio adroddiad 2025-26 Ch2 nawr", "Pob fersiwn a luniwyd");
        Assert.DoesNotContain("Exception reports", reports);
        var englishReports = await PageAsync(english, "/console/reports");
        Assert.Contains("<h1>Exception reports</h1>", englishReports);
        Assert.Contains("Compile the 2025-26 Q2 report now", englishReports);
        Assert.Contains("Bilingual: the Welsh paper first, then the English (Dwyieithog)", englishReports);

        var owner = await App.ConsoleAsAsync(mark);
        var returns = await PageAsync(owner, "/console/my-returns");
        AssertWelsh(returns, "Neidio i&#x27;r prif gynnwys", "<h1>Fy ffurflenni cynnydd ar gyfer 2025-26 Ch2</h1>", "Cadw&#x27;r ffurflen ar gyfer ", ">Sylwebaeth</label>", ">Camau i wella</label>", "Cadw&#x27;r iaith", ">Heb ddewis: dewis y bartneriaeth</option>");
        var home = await PageAsync(owner, "/console");
        AssertWelsh(home, "Neidio i&#x27;r prif gynnwys", "<h1>Croeso, ", "Dewiswch dudalen o&#x27;r ddewislen.");
        var denied = await owner.GetAsync("/console/denied");
        AssertWelsh(await denied.Content.ReadAsStringAsync(), "<h1>Dydy&#x27;r dudalen hon ddim ar agor i chi</h1>", "Rydych wedi mewngofnodi fel DI Mark Reid.");

        var signIn = await PageAsync(App.CreateClient(), "/console/sign-in", acceptLanguage: "cy-GB");
        AssertWelsh(signIn, "<h1>Mewngofnodi i CspBot</h1>", "Gweithredu fel yr aelod hwn", "data-no-token=\"Ni roddodd Teams docyn mewngofnodi ({0}). Caewch y tab a&#x27;i agor eto.\"");
        Assert.Contains("<h1>Sign in to CspBot</h1>", await PageAsync(App.CreateClient(), "/console/sign-in"));
        Assert.Contains("Ychwanegu dangosfwrdd CspBot at y sianel hon", await PageAsync(App.CreateClient(), "/console/dashboard/configure", acceptLanguage: "cy"));

        // The console's own endpoints refuse in the reader's language too (console.js shows the problem's title).
        using var signOut = new HttpRequestMessage(HttpMethod.Post, "/console/sign-out");
        signOut.Headers.TryAddWithoutValidation("Accept-Language", "cy-GB");
        var refused = await App.CreateClient().SendAsync(signOut);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Allgofnodwch o dudalen y consol ei hun.", await refused.Content.ReadAsStringAsync());
        Assert.Contains("Sign out from the console", await (await App.CreateClient().PostAsync("/console/sign-out", null)).Content.ReadAsStringAsync());
    }

    private static void AssertWelsh(string page, params string[] expected)
    {
        Assert.Contains("<html lang=\"cy\"", page);
        foreach (var text in expected)
        {
            Assert.Contains(text, page);
        }
    }

    private async Task<Language?> LanguageOfAsync(string email) =>
        await App.InScopeAsync(services => services.GetRequiredService<CspDbContext>().Members.Where(m => m.Email == email).Select(m => m.Language).SingleAsync());

    private static async Task<HttpResponseMessage> SwitchAsync(HttpClient browser, string language, string returnUrl) =>
        await browser.PostAsync("/console/language", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["language"] = language,
            ["returnUrl"] = returnUrl,
            ["__RequestVerificationToken"] = await CspBotHost.AntiforgeryTokenAsync(browser),
        }));

    /// <summary>
    /// A console page as a browser with these languages gets it; inside Teams with this locale given in the address
    /// (Teams' <c>{locale}</c>), which the console keeps in its cookie for the next pages (as console.js does from teams-js).
    /// </summary>
    private static async Task<string> PageAsync(HttpClient browser, string path, string acceptLanguage = "en-GB,en;q=0.9", string? teamsLocale = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, teamsLocale is null ? path : $"{path}?{ConsoleLanguage.TeamsQuery}={teamsLocale}");
        request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);

        var response = await browser.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}
