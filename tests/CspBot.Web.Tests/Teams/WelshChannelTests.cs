using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CspBot.Web.Tests.Support;
using Xunit.Abstractions;

namespace CspBot.Web.Tests.Teams;

/// <summary>
/// Issue 28 (Cymraeg), the channel: the weekly digest, the exception report's card and the lifecycle notices are in the
/// partnership's default language — Welsh with <c>lang: "cy"</c>, or bilingual as one post with the Welsh first and the
/// English after it — and English exactly as before (ReportingTests and LifecycleTests). Through the real host and demo data.
/// </summary>
public sealed class WelshChannelTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string General = "19:general@thread.tacv2";
    private const string Performance = "19:performance@thread.tacv2";
    private readonly CspBotApp app = new(seedDemo: true);
    private FakeConnector connector = null!;

    public async Task InitializeAsync()
    {
        connector = await FakeConnector.StartAsync();
        connector.AddUser("29:priya", "priya.shah@council.example", "Priya Shah", "Priya");
        await app.SetClockAsync("2025-10-20T09:00:00Z");
    }

    public async Task DisposeAsync()
    {
        await connector.DisposeAsync();
        await app.DisposeAsync();
    }

    private async Task DefaultLanguageAsync(string language)
    {
        var csv = "name,short_name,board_name,report_officer,protective_marking,default_language\n"
            + $"Haringey Community Safety Partnership (demo),Haringey CSP,Community Safety Partnership Board,Head of Community Safety and Enforcement,OFFICIAL,{language}\n";
        var response = await app.CreateClient().PostAsync("/api/admin/import/partnership", new StringContent(csv, Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<JsonNode> RunAsync(string job) =>
        JsonNode.Parse(await (await app.CreateClient().PostAsync($"/api/admin/jobs/{job}/run", null)).Content.ReadAsStringAsync())!;

    /// <summary>Priya (an officer who has chosen no language) marks one of her actions Red: a change for the digest.</summary>
    private async Task PriyaMarksAnActionRedAsync()
    {
        await app.SendMessageAsync(connector.ServiceUrl, "29:priya", "hello", "a:priya");
        var returns = JsonNode.Parse(await app.CreateClient().GetStringAsync("/api/admin/periods/2025-26-Q2/returns"))!["items"]!.AsArray();
        var owned = returns.First(i => i!["owner"]!.GetValue<string>() == "priya.shah@council.example" && i["kind"]!.GetValue<string>() == "action")!;
        await app.InvokeCardActionAsync(connector.ServiceUrl, "29:priya", "cspbot.return.submit", new JsonObject
        {
            ["ref"] = owned["ref"]!.GetValue<string>(), ["period"] = "2025-26-Q2", ["page"] = 0, ["version"] = 0,
            ["status"] = "Red", ["commentary"] = "Stalled", ["measures"] = "Escalated to the board", ["revisedDate"] = "2026-03-31",
        }, "a:priya");
    }

    private static JsonObject Card(JsonObject activity) => activity["attachments"]![0]!["content"]!.AsObject();

    /// <summary>Where <paramref name="text"/> first appears in the card as people read it; fails when it does not.</summary>
    private static int At(string json, string text)
    {
        var at = json.IndexOf(text, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{text}' is not in {json}");
        return at;
    }

    [Fact]
    public async Task WelshPartnership_TheDigestReportCardAndNotices_AreInWelsh()
    {
        await DefaultLanguageAsync("cy");

        // Added to the team: the welcome in General is Welsh.
        await app.PostActivityAsync(CspBotApp.TeamInstall(connector.ServiceUrl, General, "Haringey CSP"));
        var welcome = await connector.WaitForAsync(a => a.Json().Contains("CspBot ydw i"));
        Assert.Equal(General, welcome.ConversationId);
        Assert.StartsWith("Helô! CspBot ydw i, bot perfformiad Haringey CSP. Byddaf yn postio yma y crynodeb wythnosol", welcome.Activity["text"]!.GetValue<string>());
        Assert.DoesNotContain("Hello!", welcome.Activity.Json());

        // The digest: Welsh words, Welsh dates, lang cy.
        await PriyaMarksAnActionRedAsync();
        Assert.True((await RunAsync("digest"))["queued"]!.GetValue<bool>());
        await RunAsync("outbox");
        var digest = (await connector.WaitForAsync(a => a.Json().Contains("Crynodeb wythnosol"))).Activity;
        var card = Card(digest);
        Assert.Equal("cy", card["lang"]!.GetValue<string>());
        var json = card.Json();
        Assert.Contains("Crynodeb wythnosol · wythnos 20 Hydref 2025", json);
        Assert.Contains("**Ffurflenni cynnydd 2025-26 Ch2**: ", json);
        Assert.Contains("diwrnod gwaith tan y dyddiad cau (", json);
        Assert.Contains("**Coch newydd** (1)", json);
        Assert.Contains("**I ddod**", json);
        Assert.Contains("Agor y cerdyn sgorio", json);
        Assert.Equal("Crynodeb wythnosol, wythnos 20 Hydref", digest["summary"]?.GetValue<string>() ?? digest["text"]?.GetValue<string>());
        foreach (var english in new[] { "Weekly digest", "New Reds", "returns**", "Coming up", "Open the scorecard", "October" })
        {
            Assert.DoesNotContain(english, json);
        }

        // The exception report's card in the channel.
        await app.PostActivityAsync(CspBotApp.ChannelMessage(connector.ServiceUrl, Performance, General, "29:priya", "use this channel"));
        var moved = await connector.WaitForAsync(a => a.Json().Contains("Wedi'i wneud: bydd y crynodeb wythnosol"));
        Assert.Contains("yn y sianel hon yn nhîm Haringey CSP.", moved.Activity.Json());
        await RunAsync("exception-report");
        await RunAsync("outbox");
        var report = await connector.WaitForAsync(a => a.Json().Contains("Adroddiad eithriadau 2025-26 Ch2"));
        Assert.Equal(Performance, report.ConversationId);
        var reportCard = Card(report.Activity);
        Assert.Equal("cy", reportCard["lang"]!.GetValue<string>());
        var reportJson = reportCard.Json();
        Assert.Contains("Gorffennaf – Medi 2025 · lluniwyd 20 Hydref 2025", reportJson);
        Assert.Contains("**Prif bwyntiau'r crynodeb**", reportJson);
        Assert.Matches("\\*\\*Eithriadau allweddol\\*\\* · [0-9]+ Coch, [0-9]+ Ambr allweddol", reportJson);
        Assert.Contains("Agor yr adroddiad (Word)", reportJson);
        foreach (var english in new[] { "exception report", "Summary highlights", "Key exceptions", "compiled", "Open the report" })
        {
            Assert.DoesNotContain(english, reportJson);
        }

        // The channel deleted: Priya, who chose no language, hears of it in the partnership's, Welsh.
        await app.PostActivityAsync(new JsonObject
        {
            ["type"] = "conversationUpdate",
            ["id"] = Guid.NewGuid().ToString(),
            ["channelId"] = "msteams",
            ["serviceUrl"] = connector.ServiceUrl,
            ["from"] = new JsonObject { ["id"] = "29:priya" },
            ["recipient"] = new JsonObject { ["id"] = "28:cspbot", ["name"] = "CspBot" },
            ["conversation"] = new JsonObject { ["id"] = General, ["conversationType"] = "channel", ["isGroup"] = true, ["tenantId"] = "tenant-1" },
            ["channelData"] = new JsonObject
            {
                ["eventType"] = "channelDeleted",
                ["channel"] = new JsonObject { ["id"] = Performance, ["name"] = "Perfformiad" },
                ["team"] = new JsonObject { ["id"] = General, ["name"] = "Haringey CSP" },
                ["tenant"] = new JsonObject { ["id"] = "tenant-1" },
            },
        });
        var notice = await connector.WaitForAsync(a => a.Json().Contains("Does dim modd postio"));
        Assert.Equal("a:priya", notice.ConversationId);
        Assert.StartsWith("Does dim modd postio yn sianel y bartneriaeth (", notice.Activity["text"]!.GetValue<string>());
        Assert.Contains("mwyach: cafodd y sianel ei dileu. Bydd y crynodeb wythnosol", notice.Activity["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task BilingualPartnership_EachPostIsOne_WithTheWelshFirst_AndTheDigestFitsInOneMessage()
    {
        await DefaultLanguageAsync("bilingual");

        await app.PostActivityAsync(CspBotApp.TeamInstall(connector.ServiceUrl, General, "Haringey CSP"));
        var welcome = (await connector.WaitForAsync(a => a.Json().Contains("CspBot ydw i"))).Activity["text"]!.GetValue<string>();
        Assert.StartsWith("Helô! CspBot ydw i", welcome);
        Assert.True(At(welcome, "Soniwch amdana i gyda **help**") < At(welcome, "Hello! I'm CspBot, the Haringey CSP performance bot."));
        Assert.Single(connector.Sent, s => s.ConversationId == General);

        // The digest, made as long as the demo allows: a change, new figures for two indicators, meetings coming up.
        await PriyaMarksAnActionRedAsync();
        var csv = "ref,period,actual,previous_year,london_change_pct,msg_change_pct\n"
            + "VIO-01,2025-26 Q2,200,139,8,6\nVIO-01,2025-26 Q1,161,146,5,4\nVIO-02,2025-26 Q2,27,31,-4,-2\n";
        var imported = await app.CreateClient().PostAsync("/api/admin/import/indicator-values", new StringContent(csv, Encoding.UTF8, "text/csv"));
        Assert.True(imported.IsSuccessStatusCode, await imported.Content.ReadAsStringAsync());
        await RunAsync("digest");
        await RunAsync("outbox");

        var digest = (await connector.WaitForAsync(a => a.Json().Contains("Crynodeb wythnosol"))).Activity;
        var card = Card(digest);
        Assert.Equal("cy", card["lang"]!.GetValue<string>());
        var json = card.Json();
        Assert.True(At(json, "Crynodeb wythnosol · wythnos 20 Hydref 2025") < At(json, "Weekly digest · week of 20 October 2025"));
        Assert.True(At(json, "**Coch newydd** (1)") < At(json, "**New Reds** (1)"));
        Assert.True(At(json, "Agor y cerdyn sgorio") < At(json, "Weekly digest"));

        // Two blocks, each wholly in its language, each with its own button; no buttons outside them.
        var blocks = card["body"]!.AsArray();
        Assert.Equal(2, blocks.Count);
        Assert.Equal(("Container", "Container"), (blocks[0]!["type"]!.GetValue<string>(), blocks[1]!["type"]!.GetValue<string>()));
        Assert.True(blocks[1]!["separator"]!.GetValue<bool>());
        var (welsh, english) = (blocks[0]!.Json(), blocks[1]!.Json());
        Assert.DoesNotContain("Weekly digest", welsh);
        Assert.DoesNotContain("Open the scorecard", welsh);
        Assert.DoesNotContain("Crynodeb", english);
        Assert.DoesNotContain("Agor", english);
        Assert.Contains("\"title\":\"Agor y cerdyn sgorio\",\"verb\":\"cspbot.scorecard.open\"", welsh);
        Assert.Contains("\"title\":\"Open the scorecard\",\"verb\":\"cspbot.scorecard.open\"", english);
        Assert.Null(card["actions"]);
        Assert.Equal("Crynodeb wythnosol, wythnos 20 Hydref / Weekly digest, week of 20 October", digest["summary"]?.GetValue<string>() ?? digest["text"]?.GetValue<string>());

        // The biggest card the channel gets, in bytes as sent: under Teams' 28 KB.
        var bytes = Encoding.UTF8.GetByteCount(card.ToJsonString());
        Assert.True(bytes < 28 * 1024, $"the bilingual digest is {bytes} bytes");
        output.WriteLine($"The bilingual digest is {bytes} bytes.");

        // The exception report's card: one post, the Welsh first.
        await RunAsync("exception-report");
        await RunAsync("outbox");
        var report = await connector.WaitForAsync(a => a.Json().Contains("Adroddiad eithriadau 2025-26 Ch2"));
        var reportCard = Card(report.Activity);
        Assert.Equal("cy", reportCard["lang"]!.GetValue<string>());
        var reportJson = reportCard.Json();
        Assert.True(At(reportJson, "Adroddiad eithriadau 2025-26 Ch2") < At(reportJson, "2025-26 Q2 exception report"));
        Assert.True(At(reportJson, "Agor yr adroddiad (Word)") < At(reportJson, "Open the report (Word)"));
        Assert.Single(connector.Sent, s => s.Activity.Json().Contains("2025-26 Q2 exception report"));
        Assert.True(Encoding.UTF8.GetByteCount(reportCard.ToJsonString()) < 28 * 1024);
    }
}
