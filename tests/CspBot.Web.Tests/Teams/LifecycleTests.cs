using System.Text.Json.Nodes;
using CspBot.Core.Domain;
using CspBot.Core.Persistence;
using CspBot.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CspBot.Web.Tests.Teams;

/// <summary>
/// Teams' lifecycle events, replayed as the documented payloads (conversationUpdate with channelData.eventType, and
/// installationUpdate), through the host: the recorded state, what the officers are told, and that channel posts wait
/// for a new channel instead of going to one nobody can read.
/// </summary>
public sealed class LifecycleTests : IAsyncLifetime
{
    private const string Team = "19:general@thread.tacv2";
    private const string Performance = "19:performance@thread.tacv2";
    private const string TeamGroup = "02bd9fd6-8f93-4758-87c3-1fb73740a315";
    private readonly CspBotApp app = new(seedDemo: true);
    private FakeConnector connector = null!;

    public async Task InitializeAsync()
    {
        connector = await FakeConnector.StartAsync();
        connector.AddUser("29:priya", "priya.shah@council.example", "Priya Shah", "Priya");
        connector.AddUser("29:mark", "mark.reid@met.police.example", "DI Mark Reid", "Mark");
        await app.SetClockAsync("2025-10-20T09:00:00Z");
    }

    public async Task DisposeAsync()
    {
        await connector.DisposeAsync();
        await app.DisposeAsync();
    }

    private JsonObject TeamEvent(string eventType, JsonObject? channel = null, string teamName = "Haringey CSP", string type = "conversationUpdate") => new()
    {
        ["type"] = type,
        ["id"] = Guid.NewGuid().ToString(),
        ["channelId"] = "msteams",
        ["serviceUrl"] = connector.ServiceUrl,
        ["from"] = new JsonObject { ["id"] = "29:priya", ["aadObjectId"] = "00000000-0000-0000-0000-000000000001" },
        ["recipient"] = new JsonObject { ["id"] = "28:cspbot", ["name"] = "CspBot" },
        ["conversation"] = new JsonObject { ["id"] = Team, ["conversationType"] = "channel", ["isGroup"] = true, ["tenantId"] = "tenant-1" },
        ["channelData"] = new JsonObject
        {
            ["eventType"] = eventType,
            ["channel"] = channel,
            ["team"] = new JsonObject { ["id"] = Team, ["name"] = teamName, ["aadGroupId"] = TeamGroup },
            ["tenant"] = new JsonObject { ["id"] = "tenant-1" },
        },
    };

