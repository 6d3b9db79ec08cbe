using System.Text.Json.Nodes;
using CspBot.Core.Domain;
using CspBot.Core.Features.Checking;
using CspBot.Core.Features.Decisions;
using CspBot.Core.Features.Returns;
using CspBot.Core.Persistence;
using CspBot.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CspBot.Web.Tests.Teams;

/// <summary>
/// Issue 28 (Cymraeg), the officer's side: a Welsh-preferring officer's check card, the answer to a check, a chase,
/// the status card and the escalation are in Welsh with <c>lang: "cy"</c>; an English-preferring officer's and the
/// chair's exactly as before. One host, the demo data: Priya Shah (officer) chooses Welsh, Marcus Bell (officer) and
/// Cllr Helen Marsh (chair) have no choice in an English partnership.
/// </summary>
public sealed class WelshOfficerTests : IAsyncLifetime
{
    private const string Q2 = "2025-26-Q2";
    private readonly CspBotApp app = new(seedDemo: true);
    private FakeConnector connector = null!;

    public async Task InitializeAsync()
    {
        connector = await FakeConnector.StartAsync();
        connector.AddUser("29:priya", "priya.shah@council.example", "Priya Shah");
        connector.AddUser("29:marcus", "marcus.bell@council.example", "Marcus Bell");
        connector.AddUser("29:helen", "helen.marsh@council.example", "Cllr Helen Marsh");
        connector.AddUser("29:mark", "mark.reid@met.police.example", "DI Mark Reid");
        await app.SetClockAsync("2025-10-20T09:00:00Z");
        foreach (var user in new[] { "priya", "marcus", "helen", "mark" })
        {
            await app.SendMessageAsync(connector.ServiceUrl, $"29:{user}", "hello", $"a:{user}");
        }

        await connector.WaitForAsync(4);
        await SayAsync("priya", "iaith cy");
        connector.Sent.Clear();
    }

    public async Task DisposeAsync()
    {
        await connector.DisposeAsync();
        await app.DisposeAsync();
    }

    private async Task<string> SayAsync(string user, string text)
    {
        connector.Sent.Clear();
        var message = CspBotApp.PersonalMessage(connector.ServiceUrl, $"29:{user}", text, $"a:{user}");
        Assert.True((await app.PostActivityAsync(message)).IsSuccessStatusCode);

        // The turn's reply answers this message; what the outbox delivers meanwhile (a chase's reminders) does not.
        var id = message["id"]!.GetValue<string>();
        return connector.Sent.First(s => s.ConversationId == $"a:{user}" && s.Activity["replyToId"]?.GetValue<string>() == id).Activity.Json();
    }

