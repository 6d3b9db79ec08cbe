using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CspBot.Core.Domain;
using CspBot.Core.Features.Import;
using CspBot.Core.Features.Returns;
using CspBot.Core.Persistence;
using CspBot.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CspBot.Web.Tests.Teams;

/// <summary>
/// Issue 28 (Cymraeg), the owner's loop: a Welsh-preferring owner's reminder, form, validation, query card and scorecard
/// are in Welsh with <c>lang: "cy"</c>, an English-preferring one's exactly as before; the choice is theirs (language /
/// iaith), recorded, imported and exported; Teams' locale is only a hint. Through the real host, demo data and database.
/// </summary>
public sealed class WelshTests : IAsyncLifetime
{
    private const string Q2 = "2025-26-Q2";
    private readonly CspBotApp app = new(seedDemo: true);
    private FakeConnector connector = null!;

    public async Task InitializeAsync()
    {
        connector = await FakeConnector.StartAsync();
        connector.AddUser("29:priya", "priya.shah@council.example", "Priya Shah");
        connector.AddUser("29:mark", "mark.reid@met.police.example", "DI Mark Reid");
        connector.AddUser("29:tom", "tom.byrne@council.example", "Tom Byrne");
        await app.SetClockAsync("2025-10-20T09:00:00Z");
        foreach (var user in new[] { "priya", "mark", "tom" })
        {
            await app.SendMessageAsync(connector.ServiceUrl, $"29:{user}", "hello", $"a:{user}");
        }

        await connector.WaitForAsync(3);
        connector.Sent.Clear();
    }

    public async Task DisposeAsync()
    {
        await connector.DisposeAsync();
        await app.DisposeAsync();
    }

    private async Task<HttpResponseMessage> ImportAsync(string sheet, string csv) =>
        await app.CreateClient().PostAsync($"/api/admin/import/{sheet}", new StringContent(csv, Encoding.UTF8, "text/csv"));

