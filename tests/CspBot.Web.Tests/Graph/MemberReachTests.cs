using System.Text;
using System.Text.Json.Nodes;
using Azure.Core;
using CspBot.Core.Domain;
using CspBot.Core.Persistence;
using CspBot.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CspBot.Web.Tests.Graph;

/// <summary>
/// Microsoft Graph on, through the host with the demo partnership: members and guests found, the app installed for those
/// the bot cannot reach, the reminder delivered in the chat that creates, refusals explained, the team roster added.
/// </summary>
public sealed class MemberReachTests : IAsyncLifetime
{
    private const string General = "19:general@thread.tacv2";
    private const string TeamGroup = "2f4e6a8c-0b1d-4f3e-8a5c-7e9f1b3d5a7c";
    private FakeConnector connector = null!;
    private FakeGraph graph = null!;
    private CspBotApp? app;
    private string tom = null!;
    private string mark = null!;
    private string ruth = null!;

    public async Task InitializeAsync()
    {
        connector = await FakeConnector.StartAsync();
        connector.AddUser("29:priya", "priya.shah@council.example", "Priya Shah");
        graph = await FakeGraph.StartAsync();
        tom = graph.AddMember("tom.byrne@council.example", "Tom Byrne");
        mark = graph.AddGuest("mark.reid@met.police.example", "DI Mark Reid");
        ruth = graph.AddGuest("ruth.adeyemi@probation.example", "Ruth Adeyemi", withMail: false, otherMails: ["ruth.adeyemi@probation.example"]);
        graph.PreInstall(mark);
    }

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }

        await graph.DisposeAsync();
        await connector.DisposeAsync();
    }

    private async Task<CspBotApp> StartAsync(params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Graph:Enabled"] = "true",
            ["Graph:BaseUrl"] = graph.BaseUrl,
            ["Graph:TenantId"] = "tenant-1",
            ["Graph:TeamsAppCatalogId"] = FakeGraph.CatalogAppId,
            ["Graph:BotServiceUrl"] = connector.ServiceUrl,
            ["Graph:BotId"] = "28:cspbot",
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        app = new CspBotApp(seedDemo: true, settings, services => services.AddSingleton<TokenCredential>(new FakeCredential()));
        await app.SetClockAsync("2025-10-20T07:30:00Z");
        return app;
    }

    private async Task<JsonNode> PostAsync(string url) =>
        JsonNode.Parse(await (await app!.CreateClient().PostAsync(url, null)).Content.ReadAsStringAsync())!;

    private static IEnumerable<string> Strings(JsonNode? array) => array!.AsArray().Select(n => n!.GetValue<string>());

    private async Task<T> InDatabaseAsync<T>(Func<CspDbContext, Task<T>> query)
    {
        using var scope = app!.Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<CspDbContext>());
    }

    [Fact]
    public async Task MembersAndGuestsAreFound_TheAppIsInstalledForThem_AndTheReminderReachesThemInTheChatItCreated()
    {
        await StartAsync();

        var run = await PostAsync("/api/admin/jobs/member-reach/run");

        Assert.True(run["graphOn"]!.GetValue<bool>());
        Assert.Equal(19, run["checked"]!.GetValue<int>());
        Assert.Equal(
            ["mark.reid@met.police.example (guest, by mail)", "ruth.adeyemi@probation.example (guest, by otherMails)", "tom.byrne@council.example (by userPrincipalName)"],
            Strings(run["found"]).Order());
        Assert.Contains("grace.okoye@nhs.example", Strings(run["notFound"]));
        Assert.Equal(["mark.reid@met.police.example (already installed)", "ruth.adeyemi@probation.example", "tom.byrne@council.example"], Strings(run["installed"]).Order());

        var chats = await InDatabaseAsync(db => db.Conversations.AsNoTracking().Include(c => c.Member).Where(c => c.Kind == ConversationKind.Personal).ToListAsync());
        Assert.Equal(
            [(FakeGraph.ChatIdOf(mark), "mark.reid@met.police.example"), (FakeGraph.ChatIdOf(ruth), "ruth.adeyemi@probation.example"), (FakeGraph.ChatIdOf(tom), "tom.byrne@council.example")],
            chats.OrderBy(c => c.Member!.Email).Select(c => (c.ConversationId, c.Member!.Email)));
        Assert.All(chats, c => Assert.Equal((connector.ServiceUrl, "msteams", "tenant-1"), (c.ServiceUrl, c.ChannelId, c.TenantId)));
        var tomsRecord = await InDatabaseAsync(db => db.Members.AsNoTracking().SingleAsync(m => m.Email == "tom.byrne@council.example"));
        Assert.Equal((tom, DirectoryStatus.Found, Reachability.Reachable, (string?)null), (tomsRecord.EntraObjectId, tomsRecord.DirectoryStatus, tomsRecord.Reachability, tomsRecord.ReachIssue));

        // The next morning's run finds nothing left to do for them.
        var again = await PostAsync("/api/admin/jobs/member-reach/run");
        Assert.Empty(Strings(again["installed"]));
        Assert.Equal(3, graph.CountOf("POST", "installedApps$"));

        // Deadline day: the reminder goes to the chat the installation created, through the tenant's Bot Connector.
        await app!.SetClockAsync("2025-10-21T08:00:00Z");
        await PostAsync("/api/admin/jobs/reminders/run");
        await PostAsync("/api/admin/jobs/outbox/run");
        var reminder = await connector.WaitForAsync(a => a["conversation"]!["id"]!.GetValue<string>() == FakeGraph.ChatIdOf(tom));
        Assert.Contains("Your returns for 2025-26 Q2 are due today", reminder.Activity.Json());
        Assert.Equal("28:cspbot", reminder.Activity["from"]!["id"]!.GetValue<string>());
        await connector.WaitForAsync(a => a["conversation"]!["id"]!.GetValue<string>() == FakeGraph.ChatIdOf(ruth));
    }

    [Fact]
    public async Task ImportingMembers_LooksTheNewOnesUpAndInstallsForThemAtOnce()
    {
        await StartAsync();
        var newcomer = graph.AddGuest("daniel.price@lfb.example", "Station Cdr Daniel Price");
        var csv = "email,name,agency,roles\ndaniel.price@lfb.example,Station Cdr Daniel Price,London Fire Brigade,owner\n";

        var imported = await app!.CreateClient().PostAsync("/api/admin/import/members", new StringContent(csv, Encoding.UTF8, "text/csv"));

        imported.EnsureSuccessStatusCode();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        StoredConversation? chat = null;
        while (chat is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            chat = await InDatabaseAsync(db => db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Member!.Email == "daniel.price@lfb.example"));
        }

        Assert.NotNull(chat);
        Assert.Equal(FakeGraph.ChatIdOf(newcomer), chat.ConversationId);
    }

    [Fact]
    public async Task WhenGraphRefusesToInstallTheApp_403_TheRunCarriesOn_AndStatusSaysWhichPermissionToGrant()
    {
        await StartAsync();
        graph.Fail("POST", "installedApps$", 403, times: 10, code: "Forbidden");

        var run = await PostAsync("/api/admin/jobs/member-reach/run");

        Assert.Equal(19, run["checked"]!.GetValue<int>());
        var problem = Assert.Single(Strings(run["problems"]));
        Assert.StartsWith("Microsoft Graph refused to install the app for them (403 Forbidden): grant the app registration the TeamsAppInstallation.ReadWriteForUser.All application permission", problem);
        Assert.Equal(1, graph.CountOf("POST", "installedApps$"));

        await app!.SendMessageAsync(connector.ServiceUrl, "29:priya", "status", "a:priya");
        var card = (await connector.WaitForAsync(a => a.Json().Contains("Returns for 2025-26 Q2"))).Activity.Json();
        Assert.Contains("TeamsAppInstallation.ReadWriteForUser.All", card);
        Assert.Contains("Not found in the directory", card);
        Assert.Contains("Grace Okoye (grace.okoye@nhs.example)", card);
        Assert.DoesNotContain("Microsoft Graph is off", card);

        var reach = JsonNode.Parse(await app.CreateClient().GetStringAsync("/api/admin/members/reach"))!;
        Assert.Equal("on", reach["graph"]!.GetValue<string>());
        var toms = reach["unreachable"]!.AsArray().Single(m => m!["email"]!.GetValue<string>() == "tom.byrne@council.example")!;
        Assert.Equal(("Found", "NotInstalled"), (toms["directory"]!.GetValue<string>(), toms["reachability"]!.GetValue<string>()));
        Assert.Contains("TeamsAppInstallation.ReadWriteForUser.All", toms["reason"]!.GetValue<string>());
        Assert.Contains("grace.okoye@nhs.example", Strings(reach["notFound"]));
    }

    [Fact]
    public async Task WithRosterSyncOn_TheTeamsMembersAreAddedAsMembers_AndLinkedToTheirDirectoryIds()
    {
        await StartAsync(("Graph:SyncTeamMembers", "true"), ("Graph:InstallAppForMembers", "false"));
        var newcomer = Guid.NewGuid().ToString();
        graph.AddTeam(TeamGroup, (tom, "tom.byrne@council.example", "Tom Byrne", false), (newcomer, "Alex.Stone@Mopac.example", "Alex Stone", true));
        await app!.PostActivityAsync(CspBotApp.TeamInstall(connector.ServiceUrl, General, "Haringey CSP", TeamGroup));

        var run = await PostAsync("/api/admin/jobs/member-reach/run");

        Assert.Equal(["alex.stone@mopac.example"], Strings(run["addedFromTeam"]));
        var alex = await InDatabaseAsync(db => db.Members.AsNoTracking().SingleAsync(m => m.Email == "alex.stone@mopac.example"));
        Assert.Equal(("Alex Stone", MemberRoles.Member, newcomer, "mopac.example"), (alex.Name, alex.Roles, alex.EntraObjectId, alex.Agency));
        Assert.Equal(1, graph.CountOf("GET", $"^/v1.0/teams/{TeamGroup}/members$"));

        // Installing is off: they are listed as unreachable, and why.
        Assert.Contains("alex.stone@mopac.example: app not installed: they have not opened the bot, and installing it for them is off (Graph:InstallAppForMembers)", Strings(run["unreachable"]));
        Assert.Equal(0, graph.CountOf("POST", "installedApps$"));
    }

    [Fact]
    public async Task TheCompiledReport_IsFiledInTheChannelsFiles_AndTheChannelCardLinksTheSharePointCopy()
    {
        await StartAsync();
        graph.AddTeam(TeamGroup);
        await app!.PostActivityAsync(CspBotApp.TeamInstall(connector.ServiceUrl, General, "Haringey CSP", TeamGroup));

        var compiled = await PostAsync("/api/admin/jobs/exception-report/run");

        Assert.True(compiled["posted"]!.GetValue<bool>());
        var post = await connector.WaitForAsync(a => a.Json().Contains("2025-26 Q2 exception report"));
        Assert.Equal(General, post.ConversationId);
        var card = post.Activity.Json();
        Assert.Contains("Open in the channel's Files", card);
        Assert.Contains(FakeGraph.WebUrlOf("2025-26-Q2-exception-report-v1.docx"), card);
        Assert.Contains("\"verb\":\"cspbot.report.open\"", card);
        var docx = await app.CreateClient().GetByteArrayAsync("/api/reports/2025-26-Q2/exception-report.docx");
        Assert.Equal(docx, graph.Files["2025-26-Q2-exception-report-v1.docx"]);
        Assert.Equal(1, graph.CountOf("GET", $"^/v1.0/teams/{TeamGroup}/channels/{General}/filesFolder$"));
    }

    [Fact]
    public async Task WhenGraphRefusesTheUpload_403_TheCardIsStillPosted_AndStatusSaysWhichPermissionToGrant()
    {
        await StartAsync();
        graph.AddTeam(TeamGroup);
        graph.Fail("GET", "filesFolder$", 403, code: "accessDenied");
        await app!.PostActivityAsync(CspBotApp.TeamInstall(connector.ServiceUrl, General, "Haringey CSP", TeamGroup));

        await PostAsync("/api/admin/jobs/exception-report/run");

        var post = await connector.WaitForAsync(a => a.Json().Contains("2025-26 Q2 exception report"));
        Assert.DoesNotContain("Open in the channel's Files", post.Activity.Json());
        Assert.Contains("Open the report (Word)", post.Activity.Json());
        await app.SendMessageAsync(connector.ServiceUrl, "29:priya", "status", "a:priya");
        var card = (await connector.WaitForAsync(a => a.Json().Contains("Returns for 2025-26 Q2"))).Activity.Json();
        Assert.Contains("The 2025-26 Q2 report (version 1) is not in the channel's Files: Microsoft Graph refused to file the report in the channel's Files (403 accessDenied): grant the app registration the Files.ReadWrite.All application permission", card);
    }
}