    /// <summary>The first activity sent to <paramref name="user"/>'s chat that contains <paramref name="text"/> (deliveries come from the outbox).</summary>
    private async Task<JsonObject> SentToAsync(string user, string text)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            var found = connector.Sent.FirstOrDefault(s => s.ConversationId == $"a:{user}" && s.Activity.Json().Contains(text, StringComparison.Ordinal));
            if (found.Activity is not null)
            {
                return found.Activity;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"Nothing with “{text}” was sent to {user}. Sent: " + string.Join(" | ", connector.Sent.Select(s => $"{s.ConversationId}: {s.Activity.Json()}")));
    }

    private static JsonNode Card(JsonObject activity) => activity["attachments"]![0]!["content"]!;

    private Task<JsonNode> InvokeAsync(string user, string verb, JsonObject data) =>
        app.InvokeCardActionAsync(connector.ServiceUrl, $"29:{user}", verb, data, $"a:{user}");

    private static JsonObject Data(string reference, int version, params (string Key, string Value)[] inputs)
    {
        var data = new JsonObject { ["ref"] = reference, ["period"] = Q2, ["page"] = 0, ["version"] = version };
        foreach (var (key, value) in inputs)
        {
            data[key] = value;
        }

        return data;
    }

    [Fact]
    public async Task AWelshOfficer_GetsTheCheckCard_Chase_Status_AndEscalationInWelsh_AndAnEnglishOfficer_AsBefore()
    {
        var welshCards = new List<string>();
        var client = app.CreateClient();

        // The daily check card: one each, in each officer's language.
        await InvokeAsync("mark", ReturnCards.SubmitVerb, Data("DV-07", 0, ("status", "Amber"), ("commentary", "Two investigators moved."), ("measures", "Backfilled."), ("revisedDate", "2025-12-31")));
        await client.PostAsync("/api/admin/jobs/checks/run", null);
        await client.PostAsync("/api/admin/jobs/outbox/run", null);

        var welshCheck = await SentToAsync("priya", "Ffurflenni cynnydd i'w gwirio (1)");
        Assert.Equal("cy", Card(welshCheck)["lang"]!.GetValue<string>());
        Assert.Equal("Ffurflenni cynnydd i'w gwirio: 1", welshCheck["summary"]!.GetValue<string>());
        var checkJson = Card(welshCheck).Json();
        Assert.Contains("Derbyniwch bob ffurflen gynnydd", checkJson);
        Assert.Contains("2025-26 Ch2", checkJson);
        Assert.Contains("Sylwebaeth", checkJson);
        Assert.Contains("Dyddiad diwygiedig", checkJson);
        Assert.Contains("31 Rhag 2025", checkJson);
        Assert.Contains("Anfon yr ymholiad", checkJson);
        Assert.Contains("Cwestiwn i DI Mark Reid am DV-07", checkJson);
        Assert.Contains("Two investigators moved.", checkJson); // what the owner wrote stays as written
        Assert.DoesNotContain("Returns to check", checkJson);
        welshCards.Add(checkJson);

        var englishCheck = await SentToAsync("marcus", "Returns to check (1)");
        Assert.Equal("en", Card(englishCheck)["lang"]!.GetValue<string>());
        Assert.Equal("1 returns to check", englishCheck["summary"]!.GetValue<string>());
        var englishJson = Card(englishCheck).Json();
        Assert.Contains("Accept each return, or query it with its owner. Checked returns are what the board paper reports.", englishJson);
        Assert.Contains("Revised date", englishJson);
        Assert.Contains("31 Dec 2025", englishJson);
        Assert.Contains("Question for DI Mark Reid about DV-07", englishJson);
        Assert.Contains("2025-26 Q2", englishJson);

        // The check itself, answered in her language.
        var accepted = (await InvokeAsync("priya", CheckCards.AcceptVerb, Data("DV-07", 1)))["value"]!;
        Assert.Equal("cy", accepted["lang"]!.GetValue<string>());
        Assert.Contains("✔ Wedi derbyn DV-07.", accepted.Json());
        Assert.Contains("Dim ffurflenni cynnydd i'w gwirio", accepted.Json());
        Assert.Contains("Mae popeth a gyflwynwyd wedi'i wirio. Diolch!", accepted.Json());
        welshCards.Add(accepted.Json());
        var again = (await InvokeAsync("marcus", CheckCards.AcceptVerb, Data("DV-07", 1)))["value"]!.Json();
        Assert.Contains("⚠ DV-07 was already accepted by Priya Shah.", again);
        Assert.Contains("No returns to check", again);
        Assert.Contains("Everything submitted has been checked. Thank you!", again);

        // The largest check card there can be (five returns of the longest answers) fits Teams' 28 KB in Welsh too.
        var longest = string.Concat(Enumerable.Repeat("Partnership working continues; ", 70))[..ReturnRules.MaxText];
        await app.InScopeAsync(async services =>
        {
            var mark = await services.GetRequiredService<CspDbContext>().Members.SingleAsync(m => m.Email == "mark.reid@met.police.example");
            var returns = services.GetRequiredService<ReturnService>();
            var items = await services.GetRequiredService<OwedItems>().ForOwnerAsync(mark.Id, ReportingPeriod.Parse(Q2), CancellationToken.None);
            foreach (var item in items.Where(i => i.Kind == ItemKind.Action && i.Ref != "DV-07").Take(5))
            {
                var saved = await returns.SubmitAsync(mark, item.Ref, ReportingPeriod.Parse(Q2), 0, new ReturnInput("Red", longest, longest, "2026-03-31", null), ChangeSource.Teams, CancellationToken.None);
                Assert.Equal(SubmitOutcome.Saved, saved.Outcome);
            }

            return 0;
        });
        var fullest = Card(JsonNode.Parse(await SayAsync("priya", "check"))!.AsObject()).Json();
        Assert.Contains("Ffurflenni cynnydd i'w gwirio (5)", fullest);
        Assert.Contains("Partnership working continues; Partnership", fullest);
        welshCards.Add(fullest);

        // A chase: her answer in Welsh; his (everyone already chased today) in English.
        var chase = await SayAsync("priya", "chase");
        Assert.Contains("nodyn atgoffa wedi'u hanfon ar gyfer 2025-26 Ch2: ", chase);
        Assert.Contains("ffurflen gynnydd yn ddyledus)", chase);
        Assert.DoesNotContain("reminders sent", chase);
        var chasedAgain = await SayAsync("marcus", "chase");
        Assert.Contains("Already chased today, so not sent again: ", chasedAgain);
        Assert.DoesNotContain("nodyn atgoffa", chasedAgain);

        // Status.
        var status = await SayAsync("priya", "status");
        Assert.Contains("\"lang\":\"cy\"", status);
        Assert.Contains("Ffurflenni cynnydd ar gyfer 2025-26 Ch2", status);
        Assert.Contains("Dyddiad cau Maw 21 Hyd 2025 · ", status);
        Assert.Contains(" wedi'u cyflwyno", status);
        Assert.Contains("Heb eu cyflwyno eto (ffurflenni cynnydd yn ddyledus)", status);
        Assert.DoesNotContain("Returns for", status);
        welshCards.Add(status);
        var englishStatus = await SayAsync("marcus", "status");
        Assert.Contains("\"lang\":\"en\"", englishStatus);
        Assert.Contains("Returns for 2025-26 Q2", englishStatus);
        Assert.Contains("Deadline Tue 21 Oct 2025 · ", englishStatus);
        Assert.Contains("Still to return (returns outstanding)", englishStatus);

        // Recording a decision, and the officers' commands in her help.
        var decisions = await SayAsync("priya", "decisions");
        Assert.Contains("\"lang\":\"cy\"", decisions);
        Assert.Contains("Cofnodi penderfyniad", decisions);
        Assert.Contains("Cam gweithredu newydd", decisions);
        welshCards.Add(decisions);
        var targetForm = (await InvokeAsync("priya", DecisionCards.TargetFormVerb, []))["value"]!.Json();
        Assert.Contains("Penderfynwyd gan", targetForm);
        Assert.Contains("y Grŵp Rheoli Perfformiad", targetForm);
        Assert.Contains("\"value\":\"the PMG\"", targetForm); // what is stored is unchanged
        welshCards.Add(targetForm);
        Assert.Contains("Record a decision", await SayAsync("marcus", "decisions"));
        var help = await SayAsync("priya", "help");
        Assert.Contains("Y ffurflenni cynnydd sy'n aros i chi eu gwirio", help);
        Assert.Contains("Anfon nodyn atgoffa ar unwaith", help);

        // The escalation at the final stage (5 working days after the deadline): one card per language.
        connector.Sent.Clear();
        await app.SetClockAsync("2025-10-28T09:00:00Z");
        await client.PostAsync("/api/admin/jobs/reminders/run", null);
        await client.PostAsync("/api/admin/jobs/outbox/run", null);

        var escalation = await SentToAsync("priya", "Ffurflenni cynnydd hwyr ar gyfer 2025-26 Ch2");
        Assert.Equal("cy", Card(escalation)["lang"]!.GetValue<string>());
        Assert.Contains("5 diwrnod gwaith yn hwyr: mae ", Card(escalation).Json());
        Assert.Contains(" o berchnogion heb eu cyflwyno o hyd.", Card(escalation).Json());
        Assert.Contains("DI Mark Reid (Metropolitan Police)", Card(escalation).Json());
        welshCards.Add(Card(escalation).Json());
        foreach (var english in new[] { "marcus", "helen" })
        {
            var late = await SentToAsync(english, "Late returns for 2025-26 Q2");
            Assert.Equal("en", Card(late)["lang"]!.GetValue<string>());
            Assert.Matches(@"5 working days overdue: \d+ returns from \d+ owners are still outstanding\.", Card(late).Json());
        }

        var largest = welshCards.Max(c => System.Text.Encoding.UTF8.GetByteCount(c));
        Assert.True(largest < 28 * 1024, $"the largest Welsh card is {largest} bytes");
    }
}