    private async Task MarkPrefersWelshAsync()
    {
        var response = await ImportAsync("members", "email,name,agency,roles,language\nmark.reid@met.police.example,DI Mark Reid,Metropolitan Police,owner,cy\n");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private Task<JsonNode> InvokeAsync(string user, string verb, JsonObject data) => app.InvokeCardActionAsync(connector.ServiceUrl, $"29:{user}", verb, data, $"a:{user}");

    private static JsonObject Data(string reference, int version = 0, params (string Key, string Value)[] inputs)
    {
        var data = new JsonObject { ["ref"] = reference, ["period"] = Q2, ["page"] = 0, ["version"] = version };
        foreach (var (key, value) in inputs)
        {
            data[key] = value;
        }

        return data;
    }

    private async Task<string> SayAsync(string user, string text, string? locale = null)
    {
        connector.Sent.Clear();
        var activity = CspBotApp.PersonalMessage(connector.ServiceUrl, $"29:{user}", text, $"a:{user}");
        if (locale is not null)
        {
            activity["locale"] = locale;
        }

        Assert.True((await app.PostActivityAsync(activity)).IsSuccessStatusCode);
        return Assert.Single(await connector.WaitForAsync(1)).Json();
    }

    private Task<Member> MemberAsync(string email) =>
        app.InScopeAsync(services => services.GetRequiredService<CspDbContext>().Members.AsNoTracking().SingleAsync(m => m.Email == email));

    [Fact]
    public async Task Reminder_ToAWelshPreferringOwner_IsInWelshWithLangCy_AndToAnEnglishOne_AsBefore()
    {
        await MarkPrefersWelshAsync();
        await app.SetClockAsync("2025-10-21T08:00:00Z");
        var client = app.CreateClient();

        await client.PostAsync("/api/admin/jobs/reminders/run", null);
        await client.PostAsync("/api/admin/jobs/outbox/run", null);

        var welsh = (await connector.WaitForAsync(a => a.Json().Contains("Mae eich ffurflenni cynnydd ar gyfer 2025-26 Ch2 i'w cyflwyno heddiw"))).Activity;
        var card = welsh["attachments"]![0]!["content"]!;
        Assert.Equal("cy", card["lang"]!.GetValue<string>());
        Assert.Contains("Dyddiad cau Maw 21 Hyd 2025", card.Json());
        Assert.Contains("Diweddaru", card.Json());
        Assert.DoesNotContain("Your returns", card.Json());
        Assert.True(card.Json().Length < 28 * 1024, $"the Welsh card is {card.Json().Length} bytes");

        var english = (await connector.WaitForAsync(a => a.Json().Contains("Your returns for 2025-26 Q2 are due today"))).Activity;
        var englishCard = english["attachments"]![0]!["content"]!;
        Assert.Equal("en", englishCard["lang"]!.GetValue<string>());
        Assert.Contains("Deadline Tue 21 Oct 2025 · 0 of ", englishCard.Json());
        Assert.DoesNotContain("Dyddiad cau", englishCard.Json());
    }

    [Fact]
    public async Task FormValidationAndSaving_ForAWelshPreferringOwner_AreInWelsh()
    {
        await MarkPrefersWelshAsync();

        var form = (await InvokeAsync("mark", ReturnCards.OpenVerb, Data("DV-07")))["value"]!;
        Assert.Equal("cy", form["lang"]!.GetValue<string>());
        Assert.Contains("Cyflwyno'r ffurflen", form.Json());
        Assert.Contains("Camau i wella (Ambr a Choch)", form.Json());
        Assert.Contains("Ambr: yn llithro", form.Json());

        var invalid = (await InvokeAsync("mark", ReturnCards.SubmitVerb, Data("DV-07", 0, ("status", "Amber"), ("commentary", "Dau ymchwilydd wedi symud."))))["value"]!.Json();
        Assert.Contains("Does dim wedi'i gadw eto", invalid);
        Assert.Contains("Mae angen nodi'r camau rydych chi'n eu cymryd i wella ar gyfer Ambr.", invalid);
        Assert.Contains("Mae angen dyddiad cwblhau diwygiedig ar gyfer Ambr.", invalid);

        var saved = (await InvokeAsync("mark", ReturnCards.SubmitVerb,
            Data("DV-07", 0, ("status", "Amber"), ("commentary", "Dau ymchwilydd wedi symud."), ("measures", "Staff dros dro."), ("revisedDate", "2025-12-31"))))["value"]!.Json();
        Assert.Contains("✔ Wedi cadw DV-07.", saved);
        Assert.Contains("Ambr · Domestic Violence & VAWG Plan · erbyn 2025-26 Ch3", saved);
        Assert.Contains(" 10 ar ôl i'w gwneud.", saved);

        // A second window, opened before that answer: it says who changed it (him), when and to what, in Welsh.
        var stale = (await InvokeAsync("mark", ReturnCards.SubmitVerb, Data("DV-07", 0, ("status", "Red"), ("commentary", "Gwaeth."), ("measures", "Uwchgyfeirio."), ("revisedDate", "2026-01-31"))))["value"]!.Json();
        Assert.Contains("Fe wnaethoch chi newid hwn am 10:00 (bellach: Ambr), ar ôl i'r ffurflen hon gael ei hagor", stale);

        // Priya (English) meets the same rule in English, word for word as before.
        var english = (await InvokeAsync("priya", ReturnCards.SubmitVerb, Data("DV-02", 0, ("status", "Red"), ("commentary", "Stalled."))))["value"]!.Json();
        Assert.Contains("Nothing was saved yet: please fix the items marked below.", english);
        Assert.Contains("Red needs the measures you are taking to improve.", english);
        Assert.DoesNotContain("Mae angen", english);
    }

    [Fact]
    public async Task QueryCard_GoesToTheOwnerInTheirLanguage_WhileTheOfficerIsAnsweredInTheirs()
    {
        await MarkPrefersWelshAsync();
        await InvokeAsync("mark", ReturnCards.SubmitVerb, Data("DV-07", 0, ("status", "Green"), ("commentary", "Ar y trywydd iawn.")));

        var queried = await InvokeAsync("priya", "cspbot.check.query", Data("DV-07", 1, ("question-DV-07", "Which two posts are vacant?")));
        await app.CreateClient().PostAsync("/api/admin/jobs/outbox/run", null);

        Assert.Contains("Query sent to DI Mark Reid about DV-07", queried.Json());
        var card = (await connector.WaitForAsync(a => a.Json().Contains("Which two posts are vacant?"))).Activity;
        Assert.Contains("Mae gan Priya Shah gwestiwn am eich ffurflen gynnydd", card.Json());
        Assert.Equal("cy", card["attachments"]![0]!["content"]!["lang"]!.GetValue<string>());
        Assert.Equal("Ymholiad am DV-07", card["summary"]?.GetValue<string>() ?? card["text"]?.GetValue<string>());
    }

    [Fact]
    public async Task Scorecard_AndHelp_AreInTheAskersLanguage()
    {
        await MarkPrefersWelshAsync();

        var welsh = await SayAsync("mark", "scorecard");
        Assert.Contains("Cerdyn sgorio · 2025-26 Ch2", welsh);
        Assert.Contains("\"lang\":\"cy\"", welsh);
        Assert.Contains("Y niferoedd yw Coch · Ambr · Gwyrdd · Wedi'i gwblhau.", welsh);

        var english = await SayAsync("priya", "scorecard");
        Assert.Contains("Scorecard · 2025-26 Q2", english);
        Assert.Contains("Counts are Red · Amber · Green · Complete.", english);

        var help = await SayAsync("mark", "help");
        Assert.Contains("Beth alla i ei wneud", help);
        Assert.Contains("rydych chi'n berchennog ar ran Metropolitan Police", help);
        Assert.Contains("Dewis iaith y negeseuon", help);
    }

    [Fact]
    public async Task LanguageCommand_SetsAndRecordsTheChoice_AnswersInIt_AndRefusesOtherLanguages()
    {
        var card = await SayAsync("tom", "language");
        Assert.Contains("Cymraeg neu Saesneg? · Welsh or English?", card);
        Assert.Contains("iaith cy", card);

        var refused = await SayAsync("tom", "language fr");
        Assert.Contains("'fr' is not a language I can write in.", refused);
        Assert.Null((await MemberAsync("tom.byrne@council.example")).Language);

        var set = await SayAsync("tom", "iaith cy");
        Assert.Contains("Diolch. Byddaf yn ysgrifennu atoch yn Gymraeg o hyn ymlaen.", set);
        Assert.Equal(Language.Welsh, (await MemberAsync("tom.byrne@council.example")).Language);
        var recorded = await app.InScopeAsync(services => services.GetRequiredService<CspDbContext>().ChangeHistory.AsNoTracking()
            .SingleAsync(c => c.Entity == nameof(Member) && c.EntityKey == "tom.byrne@council.example" && c.Field == nameof(Member.Language)));
        Assert.Equal((null, "cy", "tom.byrne@council.example", ChangeSource.Teams), (recorded.OldValue, recorded.NewValue, recorded.ChangedBy, recorded.Source));

        Assert.Contains("Eich ffurflenni cynnydd ar gyfer 2025-26 Ch2", await SayAsync("tom", "my actions"));

        var back = await SayAsync("tom", "language en");
        Assert.Contains("Thank you. I'll write to you in English from now on.", back);
        Assert.Contains("Your returns for 2025-26 Q2", await SayAsync("tom", "my actions"));
    }

    [Fact]
    public async Task TeamsLocale_IsAHintForSomeoneWithNoChoice_NeverAnOverride()
    {
        // No choice recorded, English partnership: Teams in Welsh answers in Welsh.
        Assert.Contains("Beth alla i ei wneud", await SayAsync("tom", "help", "cy-GB"));
        Assert.Contains("What I can do", await SayAsync("tom", "help", "en-GB"));

        // A recorded choice wins over the locale.
        await SayAsync("tom", "language en");
        Assert.Contains("What I can do", await SayAsync("tom", "help", "cy-GB"));

        // A bilingual partnership writes Welsh to someone with no choice, unless Teams is in English.
        var partnership = await ImportAsync("partnership", "name,short_name,board_name,report_officer,protective_marking,default_language\nHaringey Community Safety Partnership (demo),Haringey CSP,Community Safety Partnership Board,Head of Community Safety and Enforcement,OFFICIAL,bilingual\n");
        Assert.Equal(HttpStatusCode.OK, partnership.StatusCode);
        Assert.Contains("Beth alla i ei wneud", await SayAsync("priya", "help"));
        Assert.Contains("What I can do", await SayAsync("priya", "help", "en-GB"));
    }

    [Fact]
    public async Task Welcome_OfSomeoneWithNoChoice_WhoseTeamsIsInWelsh_IsInWelsh_AndRecordsNoChoice()
    {
        connector.AddUser("29:grace", "grace.okoye@nhs.example", "Grace Okoye");
        var install = new JsonObject
        {
            ["type"] = "installationUpdate",
            ["action"] = "add",
            ["id"] = Guid.NewGuid().ToString(),
            ["channelId"] = "msteams",
            ["serviceUrl"] = connector.ServiceUrl,
            ["from"] = new JsonObject { ["id"] = "29:grace" },
            ["recipient"] = new JsonObject { ["id"] = "28:cspbot", ["name"] = "CspBot" },
            ["conversation"] = new JsonObject { ["id"] = "a:grace", ["conversationType"] = "personal", ["tenantId"] = "tenant-1" },
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = "tenant-1" } },
            ["locale"] = "cy-GB",
        };

