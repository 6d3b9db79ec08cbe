using System.Net;
using System.Text.Json.Nodes;
using CspBot.Core.Domain;
using CspBot.Core.Persistence;
using CspBot.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CspBot.Web.Tests.Teams;

/// <summary>Messages go through the real host and come back through the Bot Connector at the activity's serviceUrl.</summary>
public sealed class CommandRoutingTests : IAsyncLifetime
{
    private readonly CspBotApp app = new(seedDemo: false);
    private FakeConnector connector = null!;

    public async Task InitializeAsync()
    {
        connector = await FakeConnector.StartAsync();
        app.CreateClient();
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CspDbContext>();
        db.Members.AddRange(
            new Member { Email = "priya.shah@council.example", Name = "Priya Shah", Agency = "Haringey Council", Roles = MemberRoles.Officer | MemberRoles.Owner },
            new Member { Email = "mark.reid@met.police.example", Name = "DI Mark Reid", Agency = "Metropolitan Police", Roles = MemberRoles.Owner });
        await db.SaveChangesAsync();
        connector.AddUser("29:priya", "Priya.Shah@council.example", "Priya Shah");
        connector.AddUser("29:stranger", "stranger@elsewhere.example", "A Stranger");
    }

    public async Task DisposeAsync()
    {
        await connector.DisposeAsync();
        await app.DisposeAsync();
    }

    [Fact]
    public async Task Help_FromAMember_RepliesWithHelpCardThroughServiceUrl()
    {
        var response = await app.SendMessageAsync(connector.ServiceUrl, "29:priya", "help");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(await connector.WaitForAsync(1));
        var card = reply["attachments"]![0]!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", card["contentType"]!.GetValue<string>());
        var json = card["content"]!.ToJsonString();
        Assert.Contains("What I can do", json);
        Assert.Contains("Show this list of commands.", json);
        Assert.Equal("a:personal-1", connector.Sent.Single().ConversationId);
    }

    [Fact]
    public async Task Help_LinksTheTeamsUserToTheMemberByEmail()
    {
        await app.SendMessageAsync(connector.ServiceUrl, "29:priya", "HELP!");
        await connector.WaitForAsync(1);

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CspDbContext>();
        Assert.Equal("29:priya", db.Members.Single(m => m.Email == "priya.shah@council.example").TeamsUserId);
    }

    [Theory]
    [InlineData("what's the weather")]
    [InlineData("helpme")]
    public async Task UnknownText_RepliesPointingToHelp(string text)
    {
        await app.SendMessageAsync(connector.ServiceUrl, "29:priya", text);

        var reply = Assert.Single(await connector.WaitForAsync(1));
        Assert.Equal("Sorry, I didn't understand that. Type **help** to see what I can do.", reply["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnyText_FromSomeoneNotInThePartnership_SaysSoPolitely()
    {
        await app.SendMessageAsync(connector.ServiceUrl, "29:stranger", "help");

        var reply = Assert.Single(await connector.WaitForAsync(1));
        Assert.StartsWith("Hello! I can't find you among the partnership's members", reply["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task ExpectReplies_ReturnsTheHelpCardInTheResponseBody()
    {
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["channelId"] = "msteams",
            ["serviceUrl"] = connector.ServiceUrl,
            ["deliveryMode"] = "expectReplies",
            ["from"] = new JsonObject { ["id"] = "29:priya" },
            ["recipient"] = new JsonObject { ["id"] = "28:cspbot" },
            ["conversation"] = new JsonObject { ["id"] = "a:personal-1", ["conversationType"] = "personal" },
            ["text"] = "help",
        };

        var response = await app.CreateClient().PostAsync("/api/messages", new StringContent(activity.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Contains("What I can do", body["activities"]![0]!["attachments"]![0]!.ToJsonString());
    }

    [Fact]
    public async Task RosterLookupFailing_IsNotMistakenForNotAMember()
    {
        connector.LookupFailure = 503;

        await app.SendMessageAsync(connector.ServiceUrl, "29:priya", "help");

        var reply = Assert.Single(await connector.WaitForAsync(1, TimeSpan.FromSeconds(30)));
        Assert.StartsWith("Sorry, I couldn't check who you are just now", reply["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task PersonalInstall_WelcomesTheMemberOnce_AndStoresTheConversation()
    {
        var install = new JsonObject
        {
            ["type"] = "installationUpdate",
            ["action"] = "add",
            ["channelId"] = "msteams",
            ["serviceUrl"] = connector.ServiceUrl,
            ["from"] = new JsonObject { ["id"] = "29:priya" },
            ["recipient"] = new JsonObject { ["id"] = "28:cspbot", ["name"] = "CspBot" },
            ["conversation"] = new JsonObject { ["id"] = "a:personal-priya", ["conversationType"] = "personal", ["tenantId"] = "tenant-1" },
        };

        await app.PostActivityAsync(install);
        await app.PostActivityAsync(install);
        await Task.Delay(300);

        var welcome = Assert.Single(connector.Sent);
        Assert.StartsWith("Hello Priya! I'm CspBot, the ", welcome.Activity["text"]!.GetValue<string>());
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CspDbContext>();
        var stored = db.Conversations.Single(c => c.ConversationId == "a:personal-priya");
        Assert.Equal(db.Members.Single(m => m.Email == "priya.shah@council.example").Id, stored.MemberId);
        Assert.Equal(Reachability.Reachable, db.Members.Single(m => m.Email == "priya.shah@council.example").Reachability);
    }
}
