using System.Net;
using System.Text.Json.Nodes;
using CspBot.Core.Domain;
using CspBot.Core.Persistence;
using CspBot.Web.Tests.Support;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CspBot.Web.Tests.Teams;

/// <summary>Scorecard by chat, the partnership channel, the exception report and the weekly digest, through the host.</summary>
public sealed class ReportingTests : IAsyncLifetime
{
    private const string General = "19:general@thread.tacv2";
    private const string Performance = "19:performance@thread.tacv2";
    private readonly CspBotApp app = new(seedDemo: true);
    private FakeConnector connector = null!;

    public async Task InitializeAsync()
    {
        connector = await FakeConnector.StartAsync();
        connector.AddUser("29:priya", "priya.shah@council.example", "Priya Shah");
        connector.AddUser("29:helen", "helen.marsh@council.example", "Cllr Helen Marsh");
        connector.AddUser("29:mark", "mark.reid@met.police.example", "DI Mark Reid");
        await app.SetClockAsync("2025-10-20T09:00:00Z");
    }

    public async Task DisposeAsync()
    {
        await connector.DisposeAsync();
        await app.DisposeAsync();
    }

    private async Task<JsonNode> PostAsync(string url) =>
        JsonNode.Parse(await (await app.CreateClient().PostAsync(url, null)).Content.ReadAsStringAsync())!;

    private async Task<JsonObject> ReturnsAsync() =>
        JsonNode.Parse(await app.CreateClient().GetStringAsync("/api/admin/periods/2025-26-Q2/returns"))!.AsObject();

    [Fact]
    public async Task Scorecard_ForTheChair_CountsMatchTheReturnsAndFitInOneMessage()
    {
        await app.SendMessageAsync(connector.ServiceUrl, "29:helen", "scorecard");

        var card = Assert.Single(await connector.WaitForAsync(1))["attachments"]![0]!["content"]!.Json();
        Assert.Contains("Scorecard · 2025-26 Q2", card);
        Assert.True(card.Length < 28 * 1024, $"scorecard is {card.Length} bytes");
        var reds = (await ReturnsAsync())["items"]!.AsArray().Where(i => i!["rag"]?.GetValue<string>() == "Red").ToList();
        Assert.Contains($"Reds ({reds.Count})", card);
        Assert.All(reds, red => Assert.Contains(red!["ref"]!.GetValue<string>(), card));
        Assert.Contains("has not been compiled yet", card);

        // VIO-03, Red: 79 is beyond its upper limit (72.75), and 43 → 79 on last year is z = 4.66.
        Assert.Contains("special cause concern; significant change on last year", card);
        Assert.Matches("worsening \\([0-9]+ significantly", card);
    }

    [Fact]
    public async Task Scorecard_AfterAReturnIsSaved_CountsIt_ThoughTheLastOneWasReused()
    {
        await app.SendMessageAsync(connector.ServiceUrl, "29:helen", "scorecard");
        await app.SendMessageAsync(connector.ServiceUrl, "29:helen", "scorecard");
        var before = (await connector.WaitForAsync(2))[1]["attachments"]![0]!["content"]!.Json();
        var reds = (await ReturnsAsync())["items"]!.AsArray().Count(i => i!["rag"]?.GetValue<string>() == "Red");
        Assert.Contains($"Reds ({reds})", before);

        var saved = await app.InvokeCardActionAsync(connector.ServiceUrl, "29:priya", "cspbot.return.submit", new JsonObject
        {
            ["ref"] = "DV-02", ["period"] = "2025-26-Q2", ["page"] = 0, ["version"] = 0, ["status"] = "Red",
            ["commentary"] = "Provider withdrew.", ["measures"] = "Re-tender agreed at PMG.", ["revisedDate"] = "2026-03-31",
        });
        Assert.Contains("Saved DV-02", saved.ToJsonString());
        await app.SendMessageAsync(connector.ServiceUrl, "29:helen", "scorecard");

        var after = (await connector.WaitForAsync(3))[2]["attachments"]![0]!["content"]!.Json();
        Assert.Contains($"Reds ({reds + 1})", after);
    }

    [Fact]
    public async Task Scorecard_ForOneOutcome_AndAnUnknownOne()
    {
        await app.SendMessageAsync(connector.ServiceUrl, "29:mark", "scorecard nonsense");
        await app.SendMessageAsync(connector.ServiceUrl, "29:mark", "scorecard RRO");

        var replies = await connector.WaitForAsync(2);
        Assert.StartsWith("I don't know an outcome called 'nonsense'", replies[0]["text"]!.GetValue<string>());
        Assert.Contains("Scorecard · 2025-26 Q2 · ", replies[1].Json());
    }