    private JsonObject PersonalInstallation(string action, string teamsUserId, string conversationId) => new()
    {
        ["type"] = "installationUpdate",
        ["action"] = action,
        ["id"] = Guid.NewGuid().ToString(),
        ["channelId"] = "msteams",
        ["serviceUrl"] = connector.ServiceUrl,
        ["from"] = new JsonObject { ["id"] = teamsUserId },
        ["recipient"] = new JsonObject { ["id"] = "28:cspbot", ["name"] = "CspBot" },
        ["conversation"] = new JsonObject { ["id"] = conversationId, ["conversationType"] = "personal", ["tenantId"] = "tenant-1" },
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = "tenant-1" } },
    };

    private async Task PostAsync(JsonObject activity) => (await app.PostActivityAsync(activity)).EnsureSuccessStatusCode();

    private async Task<JsonNode> RunAsync(string job) =>
        JsonNode.Parse(await (await app.CreateClient().PostAsync($"/api/admin/jobs/{job}/run", null)).Content.ReadAsStringAsync())!;

    private async Task<T> DbAsync<T>(Func<CspDbContext, Task<T>> read)
    {
        using var scope = app.Services.CreateScope();
        return await read(scope.ServiceProvider.GetRequiredService<CspDbContext>());
    }

    /// <summary>The team with the bot in it, posts moved to Performance, and the officer's personal chat open.</summary>
    private async Task PartnershipInPerformanceAsync()
    {
        await PostAsync(CspBotApp.TeamInstall(connector.ServiceUrl, Team, "Haringey CSP", TeamGroup));
        await PostAsync(CspBotApp.ChannelMessage(connector.ServiceUrl, Performance, Team, "29:priya", "use this channel"));
        await PostAsync(PersonalInstallation("add", "29:priya", "a:priya"));
        await connector.WaitForAsync(a => a.Json().Contains("Done: the weekly digest"));
    }

    [Fact]
    public async Task AddedToATeam_TheTeamIsWelcomed_OnceAndNotOnEveryRepeatOfTheEvent()
    {
        await PostAsync(CspBotApp.TeamInstall(connector.ServiceUrl, Team, "Haringey CSP", TeamGroup));
        await PostAsync(CspBotApp.TeamInstall(connector.ServiceUrl, Team, "Haringey CSP", TeamGroup));

        var welcome = await connector.WaitForAsync(a => a.Json().Contains("I'm CspBot"));
        Assert.Equal(Team, welcome.ConversationId);
        var text = welcome.Activity["text"]!.GetValue<string>();
        Assert.Contains("weekly digest (every Monday", text);
        Assert.Contains("Only the partnership's officers can move the posts", text);
        Assert.Contains("use this channel", text);
        await Task.Delay(300);
        Assert.Single(connector.Sent, s => s.Activity.Json().Contains("I'm CspBot"));
    }

    [Fact]
    public async Task InstalledPersonally_TheMemberIsWelcomedByTheirGivenName_WithWhatTheyWillReceive()
    {
        connector.AddUser("29:ben", "ben.adair@lfb.example", "Stn Cdr Ben Adair", "Ben");
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CspDbContext>();
            db.Members.Add(new Member { Email = "ben.adair@lfb.example", Name = "Stn Cdr Ben Adair", Agency = "London Fire Brigade", Roles = MemberRoles.Owner });
            await db.SaveChangesAsync();
        }

        await PostAsync(PersonalInstallation("add", "29:ben", "a:ben"));

        var welcome = await connector.WaitForAsync(a => a.Json().Contains("I'm CspBot"));
        var text = welcome.Activity["text"]!.GetValue<string>();
        Assert.StartsWith("Hello Ben! I'm CspBot", text);
        Assert.Contains("one card listing the actions and indicators you owe", text);
        Assert.Contains("**help**", text);
    }

    [Fact]
    public async Task ThePartnershipChannelDeleted_PostsWait_OfficersAreToldHowToChoose_AndANewChannelGetsThem()
    {
        await PartnershipInPerformanceAsync();

        await PostAsync(TeamEvent("channelDeleted", new JsonObject { ["id"] = Performance, ["name"] = "Performance" }));

        var gone = await DbAsync(db => db.Conversations.AsNoTracking().SingleAsync(c => c.ConversationId == Performance));
        Assert.NotNull(gone.GoneAt);
        Assert.Equal("the channel was deleted", gone.GoneReason);
        var notice = await connector.WaitForAsync(a => a.Json().Contains("can no longer be posted to"));
        Assert.Equal("a:priya", notice.ConversationId);
        Assert.Contains("the channel was deleted", notice.Activity["text"]!.GetValue<string>());
        Assert.Contains("use this channel", notice.Activity["text"]!.GetValue<string>());

        var compiled = await RunAsync("exception-report");
        await RunAsync("outbox");
        Assert.False(compiled["posted"]!.GetValue<bool>());
        Assert.DoesNotContain(connector.Sent, s => s.ConversationId == Performance && s.Activity.Json().Contains("exception report"));
        var held = await DbAsync(db => db.Outbox.AsNoTracking().Where(o => o.Status == OutboxStatus.Held).Select(o => o.Kind).ToListAsync());
        Assert.Contains("exception-report", held);

        await PostAsync(CspBotApp.ChannelMessage(connector.ServiceUrl, Team, Team, "29:priya", "use this channel"));
        await RunAsync("outbox");

        var post = await connector.WaitForAsync(a => a.Json().Contains("2025-26 Q2 exception report"));
        Assert.Equal(Team, post.ConversationId);
        Assert.Equal(0, await DbAsync(db => db.Outbox.CountAsync(o => o.Status == OutboxStatus.Held)));
    }

    [Fact]
    public async Task TheTeamArchived_PostsWait_AndWhenItIsRestoredTheyGoThere()
    {
        await PartnershipInPerformanceAsync();

        await PostAsync(TeamEvent("teamArchived"));
        var digest = await RunAsync("digest");
        await RunAsync("outbox");
        Assert.Equal("the team was archived", await DbAsync(db => db.Conversations.Where(c => c.ConversationId == Performance).Select(c => c.GoneReason).SingleAsync()));
        Assert.DoesNotContain(connector.Sent, s => s.ConversationId == Performance && s.Activity.Json().Contains("Weekly digest"));
        Assert.NotNull(digest);

        await PostAsync(TeamEvent("teamUnarchived"));
        await RunAsync("outbox");

        var post = await connector.WaitForAsync(a => a.Json().Contains("Weekly digest"));
        Assert.Equal(Performance, post.ConversationId);
        Assert.Null(await DbAsync(db => db.Conversations.Where(c => c.ConversationId == Performance).Select(c => c.GoneAt).SingleAsync()));
    }

    [Theory]
    [InlineData("teamDeleted", "the team was deleted")]
    [InlineData("teamHardDeleted", "the team was deleted")]
    [InlineData("teamMemberRemoved", "CspBot was removed from the team")]
    public async Task TheTeamDeleted_OrTheBotRemovedFromIt_EveryChannelOfItIsGone(string eventType, string reason)
    {
        await PartnershipInPerformanceAsync();
        var activity = TeamEvent(eventType);
        if (eventType == "teamMemberRemoved")
        {
            activity["membersRemoved"] = new JsonArray(new JsonObject { ["id"] = "28:cspbot" });
        }

        await PostAsync(activity);

        var channels = await DbAsync(db => db.Conversations.AsNoTracking().Where(c => c.Kind == ConversationKind.Channel).ToListAsync());
        Assert.All(channels, c => Assert.Equal(reason, c.GoneReason));
        var notice = await connector.WaitForAsync(a => a.Json().Contains("can no longer be posted to"));
        Assert.Contains(reason, notice.Activity["text"]!.GetValue<string>());
    }

    private const string Report = "2025-26 Q2 exception report";

    /// <summary>Compiles the report while the partnership channel already refuses posts, and waits for the refusal.</summary>
    private async Task CompileReportIntoARefusingChannelAsync(string channel, int status)
    {
        connector.Unreachable[channel] = status;
        await RunAsync("exception-report");
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!connector.Refused.Any(r => r.ConversationId == channel) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Contains(connector.Refused, r => r.ConversationId == channel && r.Status == status);
    }

    /// <summary>Exactly one post of the report arrives, in <paramref name="channel"/>, without anyone running the outbox.</summary>
    private async Task TheReportArrivesOnceInAsync(string channel)
    {
        var post = await connector.WaitForAsync(a => a.Json().Contains(Report));
        Assert.Equal(channel, post.ConversationId);
        await RunAsync("outbox");
        await Task.Delay(300);
        Assert.Single(connector.Sent, s => s.Activity.Json().Contains(Report));
        Assert.Equal(0, await DbAsync(db => db.Outbox.CountAsync(o => o.RecipientMemberId == null && o.Status != OutboxStatus.Sent)));
    }

    [Fact]
    public async Task AReportRefusedByADeletedChannel_WaitsAndIsPostedOnce_WhereAnOfficerThenSaysUseThisChannel()
    {
        await PartnershipInPerformanceAsync();
        await CompileReportIntoARefusingChannelAsync(Performance, 404);
        await PostAsync(TeamEvent("channelDeleted", new JsonObject { ["id"] = Performance, ["name"] = "Performance" }));
        var notice = await connector.WaitForAsync(a => a.Json().Contains("can no longer be posted to"));
        Assert.Contains("1 post is waiting now", notice.Activity["text"]!.GetValue<string>());

        await PostAsync(CspBotApp.ChannelMessage(connector.ServiceUrl, Team, Team, "29:priya", "use this channel"));

        await TheReportArrivesOnceInAsync(Team);
    }

    [Fact]
    public async Task AReportRefusedByADeletedTeam_WaitsAndIsPostedOnce_InAnotherTeamsChannelAnOfficerChooses()
    {
        const string Other = "19:other-general@thread.tacv2";
        await PostAsync(CspBotApp.TeamInstall(connector.ServiceUrl, Team, "Haringey CSP", TeamGroup));
        await PostAsync(PersonalInstallation("add", "29:priya", "a:priya"));
        await CompileReportIntoARefusingChannelAsync(Team, 404);
        await PostAsync(TeamEvent("teamDeleted"));
        await connector.WaitForAsync(a => a.Json().Contains("the team was deleted"));

        await PostAsync(CspBotApp.TeamInstall(connector.ServiceUrl, Other, "Haringey Community Safety"));
        await PostAsync(CspBotApp.ChannelMessage(connector.ServiceUrl, Other, Other, "29:priya", "use this channel"));

        await TheReportArrivesOnceInAsync(Other);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AReportWaitingWhileTheBotWasRemovedFromTheTeam_IsPostedOnceWhenItIsAddedBack_EvenIfAnOfficerAlsoSaysUseThisChannel(bool chosenChannel)
    {
        var channel = chosenChannel ? Performance : Team;
        if (chosenChannel)
        {
            await PartnershipInPerformanceAsync();
        }
        else
        {
            // A fresh partnership: the team's General is where the posts go.
            await PostAsync(CspBotApp.TeamInstall(connector.ServiceUrl, Team, "Haringey CSP", TeamGroup));
            await PostAsync(PersonalInstallation("add", "29:priya", "a:priya"));
        }

        await CompileReportIntoARefusingChannelAsync(channel, 403);
        var removed = TeamEvent("teamMemberRemoved");
        removed["membersRemoved"] = new JsonArray(new JsonObject { ["id"] = "28:cspbot" });
        await PostAsync(removed);
        await connector.WaitForAsync(a => a.Json().Contains("CspBot was removed from the team"));

        connector.Unreachable.Clear();
        await PostAsync(CspBotApp.TeamInstall(connector.ServiceUrl, Team, "Haringey CSP", TeamGroup));
        await connector.WaitForAsync(a => a.Json().Contains(Report));
        await PostAsync(CspBotApp.ChannelMessage(connector.ServiceUrl, channel, Team, "29:priya", "use this channel"));

        await TheReportArrivesOnceInAsync(channel);
    }

    [Fact]
    public async Task AnotherMemberRemovedFromTheTeam_ChangesNothing()
    {
        await PartnershipInPerformanceAsync();
        var activity = TeamEvent("teamMemberRemoved");
        activity["membersRemoved"] = new JsonArray(new JsonObject { ["id"] = "29:mark" });

        await PostAsync(activity);

        Assert.Equal(0, await DbAsync(db => db.Conversations.CountAsync(c => c.GoneAt != null)));
    }

    [Fact]
    public async Task Renames_AreRecorded()
    {
        await PartnershipInPerformanceAsync();

        await PostAsync(TeamEvent("teamRenamed", teamName: "Haringey Community Safety"));
        await PostAsync(TeamEvent("channelRenamed", new JsonObject { ["id"] = Performance, ["name"] = "PMG returns" }));

        var channel = await DbAsync(db => db.Conversations.AsNoTracking().SingleAsync(c => c.ConversationId == Performance));
        Assert.Equal("Haringey Community Safety", channel.TeamName);
        Assert.Equal("PMG returns", channel.ChannelName);
        Assert.Null(channel.GoneAt);
    }

    [Fact]
    public async Task UninstalledPersonally_TheMemberShowsAsNotInstalled_IsNotSentTo_AndAReinstallWelcomesThemBack()
    {
        await PostAsync(PersonalInstallation("add", "29:priya", "a:priya"));
        await PostAsync(PersonalInstallation("add", "29:mark", "a:mark"));
        await connector.WaitForAsync(a => a.Json().Contains("Hello Mark!"));

        await PostAsync(PersonalInstallation("remove", "29:mark", "a:mark"));

        var mark = await DbAsync(db => db.Members.AsNoTracking().SingleAsync(m => m.Email == "mark.reid@met.police.example"));
        Assert.Equal(Reachability.NotInstalled, mark.Reachability);
        Assert.StartsWith("app not installed: they uninstalled CspBot on 20 October 2025", mark.ReachIssue);
        Assert.Equal(0, await DbAsync(db => db.Conversations.CountAsync(c => c.MemberId == mark.Id)));
        await app.SendMessageAsync(connector.ServiceUrl, "29:priya", "status", "a:priya");
        var status = await connector.WaitForAsync(a => a.Json().Contains("they uninstalled CspBot"));
        Assert.Contains("DI Mark Reid", status.Activity.Json());

        var sentBefore = connector.Sent.Count(s => s.ConversationId == "a:mark");
        await app.SendMessageAsync(connector.ServiceUrl, "29:priya", "chase", "a:priya");
        await RunAsync("outbox");
        Assert.Equal(sentBefore, connector.Sent.Count(s => s.ConversationId == "a:mark"));

        await PostAsync(PersonalInstallation("add", "29:mark", "a:mark"));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (connector.Sent.Count(s => s.Activity.Json().Contains("Hello Mark!")) < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Equal(2, connector.Sent.Count(s => s.Activity.Json().Contains("Hello Mark!")));
        var back = await DbAsync(db => db.Members.AsNoTracking().SingleAsync(m => m.Email == "mark.reid@met.police.example"));
        Assert.Equal(Reachability.Reachable, back.Reachability);
        Assert.Null(back.ReachIssue);
    }
}
