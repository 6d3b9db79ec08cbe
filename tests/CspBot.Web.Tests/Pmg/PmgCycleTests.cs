using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CspBot.Core.Domain;
using CspBot.Core.Features.Decisions;
using CspBot.Core.Features.Localisation;
using CspBot.Core.Features.Reports;
using CspBot.Core.Features.Returns;
using CspBot.Core.Persistence;
using CspBot.Web.Tests.Support;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CspBot.Web.Tests.Pmg;

/// <summary>
/// The Performance Management Group's part of the cycle through the real host, database and fake clock: checking
/// returns, queries, moderation, sign-off, and recording the board's decisions.
/// </summary>
public sealed class PmgCycleTests : IAsyncLifetime
{
    private const string Q2 = "2025-26-Q2";
    private readonly CspBotApp app = new(seedDemo: true);
    private FakeConnector connector = null!;

    public async Task InitializeAsync()
    {
        connector = await FakeConnector.StartAsync();
        connector.AddUser("29:priya", "priya.shah@council.example", "Priya Shah");
        connector.AddUser("29:mark", "mark.reid@met.police.example", "DI Mark Reid");
        connector.AddUser("29:helen", "helen.marsh@council.example", "Cllr Helen Marsh");
        connector.AddUser("29:marcus", "marcus.bell@council.example", "Marcus Bell");
        await app.SetClockAsync("2025-10-20T09:00:00Z");
        foreach (var user in new[] { "priya", "mark", "helen", "marcus" })
        {
            await app.SendMessageAsync(connector.ServiceUrl, $"29:{user}", "hello", $"a:{user}");
        }

        await connector.WaitForAsync(4);
        connector.Sent.Clear();
    }

    public async Task DisposeAsync()
    {
        await connector.DisposeAsync();
        await app.DisposeAsync();
    }

    private static JsonObject Data(string reference, int version = 0, params (string Key, string Value)[] inputs)
    {
        var data = new JsonObject { ["ref"] = reference, ["period"] = Q2, ["page"] = 0, ["version"] = version };
        foreach (var (key, value) in inputs)
        {
            data[key] = value;
        }

        return data;
    }

    private Task<JsonNode> MarkSubmitsDv07Async(int version = 0, string commentary = "Two investigators moved.") =>
        app.InvokeCardActionAsync(connector.ServiceUrl, "29:mark", ReturnCards.SubmitVerb,
            Data("DV-07", version, ("status", "Amber"), ("commentary", commentary), ("measures", "Backfilled."), ("revisedDate", "2025-12-31")), "a:mark");

    private Task<JsonNode> InvokeAsync(string user, string verb, JsonObject data) =>
        app.InvokeCardActionAsync(connector.ServiceUrl, $"29:{user}", verb, data, $"a:{user}");

    private async Task<Return> StoredAsync(string reference) => await app.InScopeAsync(async services =>
        await services.GetRequiredService<CspDbContext>().Returns.AsNoTracking().SingleAsync(r => r.ItemRef == reference));

    private Task RunJobAsync(string name) => app.CreateClient().PostAsync($"/api/admin/jobs/{name}/run", null);

    [Fact]
    public async Task Submit_IsAwaitingCheck_StatusCountsIt_AndAcceptChecksIt()
    {
        await MarkSubmitsDv07Async();
        Assert.Equal(ReturnCheck.AwaitingCheck, (await StoredAsync("DV-07")).Check);

        await app.SendMessageAsync(connector.ServiceUrl, "29:priya", "status", "a:priya");
        Assert.Contains("1 awaiting check · 0 queried", (await connector.WaitForAsync(a => a.Json().Contains("awaiting check"))).Activity.Json());

        var accepted = await InvokeAsync("priya", "cspbot.check.accept", Data("DV-07", 1));

        Assert.Contains("Accepted DV-07", accepted.Json());
        Assert.Contains("No returns to check", accepted.Json());
        var stored = await StoredAsync("DV-07");
        Assert.Equal((ReturnCheck.Accepted, "priya.shah@council.example"), (stored.Check, stored.CheckedBy));
    }

    [Fact]
    public async Task Accept_DoubleClicked_RecordsOneCheck()
    {
        await MarkSubmitsDv07Async();

        var clicks = await Task.WhenAll(InvokeAsync("priya", "cspbot.check.accept", Data("DV-07", 1)), InvokeAsync("priya", "cspbot.check.accept", Data("DV-07", 1)));

        Assert.Single(clicks, c => c.Json().Contains("✔ Accepted DV-07"));
        Assert.Single(clicks, c => c.Json().Contains("already accepted by you"));
        var checks = await app.InScopeAsync(async services => await services.GetRequiredService<CspDbContext>().ChangeHistory
            .CountAsync(c => c.EntityKey == "DV-07@" + Q2 && c.Field == nameof(Return.Check) && c.NewValue == nameof(ReturnCheck.Accepted)));
        Assert.Equal(1, checks);
    }