    [Fact]
    public async Task TeamInstall_StoresGeneral_UseThisChannelMovesPosts_AndTheReportIsPostedThere()
    {
        await app.PostActivityAsync(CspBotApp.TeamInstall(connector.ServiceUrl, General, "Haringey CSP"));
        await app.PostActivityAsync(CspBotApp.ChannelMessage(connector.ServiceUrl, Performance, General, "29:priya", "use this channel"));
        var welcome = await connector.WaitForAsync(a => a.Json().Contains("I'm CspBot"));
        Assert.Equal(General, welcome.ConversationId);
        var confirmation = await connector.WaitForAsync(a => a.Json().Contains("Done: the weekly digest"));
        Assert.StartsWith("Done: the weekly digest and exception reports will be posted in this channel", confirmation.Activity["text"]!.GetValue<string>());

        var compiled = await PostAsync("/api/admin/jobs/exception-report/run");
        await PostAsync("/api/admin/jobs/outbox/run");

        Assert.True(compiled["posted"]!.GetValue<bool>());
        var post = await connector.WaitForAsync(a => a.Json().Contains("2025-26 Q2 exception report"));
        Assert.Equal(Performance, post.ConversationId);
    }

    [Fact]
    public async Task UseThisChannel_ByAnOwner_IsRefused()
    {
        await app.PostActivityAsync(CspBotApp.ChannelMessage(connector.ServiceUrl, Performance, General, "29:mark", "use this channel"));

        Assert.Contains("is for officers", Assert.Single(await connector.WaitForAsync(1))["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task ExceptionReport_EachCompilationIsAVersion_DownloadableAsWord_WithoutRestrictedCommentary()
    {
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CspDbContext>();
            var restricted = await db.Actions.FirstAsync(a => a.Restricted);
            db.Returns.Add(new Return
            {
                ItemKind = ItemKind.Action, ItemRef = restricted.Ref, Period = ReportingPeriod.Parse("2025-26 Q2"), Status = ActionStatus.Red,
                Commentary = "CASEWORK DETAIL NOT FOR THE CHANNEL", MeasuresToImprove = "Escalated", RevisedDate = new DateOnly(2026, 3, 31), SubmittedBy = "priya.shah@council.example",
            });
            await db.SaveChangesAsync();
        }

        var first = await PostAsync("/api/admin/jobs/exception-report/run");
        var second = await PostAsync("/api/admin/jobs/exception-report/run?period=2025-26-Q2");
        var client = app.CreateClient();
        var latest = await client.GetAsync("/api/reports/2025-26-Q2/exception-report.docx");
        var v1 = await client.GetAsync("/api/reports/2025-26-Q2/exception-report.docx?version=1");
        var missing = await client.GetAsync("/api/reports/2025-26-Q2/exception-report.docx?version=9");

        Assert.Equal((1, 2), (first["version"]!.GetValue<int>(), second["version"]!.GetValue<int>()));
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", latest.Content.Headers.ContentType!.MediaType);
        Assert.Contains("v2", latest.Content.Headers.ContentDisposition!.FileName);
        Assert.Equal(HttpStatusCode.OK, v1.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var word = WordprocessingDocument.Open(await latest.Content.ReadAsStreamAsync(), false);
        var text = word.MainDocumentPart!.Document.InnerText;
        var order = new[] { "1. Purpose", "2. Recommendations", "3. Summary highlights", "4. Performance issues", "5. Project delivery", "6. Returns not received", "7. Future monitoring", "Appendix A. Scorecard", "Appendix B. Project highlight table", "Appendix C. Indicators" }
            .Select(h => text.IndexOf(h, StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, order);
        Assert.Equal(order.Order(), order);
        Assert.Contains("restricted (held by the performance officer)", text);
        Assert.DoesNotContain("CASEWORK DETAIL", text);
    }

    [Fact]
    public async Task Digest_PostsOncePerWeekToTheChannel_WithChangesSinceLastWeek()
    {
        await app.PostActivityAsync(CspBotApp.TeamInstall(connector.ServiceUrl, General, "Haringey CSP"));
        await app.SendMessageAsync(connector.ServiceUrl, "29:priya", "hello", "a:priya");
        var owned = (await ReturnsAsync())["items"]!.AsArray().First(i => i!["owner"]!.GetValue<string>() == "priya.shah@council.example" && i["kind"]!.GetValue<string>() == "action")!;
        var reference = owned["ref"]!.GetValue<string>();
        await app.InvokeCardActionAsync(connector.ServiceUrl, "29:priya", "cspbot.return.submit", new JsonObject
        {
            ["ref"] = reference, ["period"] = "2025-26-Q2", ["page"] = 0, ["version"] = 0,
            ["status"] = "Red", ["commentary"] = "Stalled", ["measures"] = "Escalated to the board", ["revisedDate"] = "2026-03-31",
        });

        var first = await PostAsync("/api/admin/jobs/digest/run");
        var second = await PostAsync("/api/admin/jobs/digest/run");
        await PostAsync("/api/admin/jobs/outbox/run");

        Assert.True(first["queued"]!.GetValue<bool>());
        Assert.False(second["queued"]!.GetValue<bool>());
        var digest = await connector.WaitForAsync(a => a.Json().Contains("Weekly digest"));
        Assert.Equal(General, digest.ConversationId);
        var json = digest.Activity.Json();
        Assert.Contains("New Reds", json);
        Assert.Contains(reference, json);
        Assert.Contains("2025-26 Q2 returns", json);
    }

    [Fact]
    public async Task Digest_ListsEachNewFigureOnce_AndItsButtonOpensTheScorecardForWhoeverClicks()
    {
        await app.PostActivityAsync(CspBotApp.TeamInstall(connector.ServiceUrl, General, "Haringey CSP"));
        await app.SendMessageAsync(connector.ServiceUrl, "29:helen", "hello", "a:helen");
        // One sheet with VIO-01's figures for three quarters and VIO-02's for the open one, every figure changed.
        var csv = "ref,period,actual,previous_year,london_change_pct,msg_change_pct\n"
            + "VIO-01,2025-26 Q2,175,139,8,6\nVIO-01,2025-26 Q1,161,146,5,4\nVIO-01,2024-25 Q4,142,150,,\nVIO-02,2025-26 Q2,27,31,-4,-2\n";
        var imported = await app.CreateClient().PostAsync("/api/admin/import/indicator-values", new StringContent(csv, System.Text.Encoding.UTF8, "text/csv"));
        Assert.True(imported.IsSuccessStatusCode, await imported.Content.ReadAsStringAsync());

        await PostAsync("/api/admin/jobs/digest/run");
        await PostAsync("/api/admin/jobs/outbox/run");

        var digest = (await connector.WaitForAsync(a => a.Json().Contains("Weekly digest"))).Activity["attachments"]![0]!["content"]!.AsObject();
        // The texts as people read them (JSON escapes emoji).
        var text = string.Join("\n", digest["body"]!.AsArray().Select(b => b?["text"]?.GetValue<string>()));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(text, "📊 VIO-01\\b"));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(text, "📊 VIO-02\\b"));
        var listed = System.Text.RegularExpressions.Regex.Matches(text, "📊 ([A-Z]+-[A-Z]*[0-9]+)").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(listed.Distinct().Count(), listed.Count);
        Assert.Contains($"New indicator figures** ({listed.Count})", text);
        var button = Assert.Single(digest["actions"]!.AsArray());
        Assert.Equal(("Action.Execute", "Open the scorecard"), (button!["type"]!.GetValue<string>(), button["title"]!.GetValue<string>()));

        var scorecard = await app.InvokeCardActionAsync(connector.ServiceUrl, "29:helen", button["verb"]!.GetValue<string>(), button["data"]!.AsObject().DeepClone().AsObject(), "a:helen", seal: false);

        Assert.Equal("application/vnd.microsoft.card.adaptive", scorecard["type"]!.GetValue<string>());
        Assert.Contains("Scorecard · 2025-26 Q2", scorecard["value"]!.Json());
    }

    [Fact]
    public async Task Digest_NamesAnIndicatorWhoseNewFigureMadeItsPointSpecialCause_OnlyInTheWeekTheFigureCameIn()
    {
        await app.PostActivityAsync(CspBotApp.TeamInstall(connector.ServiceUrl, General, "Haringey CSP"));
        // The demo's own figures were recorded long before this week.
        await app.InScopeAsync(services => services.GetRequiredService<CspDbContext>().ChangeHistory
            .ExecuteUpdateAsync(c => c.SetProperty(r => r.ChangedAt, DateTimeOffset.Parse("2025-09-01T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture))));
        // VIO-01 (offences, lower is better): 152 150 146 139 148 141 160, then 171 for 2025-26 Q2, common cause; 200 is
        // beyond the upper limit (187.94), special cause concern. VIO-02's new figure is listed as new, nothing more.
        var csv = "ref,period,actual,previous_year,london_change_pct,msg_change_pct\nVIO-01,2025-26 Q2,200,139,8,6\nVIO-02,2025-26 Q2,27,31,-4,-2\n";
        var imported = await app.CreateClient().PostAsync("/api/admin/import/indicator-values", new StringContent(csv, System.Text.Encoding.UTF8, "text/csv"));
        Assert.True(imported.IsSuccessStatusCode, await imported.Content.ReadAsStringAsync());

        await PostAsync("/api/admin/jobs/digest/run");
        await PostAsync("/api/admin/jobs/outbox/run");

        var digest = (await connector.WaitForAsync(a => a.Json().Contains("Weekly digest"))).Activity["attachments"]![0]!["content"]!.AsObject();
        var text = string.Join("\n", digest["body"]!.AsArray().Select(b => b?["text"]?.GetValue<string>()));
        Assert.Contains("**Now special cause** (1)", text);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(text, "⚠️ VIO-01 \\(special cause concern\\)"));
        Assert.Contains("📊 VIO-02", text);

        // The next Monday the figure is a week old: not named again.
        await app.SetClockAsync("2025-10-27T10:00:00Z");
        var next = await app.InScopeAsync(services => services.GetRequiredService<CspBot.Core.Features.Digest.WeeklyDigest>()
            .BuildAsync(new DateOnly(2025, 10, 27), new DateOnly(2025, 10, 27), CancellationToken.None));
        Assert.DoesNotContain("special cause", next?.ToJsonString() ?? string.Empty);
    }
}