        Assert.True((await app.PostActivityAsync(install)).IsSuccessStatusCode);

        var welcome = (await connector.WaitForAsync(a => a.Json().Contains("CspBot ydw i"))).Activity;
        Assert.StartsWith("Helô Grace! CspBot ydw i, bot perfformiad Haringey CSP.", welcome["text"]!.GetValue<string>());
        Assert.Null((await MemberAsync("grace.okoye@nhs.example")).Language); // a hint, not a choice
    }

    [Fact]
    public async Task MembersImport_LanguageColumn_RoundTrips_LeavesChoicesAloneWhenAbsent_AndRefusesOtherValues()
    {
        var bad = await ImportAsync("members", "email,name,agency,roles,language\nmark.reid@met.police.example,DI Mark Reid,Metropolitan Police,owner,fr\n");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("'fr' is not a language: use cy (Welsh) or en (English), or leave it empty when the member has not chosen", await bad.Content.ReadAsStringAsync());

        var badDefault = await ImportAsync("partnership", "name,short_name,board_name,report_officer,protective_marking,default_language\nHaringey Community Safety Partnership (demo),Haringey CSP,,,OFFICIAL,klingon\n");
        Assert.Equal(HttpStatusCode.BadRequest, badDefault.StatusCode);
        Assert.Contains("use en (English), cy (Welsh) or bilingual", await badDefault.Content.ReadAsStringAsync());

        await MarkPrefersWelshAsync();
        Assert.Equal(Language.Welsh, (await MemberAsync("mark.reid@met.police.example")).Language);

        // A file from before the column leaves the choice as it is.
        Assert.Equal(HttpStatusCode.OK, (await ImportAsync("members", "email,name,agency,roles\nmark.reid@met.police.example,DI Mark Reid,Metropolitan Police,owner\n")).StatusCode);
        Assert.Equal(Language.Welsh, (await MemberAsync("mark.reid@met.police.example")).Language);

        // The export writes it; the demo's Welsh-preferring member too; an empty cell is no choice.
        var export = await app.CreateClient().GetByteArrayAsync("/api/admin/export.xlsx");
        var members = ImportFileReaders.ReadWorkbook(new MemoryStream(export), [], new ImportLimits()).Single(t => t.Sheet == "members");
        Assert.Equal(["email", "name", "agency", "roles", "language"], members.Header);
        Assert.Equal("cy", members.Rows.Single(r => r["email"] == "mark.reid@met.police.example")["language"]);
        Assert.Equal("cy", members.Rows.Single(r => r["email"] == "peter.osei@met.police.example")["language"]);
        Assert.Equal(string.Empty, members.Rows.Single(r => r["email"] == "priya.shah@council.example")["language"]);

        Assert.Equal(HttpStatusCode.OK, (await ImportAsync("members", "email,name,agency,roles,language\nmark.reid@met.police.example,DI Mark Reid,Metropolitan Police,owner,\n")).StatusCode);
        Assert.Null((await MemberAsync("mark.reid@met.police.example")).Language);
    }
}