    [Fact]
    public async Task Accept_OfAReturnAmendedSinceTheCard_RefusesWithWhatChanged()
    {
        await MarkSubmitsDv07Async();
        await MarkSubmitsDv07Async(1, "Investigators back from January.");

        var stale = await InvokeAsync("priya", "cspbot.check.accept", Data("DV-07", 1));

        Assert.Contains("DI Mark Reid changed this at 10:00 (now Amber), after you were shown it, so nothing was changed", stale.Json());
        Assert.Equal(ReturnCheck.AwaitingCheck, (await StoredAsync("DV-07")).Check);
    }

    [Fact]
    public async Task Query_SendsTheOwnerTheQuestionAndTheirAnswer_AndAmendingSendsItBackForChecking()
    {
        await MarkSubmitsDv07Async();

        var queried = await InvokeAsync("priya", "cspbot.check.query", Data("DV-07", 1, ("question-DV-07", "Which two posts are vacant?")));
        await RunJobAsync("outbox");

        Assert.Contains("Query sent to DI Mark Reid about DV-07", queried.Json());
        var card = (await connector.WaitForAsync(a => a.Json().Contains("Which two posts are vacant?"))).Activity.Json();
        Assert.Contains("Priya Shah has a question about your return", card);
        Assert.Contains("Two investigators moved.", card); // the form is filled with his answer
        Assert.Contains(ReturnCards.SubmitVerb, card);
        Assert.Equal(ReturnCheck.Queried, (await StoredAsync("DV-07")).Check);

        // His list shows it as queried, to answer.
        var list = await InvokeAsync("mark", ReturnCards.PageVerb, new JsonObject { ["period"] = Q2, ["page"] = 0 });
        Assert.Contains("❓ Queried", list.Json());

        await MarkSubmitsDv07Async(1, "The two DA investigator posts; both filled from January.");

        var stored = await StoredAsync("DV-07");
        Assert.Equal((ReturnCheck.AwaitingCheck, 2), (stored.Check, stored.Version));
        var history = await app.InScopeAsync(async services => await services.GetRequiredService<CspDbContext>().ChangeHistory
            .Where(c => c.EntityKey == "DV-07@" + Q2).Select(c => c.Field + "=" + c.NewValue).ToListAsync());
        Assert.Contains("Query=Which two posts are vacant?", history);
        Assert.Contains("Commentary=The two DA investigator posts; both filled from January.", history);
    }

    [Fact]
    public async Task Query_WithoutAQuestion_IsRefusedAndChangesNothing()
    {
        await MarkSubmitsDv07Async();

        var refused = await InvokeAsync("priya", "cspbot.check.query", Data("DV-07", 1, ("question-DV-07", "   ")));

        Assert.Contains("Please write the question", refused.Json());
        Assert.Equal(ReturnCheck.AwaitingCheck, (await StoredAsync("DV-07")).Check);
    }

    [Fact]
    public async Task Query_OnAReturnOfAClosedPeriod_IsRefused_NothingIsSent_AndAcceptStillWorks()
    {
        await MarkSubmitsDv07Async();
        var closed = await app.CreateClient().PutAsJsonAsync($"/api/admin/periods/{Q2}/closed", new { closed = true });
        closed.EnsureSuccessStatusCode();

        var refused = await InvokeAsync("priya", "cspbot.check.query", Data("DV-07", 1, ("question-DV-07", "Which two posts are vacant?")));

        Assert.Contains("2025-26 Q2 is closed, so DI Mark Reid could not answer a query about it; nothing was sent.", refused.Json());
        Assert.Equal(ReturnCheck.AwaitingCheck, (await StoredAsync("DV-07")).Check);
        var queued = await app.InScopeAsync(async services => await services.GetRequiredService<CspDbContext>().Outbox.CountAsync(m => m.Kind == "query"));
        Assert.Equal(0, queued);

        // Reopened for amendment, the owner can answer again, so the query goes.
        (await app.CreateClient().PutAsJsonAsync($"/api/admin/periods/{Q2}/closed", new { closed = false })).EnsureSuccessStatusCode();
        var sent = await InvokeAsync("priya", "cspbot.check.query", Data("DV-07", 1, ("question-DV-07", "Which two posts are vacant?")));
        Assert.Contains("Query sent to DI Mark Reid about DV-07", sent.Json());
    }

