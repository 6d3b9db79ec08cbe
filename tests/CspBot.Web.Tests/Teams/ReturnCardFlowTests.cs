using System.Text.Json.Nodes;
using CspBot.Core.Domain;
using CspBot.Core.Persistence;
using CspBot.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CspBot.Web.Tests.Teams;

/// <summary>An owner answers from the card, through the real host, demo data and database.</summary>
public sealed class ReturnCardFlowTests : IAsyncLifetime
{
    private readonly CspBotApp app = new(seedDemo: true);
    private FakeConnector connector = null!;

    public async Task InitializeAsync()
    {
        connector = await FakeConnector.StartAsync();
        connector.AddUser("29:priya", "priya.shah@council.example", "Priya Shah");
        connector.AddUser("29:mark", "mark.reid@met.police.example", "DI Mark Reid");
        await app.SetClockAsync("2025-10-20T09:00:00Z");
    }

    public async Task DisposeAsync()
    {
        await connector.DisposeAsync();
        await app.DisposeAsync();
    }

    private static JsonObject Data(string reference, int version = 0, params (string Key, string Value)[] inputs)
    {
        var data = new JsonObject { ["ref"] = reference, ["period"] = "2025-26-Q2", ["page"] = 0, ["version"] = version };
        foreach (var (key, value) in inputs)
        {
            data[key] = value;
        }

        return data;
    }

    [Fact]
    public async Task MyActions_ShowsTheOwnersItemsForTheOpenPeriod_Paginated()
    {
        await app.SendMessageAsync(connector.ServiceUrl, "29:priya", "my actions");

        var card = Assert.Single(await connector.WaitForAsync(1))["attachments"]![0]!["content"]!.ToJsonString();
        Assert.Contains("Your returns for 2025-26 Q2", card);
        Assert.Contains("0 of ", card);
        Assert.Contains("page 1 of 2", card);
        Assert.Contains("cspbot.return.open", card);
        Assert.True(card.Length < 28 * 1024, $"card is {card.Length} bytes");
    }

    [Fact]
    public async Task OpenThenSubmit_Valid_SavesAndReplacesTheCardWithTheUpdatedList()
    {
        var form = await app.InvokeCardActionAsync(connector.ServiceUrl, "29:priya", "cspbot.return.open", Data("DV-02"));
        Assert.Equal("application/vnd.microsoft.card.adaptive", form["type"]!.GetValue<string>());
        Assert.Contains("Submit return", form["value"]!.ToJsonString());

        var saved = await app.InvokeCardActionAsync(connector.ServiceUrl, "29:priya", "cspbot.return.submit",
            Data("DV-02", 0, ("status", "Green"), ("commentary", "Perpetrator programme commissioned from January.")));

        var list = saved["value"]!.ToJsonString();
        Assert.Contains("Saved DV-02", list);
        Assert.Contains("1 of ", list);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CspDbContext>();
        var stored = await db.Returns.SingleAsync(r => r.ItemRef == "DV-02");
        Assert.Equal((ActionStatus.Green, ChangeSource.Teams), (stored.Status!.Value, stored.Source));
    }

    [Fact]
    public async Task MyActions_CardRefreshesForItsOwner_ShowingWhatIsReturnedNow()
    {
        await app.SendMessageAsync(connector.ServiceUrl, "29:priya", "my actions");
        var card = Assert.Single(await connector.WaitForAsync(1))["attachments"]![0]!["content"]!.AsObject();
        var refresh = card["refresh"]!;
        Assert.Equal(["29:priya"], refresh["userIds"]!.AsArray().Select(id => id!.GetValue<string>()));
        Assert.Equal("cspbot.return.page", refresh["action"]!["verb"]!.GetValue<string>());
        Assert.Contains("0 of ", card.ToJsonString());

        // Returned since (in another chat, or by a delegate): opening the old card shows it.
        await app.InvokeCardActionAsync(connector.ServiceUrl, "29:priya", "cspbot.return.submit",
            Data("DV-02", 0, ("status", "Green"), ("commentary", "Perpetrator programme commissioned from January.")));
        var refreshed = await app.InvokeCardActionAsync(connector.ServiceUrl, "29:priya", "cspbot.return.page", refresh["action"]!["data"]!.AsObject().DeepClone().AsObject(), seal: false);

        var now = refreshed["value"]!.ToJsonString();
        Assert.Contains("1 of ", now);
        Assert.Contains("29:priya", now); // the refreshed card refreshes too
    }

    [Fact]
    public async Task Submit_FromAFormSomeoneAnsweredSince_SaysWhoChangedItAndWhen_AndKeepsTheirAnswer()
    {
        // Priya (the officer) opens DV-07, Mark's; Mark answers it at 10:00 (09:00 UTC is 10:00 in London).
        var form = await app.InvokeCardActionAsync(connector.ServiceUrl, "29:priya", "cspbot.return.open", Data("DV-07"));
        Assert.Contains("Submit return", form["value"]!.ToJsonString());
        await app.InvokeCardActionAsync(connector.ServiceUrl, "29:mark", "cspbot.return.submit",
            Data("DV-07", 0, ("status", "Amber"), ("commentary", "Two investigators moved."), ("measures", "Backfilled."), ("revisedDate", "2025-12-31")));

        var stale = await app.InvokeCardActionAsync(connector.ServiceUrl, "29:priya", "cspbot.return.submit",
            Data("DV-07", 0, ("status", "Green"), ("commentary", "On track.")));

        var card = stale["value"]!.ToJsonString();
        Assert.Contains("DI Mark Reid changed this at 10:0", card);
        Assert.Contains("(now Amber)", card);
        Assert.Contains("submit again to replace it", card);
        Assert.Contains("On track.", card); // what Priya typed is kept for her to submit again
        using (var scope = app.Services.CreateScope())
        {
            var stored = await scope.ServiceProvider.GetRequiredService<CspDbContext>().Returns.SingleAsync(r => r.ItemRef == "DV-07");
            Assert.Equal((ActionStatus.Amber, "mark.reid@met.police.example"), (stored.Status!.Value, stored.SubmittedBy));
        }

        // Mark's own second window, shown before his answer: it says it was him.
        var own = await app.InvokeCardActionAsync(connector.ServiceUrl, "29:mark", "cspbot.return.submit",
            Data("DV-07", 0, ("status", "Red"), ("commentary", "Worse."), ("measures", "Escalate."), ("revisedDate", "2026-01-31")));
        Assert.Contains("You changed this at 10:0", own["value"]!.ToJsonString());
    }