    [Fact]
    public async Task AnUnansweredQuery_IsRemindedAtTheOwnersNextStage_EvenWithEverythingReturned()
    {
        // Mark returns everything he owes for Q2, then DV-07 is queried.
        await app.InScopeAsync(async services =>
        {
            var mark = await services.GetRequiredService<CspDbContext>().Members.SingleAsync(m => m.Email == "mark.reid@met.police.example");
            foreach (var item in await services.GetRequiredService<OwedItems>().ForOwnerAsync(mark.Id, ReportingPeriod.Parse(Q2), CancellationToken.None))
            {
                var input = item.Kind == ItemKind.Action ? new ReturnInput("Green", "On track.", null, null, null) : new ReturnInput(null, "As expected.", null, null, "100");
                var saved = await services.GetRequiredService<ReturnService>().SubmitAsync(mark, item.Ref, ReportingPeriod.Parse(Q2), 0, input, ChangeSource.Teams, CancellationToken.None);
                Assert.Equal(SubmitOutcome.Saved, saved.Outcome);
            }

            return 0;
        });
        await InvokeAsync("priya", "cspbot.check.query", Data("DV-07", 1, ("question-DV-07", "Is this really on track?")));
        await RunJobAsync("outbox");
        connector.Sent.Clear();

        await app.SetClockAsync("2025-10-21T08:00:00Z");
        await RunJobAsync("reminders");
        await RunJobAsync("outbox");

        var reminder = await connector.WaitForAsync(a => a.Json().Contains("Your returns for 2025-26 Q2 are due today") && a.Json().Contains("DV-07"));
        Assert.Equal("a:mark", reminder.ConversationId);
        Assert.Contains("❓ Queried: “Is this really on track?”", reminder.Activity.Json());
    }

    [Fact]
    public async Task Moderation_NeedsAReason_ThenChangesTheStatus_TellsTheOwner_AndKeepsBothInTheHistory()
    {
        await MarkSubmitsDv07Async();
        var dv07 = ReportingPeriod.Parse(Q2);

        var refused = await app.InScopeAsync(async services => await services.GetRequiredService<CspBot.Core.Features.Checking.ReturnChecks>()
            .ModerateAsync(await Officer(services), "DV-07", dv07, 1, "Red", "  ", ChangeSource.Console, CancellationToken.None));
        Assert.Contains("needs a reason", refused.Message);
        Assert.Equal(ActionStatus.Amber, (await StoredAsync("DV-07")).Status);

        var moderated = await app.InScopeAsync(async services => await services.GetRequiredService<CspBot.Core.Features.Checking.ReturnChecks>()
            .ModerateAsync(await Officer(services), "DV-07", dv07, 1, "Red", "The revised date has already passed once.", ChangeSource.Console, CancellationToken.None));
        await RunJobAsync("outbox");

        Assert.Contains("DV-07 is now Red", moderated.Message);
        var stored = await StoredAsync("DV-07");
        Assert.Equal((ActionStatus.Red, ReturnCheck.Accepted, "The revised date has already passed once."), (stored.Status!.Value, stored.Check, stored.ModerationReason));
        var told = await connector.WaitForAsync(a => a.Json().Contains("from Amber to Red"));
        Assert.Equal("a:mark", told.ConversationId);
        Assert.Contains("The revised date has already passed once.", told.Activity.Json());
        var history = await app.InScopeAsync(async services => await services.GetRequiredService<CspDbContext>().ChangeHistory
            .Where(c => c.EntityKey == "DV-07@" + Q2 && c.ChangedBy == "priya.shah@council.example").Select(c => c.Field + "=" + c.OldValue + "→" + c.NewValue).ToListAsync());
        Assert.Contains("Status=Amber→Red", history);
        Assert.Contains("ModerationReason=→The revised date has already passed once.", history);
    }

    [Fact]
    public async Task CheckRun_SendsEachOfficerOneCard_OnlyWhenSomethingWaits()
    {
        var client = app.CreateClient();
        var empty = JsonNode.Parse(await (await client.PostAsync("/api/admin/jobs/checks/run", null)).Content.ReadAsStringAsync())!;
        Assert.Equal(0, empty["queued"]!.GetValue<int>());

        await MarkSubmitsDv07Async();
        var run = JsonNode.Parse(await (await client.PostAsync("/api/admin/jobs/checks/run", null)).Content.ReadAsStringAsync())!;
        var again = JsonNode.Parse(await (await client.PostAsync("/api/admin/jobs/checks/run", null)).Content.ReadAsStringAsync())!;
        await RunJobAsync("outbox");

        Assert.Equal((1, 2), (run["waiting"]!.GetValue<int>(), run["queued"]!.GetValue<int>())); // Priya and Marcus
        Assert.Equal(0, again["queued"]!.GetValue<int>());
        var card = await connector.WaitForAsync(a => a.Json().Contains("Returns to check (1)"));
        var json = card.Activity.Json();
        Assert.Contains("Two investigators moved.", json);
        Assert.Contains("cspbot.check.accept", json);
        Assert.Contains("question-DV-07", json);
        Assert.True(json.Length < 28 * 1024);
    }