    [Fact]
    public async Task Submit_RedWithoutMeasures_RerendersTheFormWithTheProblem_AndSavesNothing()
    {
        var response = await app.InvokeCardActionAsync(connector.ServiceUrl, "29:priya", "cspbot.return.submit",
            Data("DV-02", 0, ("status", "Red"), ("commentary", "Provider withdrew.")));

        var card = response["value"]!.ToJsonString();
        Assert.Contains("Red needs the measures you are taking to improve.", card);
        Assert.Contains("Provider withdrew.", card);
        using var scope = app.Services.CreateScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<CspDbContext>().Returns.AnyAsync());
    }

    [Fact]
    public async Task Submit_SomeoneElsesAction_IsRefusedWithAMessage()
    {
        var response = await app.InvokeCardActionAsync(connector.ServiceUrl, "29:mark", "cspbot.return.submit",
            Data("DV-02", 0, ("status", "Green"), ("commentary", "Not mine")));

        Assert.Equal("application/vnd.microsoft.activity.message", response["type"]!.GetValue<string>());
        Assert.Contains("only they or an officer can change it", response["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task ActionSubmitFallback_MessageWithValue_IsHandledLikeExecute()
    {
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["channelId"] = "msteams",
            ["serviceUrl"] = connector.ServiceUrl,
            ["from"] = new JsonObject { ["id"] = "29:priya" },
            ["recipient"] = new JsonObject { ["id"] = "28:cspbot" },
            ["conversation"] = new JsonObject { ["id"] = "a:personal-1", ["conversationType"] = "personal" },
            ["value"] = await app.SealedAsync("cspbot.return.submit", Data("DV-02", 0, ("status", "Complete"), ("commentary", "Done"))),
        };

        await app.CreateClient().PostAsync("/api/messages", new StringContent(activity.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));

        var reply = Assert.Single(await connector.WaitForAsync(1));
        Assert.Contains("Saved DV-02", reply.ToJsonString());
    }

    [Fact]
    public async Task MyActions_InAGroupChat_PointsToThePersonalChat_SoCommentaryStaysPrivate()
    {
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["channelId"] = "msteams",
            ["serviceUrl"] = connector.ServiceUrl,
            ["from"] = new JsonObject { ["id"] = "29:priya" },
            ["recipient"] = new JsonObject { ["id"] = "28:cspbot" },
            ["conversation"] = new JsonObject { ["id"] = "19:group@thread.v2", ["conversationType"] = "groupChat", ["isGroup"] = true },
            ["text"] = "my actions",
        };

        await app.PostActivityAsync(activity);

        Assert.StartsWith("Returns are answered in your personal chat with me", Assert.Single(await connector.WaitForAsync(1))["text"]!.GetValue<string>());
    }

    private static Dictionary<string, string> Facts(JsonNode form) => form["value"]!["body"]!.AsArray()
        .Where(b => b!["type"]!.GetValue<string>() == "FactSet")
        .SelectMany(b => b!["facts"]!.AsArray())
        .ToDictionary(f => f!["title"]!.GetValue<string>(), f => f!["value"]!.GetValue<string>());

    [Fact]
    public async Task TheIndicatorsForm_ShowsItsVariationUsualRangeAndAssuranceBesideTheFigure_AndFollowsTheOwnersFigure()
    {
        // VIO-01 (offences, lower is better, target 150): 152 150 146 139 148 141 160 171; 171 against 139 a year ago is z = 2.57.
        var form = await app.InvokeCardActionAsync(connector.ServiceUrl, "29:mark", "cspbot.return.open", Data("VIO-01"));

        var facts = Facts(form);
        Assert.Equal("common cause; possibly significant change on last year", facts["Variation"]);
        Assert.Equal("128.5 to 173.3 (trial limits, 8 quarters)", facts["Usual range"]);
        Assert.Equal("hit and miss against the target", facts["Assurance"]);

        var saved = await app.InvokeCardActionAsync(connector.ServiceUrl, "29:mark", "cspbot.return.submit",
            Data("VIO-01", 0, ("actual", "200"), ("commentary", "A sharp rise in the town centres."), ("measures", "Extra patrols on Friday nights.")));
        Assert.Contains("Saved VIO-01", saved["value"]!.ToJsonString());
        var reopened = await app.InvokeCardActionAsync(connector.ServiceUrl, "29:mark", "cspbot.return.open", Data("VIO-01"));

        // 200 is beyond the new upper limit (187.9); against 139, z = 4.70.
        Assert.Equal("special cause concern; significant change on last year", Facts(reopened)["Variation"]);
        Assert.True(reopened["value"]!.ToJsonString().Length < 28 * 1024);
    }
}