    [Fact]
    public async Task TheCheckCard_FitsTeamsLimit_EvenWithFiveReturnsOfTheLongestAnswers()
    {
        var longest = string.Concat(Enumerable.Repeat("Partnership working continues; ", 70))[..ReturnRules.MaxText];
        await app.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<CspDbContext>();
            var mark = await db.Members.SingleAsync(m => m.Email == "mark.reid@met.police.example");
            var returns = services.GetRequiredService<ReturnService>();
            foreach (var item in (await services.GetRequiredService<OwedItems>().ForOwnerAsync(mark.Id, ReportingPeriod.Parse(Q2), CancellationToken.None)).Where(i => i.Kind == ItemKind.Action).Take(5))
            {
                var saved = await returns.SubmitAsync(mark, item.Ref, ReportingPeriod.Parse(Q2), 0, new ReturnInput("Red", longest, longest, "2026-03-31", null), ChangeSource.Teams, CancellationToken.None);
                Assert.Equal(SubmitOutcome.Saved, saved.Outcome);
            }

            return 0;
        });

        await app.SendMessageAsync(connector.ServiceUrl, "29:priya", "check", "a:priya");

        var card = (await connector.WaitForAsync(a => a.Json().Contains("Returns to check (5)"))).Activity["attachments"]![0]!["content"]!.ToJsonString();
        Assert.True(card.Length < 28 * 1024, $"the check card is {card.Length} bytes");
        Assert.Contains("Partnership working continues; Partnership", card);
    }

    [Fact]
    public async Task AMemberWhoIsNotAnOfficer_IsRefusedEachPmgAction()
    {
        await MarkSubmitsDv07Async();

        foreach (var user in new[] { "mark", "helen" })
        {
            Assert.Contains("Only the partnership's officers check returns", (await InvokeAsync(user, "cspbot.check.accept", Data("DV-07", 1))).Json());
            Assert.Contains("Only the partnership's officers check returns", (await InvokeAsync(user, "cspbot.check.query", Data("DV-07", 1, ("question-DV-07", "Why?")))).Json());
            Assert.Contains("Only the partnership's officers record decisions", (await InvokeAsync(user, DecisionCards.SaveTargetVerb, new JsonObject { ["indicator"] = "VIO-01", ["target"] = "1" })).Json());
            Assert.Contains("Only the partnership's officers record decisions", (await InvokeAsync(user, DecisionCards.SaveActionVerb, new JsonObject { ["title"] = "x" })).Json());
        }

        var markModerates = await app.InScopeAsync(async services => await services.GetRequiredService<CspBot.Core.Features.Checking.ReturnChecks>().ModerateAsync(
            await services.GetRequiredService<CspDbContext>().Members.SingleAsync(m => m.Email == "mark.reid@met.police.example"), "DV-07", ReportingPeriod.Parse(Q2), 1, "Green", "Because.", ChangeSource.Console, CancellationToken.None));
        Assert.Equal(CspBot.Core.Features.Checking.CheckOutcome.NotAllowed, markModerates.Outcome);

        await app.SendMessageAsync(connector.ServiceUrl, "29:mark", "sign off", "a:mark");
        await app.SendMessageAsync(connector.ServiceUrl, "29:mark", "check", "a:mark");
        await app.SendMessageAsync(connector.ServiceUrl, "29:mark", "decisions", "a:mark");
        var replies = await connector.WaitForAsync(3);
        Assert.All(replies, r => Assert.DoesNotContain("Record a decision", r.Json()));
        Assert.All(replies, r => Assert.DoesNotContain("Returns to check", r.Json()));
        Assert.Equal((ReturnCheck.AwaitingCheck, ActionStatus.Amber), ((await StoredAsync("DV-07")).Check, (await StoredAsync("DV-07")).Status!.Value));
        Assert.False(await app.InScopeAsync(async services => await services.GetRequiredService<CspDbContext>().TargetChanges.AnyAsync()));
    }

    [Fact]
    public async Task Compile_WarnsOfUncheckedReturns_SignOffAsksToConfirm_ThenIsStoredPrintedAndToldToTheChair()
    {
        await MarkSubmitsDv07Async();
        await app.SendMessageAsync(connector.ServiceUrl, "29:priya", "report", "a:priya");
        var compiled = (await connector.WaitForAsync(a => a.Json().Contains("Compiled the 2025-26 Q2 exception report"))).Activity.Json();
        Assert.Contains("1 return is not yet checked: DV-07 (awaiting check)", compiled);
        Assert.Contains(ReportSignOff.Verb, compiled);

        var warned = await InvokeAsync("priya", ReportSignOff.Verb, new JsonObject { ["period"] = Q2, ["version"] = 1, ["confirmed"] = false });
        Assert.Contains("Sign off anyway", warned.Json());
        Assert.Null(await app.InScopeAsync(async services => await services.GetRequiredService<CspDbContext>().ReportSnapshots.Select(r => r.SignedOffBy).SingleAsync()));

        await InvokeAsync("priya", "cspbot.check.accept", Data("DV-07", 1));
        await app.SendMessageAsync(connector.ServiceUrl, "29:priya", "sign off", "a:priya");
        var signed = (await connector.WaitForAsync(a => a.Json().Contains("was signed off by Priya Shah"))).Activity.Json();
        Assert.Contains("Open the report (Word)", signed);

        var snapshot = await app.InScopeAsync(async services => await services.GetRequiredService<CspDbContext>().ReportSnapshots.AsNoTracking().SingleAsync());
        Assert.Equal("priya.shah@council.example", snapshot.SignedOffBy);
        using (var word = WordprocessingDocument.Open(new MemoryStream(snapshot.Docx!), false))
        {
            Assert.Contains("Signed off by the Performance Management Group on 20 October 2025", word.MainDocumentPart!.Document.InnerText);
            Assert.Empty(CspBot.Testing.OpenXmlCheck.Errors(word));
        }

        await RunJobAsync("outbox");
        var chair = await connector.WaitForAsync(a => a.Json().Contains("2025-26 Q2 paper signed off"));
        Assert.Equal("a:helen", chair.ConversationId);
        Assert.Contains(ReportLinkAction.Verb, chair.Activity.Json());
        var again = await InvokeAsync("helen", ReportSignOff.Verb, new JsonObject { ["period"] = Q2, ["version"] = 1, ["confirmed"] = true });
        Assert.Contains("already signed off by Priya Shah", again.Json());
        Assert.True(await app.InScopeAsync(async services => await services.GetRequiredService<CspDbContext>().ChangeHistory.AnyAsync(c => c.EntityKey == "2025-26-Q2 v1" && c.Field == "SignedOffBy")));
    }

    [Fact]
    public async Task SignOff_OverUncheckedReturns_SaysWhatToDoNext_InTheWordsOfWhereTheSignerIs_AndOnlyWhatTheyMayDo()
    {
        await MarkSubmitsDv07Async();
        var said = await app.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<CspDbContext>();
            var officer = await db.Members.AsNoTracking().SingleAsync(m => m.Email == "priya.shah@council.example");
            var chair = await db.Members.AsNoTracking().SingleAsync(m => m.Email == "helen.marsh@council.example");
            var signOff = services.GetRequiredService<ReportSignOff>();
            var period = ReportingPeriod.Parse(Q2);
            var nothing = await signOff.SignOffAsync(chair, period, null, false, ChangeSource.Console, CancellationToken.None);
            await services.GetRequiredService<ReportCompiler>().CompileAsync(period, officer.Email, CancellationToken.None);
            return new[]
            {
                nothing.Message,
                (await signOff.SignOffAsync(officer, period, null, false, ChangeSource.Console, CancellationToken.None)).Message,
                (await signOff.SignOffAsync(officer, period, null, false, ChangeSource.Teams, CancellationToken.None)).Message,
                (await signOff.SignOffAsync(chair, period, null, false, ChangeSource.Console, CancellationToken.None)).Message,
                (await signOff.SignOffAsync(chair, period, null, false, ChangeSource.Teams, CancellationToken.None)).Message,
                await InWelshAsync(() => signOff.SignOffAsync(officer, period, null, false, ChangeSource.Teams, CancellationToken.None)),
                await InWelshAsync(() => signOff.SignOffAsync(officer, period, 9, false, ChangeSource.Teams, CancellationToken.None)),
            };
        });

        Assert.Equal("There is no compiled 2025-26 Q2 report to sign off yet: an officer compiles it first.", said[0]);
        Assert.EndsWith("Sign off anyway, or check them first on the Returns page.", said[1]);
        Assert.EndsWith("Sign off anyway, or check them first (type **check**).", said[2]);
        Assert.All(said[3..5], s => Assert.EndsWith("Sign off anyway, or ask an officer to check them first.", s));
        // The signer is answered in their language (the Teams turn or the console page sets it): here Welsh.
        Assert.Equal("⚠ Mae 1 ffurflen gynnydd heb ei gwirio eto: DV-07 (yn aros i gael ei gwirio). Cymeradwywch beth bynnag, neu gwiriwch nhw yn gyntaf (teipiwch **check**).", said[5]);
        Assert.Equal("Nid fersiwn 9 o adroddiad 2025-26 Ch2 yw'r ddiweddaraf bellach (lluniwyd fersiwn 1 ers hynny), felly ni chymeradwywyd dim. Cymeradwywch y fersiwn ddiweddaraf.", said[6]);
        Assert.StartsWith("⚠ 1 return is not yet checked: DV-07 (awaiting check).", said[1]);
        Assert.DoesNotContain(said, s => s.Contains("(s)", StringComparison.Ordinal));
    }

    private static async Task<string> InWelshAsync(Func<Task<SignOffResult>> signOff)
    {
        using (CultureScope.Use(Language.Welsh))
        {
            return (await signOff()).Message;
        }
    }

    [Fact]
    public async Task TheChair_MaySignOff_AndAnOwnerMayNot()
    {
        await app.SendMessageAsync(connector.ServiceUrl, "29:priya", "report", "a:priya");
        await connector.WaitForAsync(a => a.Json().Contains("Compiled the 2025-26 Q2 exception report"));

        await app.InScopeAsync(async services => await services.GetRequiredService<CspDbContext>().Members.Where(m => m.Email == "helen.marsh@council.example").ExecuteUpdateAsync(m => m.SetProperty(x => x.Language, Language.Welsh)));
        var owner = await InvokeAsync("mark", ReportSignOff.Verb, new JsonObject { ["period"] = Q2, ["version"] = 1, ["confirmed"] = true });
        var chair = await InvokeAsync("helen", ReportSignOff.Verb, new JsonObject { ["period"] = Q2, ["version"] = 1, ["confirmed"] = true });

        Assert.Contains(ReportSignOff.NotAllowed, owner.Json());
        // The chair prefers Welsh: she is answered in Welsh, with the button to the paper in Welsh.
        Assert.Contains("Cymeradwyodd Cllr Helen Marsh adroddiad 2025-26 Ch2 (fersiwn 1)", chair.Json());
        Assert.Contains("Agor yr adroddiad (Word)", chair.Json());
        var signed = await app.InScopeAsync(async services => await services.GetRequiredService<CspDbContext>().ReportSnapshots.AsNoTracking().SingleAsync());
        Assert.Equal("helen.marsh@council.example", signed.SignedOffBy);
        await RunJobAsync("outbox");
        await Task.Delay(300);
        Assert.DoesNotContain(connector.Sent, s => s.ConversationId == "a:helen" && s.Activity.Json().Contains("paper signed off")); // she did it herself
    }

    [Fact]
    public async Task NewAction_FromTheCard_IsOwedByItsOwner_InTheirNextReminder_AndNextPeriodsExpectedReturns()
    {
        var form = await InvokeAsync("priya", DecisionCards.ActionFormVerb, new JsonObject());
        Assert.Contains("\"choices.data\"", form.Json());

        var refused = await InvokeAsync("priya", DecisionCards.SaveActionVerb, new JsonObject
        {
            ["title"] = "Report on CCTV coverage of the night-time economy", ["outcome"] = "ASB", ["plan"] = "No such plan", ["owner"] = "mark.reid@met.police.example", ["due"] = "next-board",
        });
        Assert.Contains("Choose one of the partnership's delivery plans", refused.Json());
        Assert.Contains("Report on CCTV coverage", refused.Json()); // what was typed is kept

        var plan = await app.InScopeAsync(async services => await services.GetRequiredService<CspDbContext>().Plans.Select(p => p.Name).FirstAsync(p => p.StartsWith("ASB")));
        var added = await InvokeAsync("priya", DecisionCards.SaveActionVerb, new JsonObject
        {
            ["title"] = "Report on CCTV coverage of the night-time economy", ["outcome"] = "ASB", ["plan"] = plan, ["owner"] = "mark.reid@met.police.example", ["due"] = "next-board",
        });
        var said = added.Json();
        Assert.Contains("✔ Added ", said);
        var reference = await app.InScopeAsync(async services => await services.GetRequiredService<CspDbContext>().Actions.Where(a => a.Title.StartsWith("Report on CCTV")).Select(a => a.Ref).SingleAsync());
        Assert.Contains(reference, said);
        await RunJobAsync("outbox");
        var told = await connector.WaitForAsync(a => a.Json().Contains($"A new action for you: {reference}"));
        Assert.Equal("a:mark", told.ConversationId);

        var nextPeriod = await app.InScopeAsync(async services => await services.GetRequiredService<OwedItems>().AllAsync(ReportingPeriod.Parse(Q2).Next, CancellationToken.None));
        Assert.Contains(nextPeriod, i => i.Ref == reference && i.OwnerEmail == "mark.reid@met.police.example");

        await app.SetClockAsync("2025-10-21T08:00:00Z");
        await RunJobAsync("reminders");
        await RunJobAsync("outbox");
        var reminder = await connector.WaitForAsync(a => a.Json().Contains("are due today") && a.Json().Contains(reference));
        Assert.Equal("a:mark", reminder.ConversationId);
    }

    [Fact]
    public async Task NewAction_FromTheCard_TakesOnlyAnOfferedDuePeriod_AndItsTextIsNormalisedAsTheImportWould()
    {
        var plan = await app.InScopeAsync(async services => await services.GetRequiredService<CspDbContext>().Plans.Select(p => p.Name).FirstAsync(p => p.StartsWith("ASB")));
        JsonObject Action(string due) => new()
        {
            ["title"] = "\u202EReport on CCTV\u2066 coverage\u0007 ", ["outcome"] = "ASB", ["plan"] = plan, ["owner"] = "mark.reid@met.police.example", ["due"] = due,
        };

        // Card data edited to a period the form never offered (the offer is Q2 to eight quarters on).
        var refused = await InvokeAsync("priya", DecisionCards.SaveActionVerb, Action("2031-32-Q1"));
        Assert.Contains("Choose when the action is due from the list: the next board, or a period from 2025-26 Q2 to 2027-28 Q1. Nothing was added.", refused.Json());
        Assert.False(await app.InScopeAsync(async services => await services.GetRequiredService<CspDbContext>().Actions.AnyAsync(a => a.Title.Contains("CCTV"))));

        var added = await InvokeAsync("priya", DecisionCards.SaveActionVerb, Action("2026-27 Q1"));
        Assert.Contains("✔ Added ", added.Json());
        var (title, due, history) = await app.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<CspDbContext>();
            var action = await db.Actions.SingleAsync(a => a.Title.Contains("CCTV"));
            var recorded = await db.ChangeHistory.Where(c => c.EntityKey == action.Ref && c.Field == "Title").Select(c => c.NewValue).SingleAsync();
            return (action.Title, action.DuePeriod.Id, recorded);
        });
        Assert.Equal(("Report on CCTV coverage", "2026-27-Q1", "Report on CCTV coverage"), (title, due, history));
    }

    [Fact]
    public async Task NewAction_IsRecordedInTheHistory_AsComingFromWhereItWasAdded_TheCardOrTheConsole()
    {
        var plan = await app.InScopeAsync(async services => await services.GetRequiredService<CspDbContext>().Plans.Select(p => p.Name).FirstAsync(p => p.StartsWith("ASB")));
        var fromCard = await InvokeAsync("priya", DecisionCards.SaveActionVerb, new JsonObject
        {
            ["title"] = "Report on CCTV coverage", ["outcome"] = "ASB", ["plan"] = plan, ["owner"] = "mark.reid@met.police.example", ["due"] = "2026-27 Q1",
        });
        Assert.Contains("✔ Added ", fromCard.Json());
        var fromConsole = await app.InScopeAsync(async services =>
        {
            var officer = await services.GetRequiredService<CspDbContext>().Members.AsNoTracking().SingleAsync(m => m.Email == "priya.shah@council.example");
            return await services.GetRequiredService<NewActions>().AddAsync(officer, new NewActionInput(null, "Walk the night-time economy", "ASB", plan, "mark.reid@met.police.example", "2026-27-Q1"), ChangeSource.Console, CancellationToken.None);
        });
        Assert.True(fromConsole.Added, fromConsole.Message);

        var sources = await app.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<CspDbContext>();
            var refs = await db.Actions.Where(a => a.Title == "Report on CCTV coverage" || a.Title == "Walk the night-time economy").ToDictionaryAsync(a => a.Title, a => a.Ref);
            var history = await db.ChangeHistory.AsNoTracking().Where(c => c.Entity == nameof(PlanAction) && refs.Values.Contains(c.EntityKey)).ToListAsync();
            return refs.ToDictionary(r => r.Key, r => history.Where(c => c.EntityKey == r.Value).Select(c => c.Source).Distinct().ToList());
        });
        Assert.Equal([ChangeSource.Teams], sources["Report on CCTV coverage"]);
        Assert.Equal([ChangeSource.Console], sources["Walk the night-time economy"]);
    }

    [Fact]
    public async Task EveryWrite_NormalisesText_WhateverTheEntryPoint_AndTheHistoryRecordsWhatWasStored()
    {
        // A route that forgot to normalise (a Teams event, a future page) still stores what the import would.
        var name = await app.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<CspDbContext>();
            var mark = await db.Members.SingleAsync(m => m.Email == "mark.reid@met.police.example");
            mark.Name = " DI Mark\u202E Reid\r\n(Met)\uFFFF ";
            await db.SaveChangesWithHistoryAsync("test", ChangeSource.Api, DateTimeOffset.UtcNow, CancellationToken.None);
            db.ChangeTracker.Clear();
            var stored = await db.Members.AsNoTracking().Where(m => m.Email == "mark.reid@met.police.example").Select(m => m.Name).SingleAsync();
            var recorded = await db.ChangeHistory.Where(c => c.EntityKey == "mark.reid@met.police.example" && c.Field == "Name" && c.ChangedBy == "test").Select(c => c.NewValue).SingleAsync();
            return (stored, recorded);
        });

        Assert.Equal(("DI Mark Reid\n(Met)", "DI Mark Reid\n(Met)"), name);
    }

    [Fact]
    public async Task AReport_IsCompiledOnlyForAPeriodOfTheCalendar_UpToTheOneBeingCollected()
    {
        var client = app.CreateClient();

        var future = await client.PostAsync("/api/admin/jobs/exception-report/run?period=2025-26-Q3", null);
        var ancient = await client.PostAsync("/api/admin/jobs/exception-report/run?period=2000-01-Q1", null);

        Assert.Equal((System.Net.HttpStatusCode.BadRequest, System.Net.HttpStatusCode.BadRequest), (future.StatusCode, ancient.StatusCode));
        Assert.Contains("A report can be compiled for a period from 2023-24 Q3 to 2025-26 Q2 (the one being collected); 2025-26 Q3 is not one of them.", await future.Content.ReadAsStringAsync());
        Assert.False(await app.InScopeAsync(async services => await services.GetRequiredService<CspDbContext>().ReportSnapshots.AnyAsync()));
        Assert.True((await client.PostAsync("/api/admin/jobs/exception-report/run?period=2025-26-Q1", null)).IsSuccessStatusCode);
    }

    [Fact]
    public async Task TargetChange_AppliesFromItsPeriodOnly_IsInTheHistory_AndTheNextReport()
    {
        var q2 = ReportingPeriod.Parse(Q2);
        var refused = await InvokeAsync("priya", DecisionCards.SaveTargetVerb, new JsonObject
        {
            ["indicator"] = "VIO-01", ["target"] = "140", ["from"] = q2.Next.Id, ["decidedBy"] = "the PMG", ["decidedOn"] = "2025-10-14", ["reason"] = "",
        });
        Assert.Contains("Give the reason", refused.Json());

        var recorded = await InvokeAsync("priya", DecisionCards.SaveTargetVerb, new JsonObject
        {
            ["indicator"] = "VIO-01", ["target"] = "140", ["from"] = q2.Next.Id, ["decidedBy"] = "the PMG", ["decidedOn"] = "2025-10-14", ["reason"] = "Stretch target agreed after the Q1 fall.",
        });
        Assert.Contains("VIO-01's target is 140 from 2025-26 Q3", recorded.Json());

        var (now, next) = await app.InScopeAsync(async services =>
        {
            var owed = services.GetRequiredService<OwedItems>();
            return ((await owed.FindAsync("VIO-01", q2, CancellationToken.None))!.Indicator!.Target, (await owed.FindAsync("VIO-01", q2.Next, CancellationToken.None))!.Indicator!.Target);
        });
        Assert.Equal((150m, 140m), (now, next));

        var history = await app.InScopeAsync(async services => await services.GetRequiredService<CspDbContext>().ChangeHistory
            .Where(c => c.ChangedBy == "priya.shah@council.example").Select(c => c.Entity + "." + c.Field + "=" + c.NewValue).ToListAsync());
        Assert.Contains("Indicator.Target=140", history);
        Assert.Contains("TargetChange.Reason=Stretch target agreed after the Q1 fall.", history);

        var docx = await app.InScopeAsync(async services =>
        {
            var compiled = await services.GetRequiredService<ReportCompiler>().CompileAsync(q2.Next, "priya.shah@council.example", CancellationToken.None);
            return (await services.GetRequiredService<CspDbContext>().ReportSnapshots.SingleAsync(r => r.Version == compiled.Version && r.Period == q2.Next)).Docx!;
        });
        using var word = WordprocessingDocument.Open(new MemoryStream(docx), false);
        Assert.Contains("target lowered from 150 offences to 140 offences by the PMG on 14 October 2025", word.MainDocumentPart!.Document.InnerText);
    }

    [Fact]
    public async Task OwnerTypeAhead_FindsMembersForAnOfficer_AndNothingForAnOwner()
    {
        async Task<string> SearchAsync(string user, string text)
        {
            var activity = new JsonObject
            {
                ["type"] = "invoke", ["name"] = "application/search", ["id"] = Guid.NewGuid().ToString(), ["channelId"] = "msteams", ["serviceUrl"] = connector.ServiceUrl,
                ["from"] = new JsonObject { ["id"] = $"29:{user}" }, ["recipient"] = new JsonObject { ["id"] = "28:cspbot" },
                ["conversation"] = new JsonObject { ["id"] = $"a:{user}", ["conversationType"] = "personal" },
                ["value"] = new JsonObject { ["queryText"] = text, ["dataset"] = DecisionCards.MembersDataset, ["queryOptions"] = new JsonObject { ["skip"] = 0, ["top"] = 15 } },
            };
            var response = await app.CreateClient().PostAsJsonAsync("/api/messages", activity);
            response.EnsureSuccessStatusCode();
            return await response.Content.ReadAsStringAsync();
        }

        var found = await SearchAsync("priya", "probation");
        Assert.Contains("application/vnd.microsoft.search.searchResponse", found);
        Assert.Contains("ruth.adeyemi@probation.example", found);
        Assert.DoesNotContain("mark.reid", found);
        Assert.DoesNotContain("probation.example", await SearchAsync("mark", "probation"));
    }

    private static Task<Member> Officer(IServiceProvider services) =>
        services.GetRequiredService<CspDbContext>().Members.SingleAsync(m => m.Email == "priya.shah@council.example");
}
