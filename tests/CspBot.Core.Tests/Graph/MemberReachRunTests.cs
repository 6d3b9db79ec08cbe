using CspBot.Core.Domain;
using CspBot.Core.Features.Graph;
using CspBot.Core.Features.Messaging;
using CspBot.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CspBot.Core.Tests.Graph;

/// <summary>The member-reach run's decisions, against a real database and a scripted Graph.</summary>
public sealed class MemberReachRunTests : IDisposable
{
    private readonly TestDatabase database = new();
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2025, 10, 20, 7, 30, 0, TimeSpan.Zero));
    private readonly ScriptedGraph graph = new();

    public MemberReachRunTests()
    {
        using var db = database.CreateContext();
        db.Members.AddRange(
            new Member { Email = "priya.shah@council.example", Name = "Priya Shah", Agency = "Haringey Council", Roles = MemberRoles.Officer, EntraObjectId = "priya-id", Reachability = Reachability.Reachable },
            new Member { Email = "mark.reid@met.police.example", Name = "DI Mark Reid", Agency = "Metropolitan Police", Roles = MemberRoles.Owner },
            new Member { Email = "ruth.adeyemi@probation.example", Name = "Ruth Adeyemi", Agency = "Probation", Roles = MemberRoles.Owner },
            new Member { Email = "grace.okoye@nhs.example", Name = "Grace Okoye", Agency = "Health (NHS)", Roles = MemberRoles.Owner, Reachability = Reachability.Blocked, EntraObjectId = "grace-id" });
        db.SaveChanges();
        db.Conversations.Add(new StoredConversation
        {
            Kind = ConversationKind.Personal, ConversationId = "a:priya", ServiceUrl = "https://smba.trafficmanager.net/emea/", ChannelId = "msteams",
            MemberId = db.Members.Single(m => m.Email == "priya.shah@council.example").Id, BotId = "28:cspbot", BotName = "CSP Bot", TenantId = "tenant-1",
        });
        db.SaveChanges();
    }

    public void Dispose() => database.Dispose();

    private async Task<MemberReachResult> RunAsync(GraphOptions? options = null)
    {
        await using var db = database.CreateContext();
        var settings = options ?? new GraphOptions { Enabled = true, TenantId = "tenant-1", TeamsAppCatalogId = "catalog-app" };
        var conversations = new ConversationBook(db, clock, NullLogger<ConversationBook>.Instance);
        return await new MemberReachRun(db, graph, conversations, Options.Create(settings), clock, NullLogger<MemberReachRun>.Instance).RunAsync(CancellationToken.None);
    }

    private Member MemberNamed(string email)
    {
        using var db = database.CreateContext();
        return db.Members.AsNoTracking().Single(m => m.Email == email);
    }

    [Fact]
    public async Task WithGraphOff_NothingIsAskedOfGraph_AndTheAnswerSaysGraphIsOff()
    {
        var result = await RunAsync(new GraphOptions { Enabled = false });

        Assert.False(result.GraphOn);
        Assert.Empty(graph.Calls);
        Assert.Equal(DirectoryStatus.NotChecked, MemberNamed("mark.reid@met.police.example").DirectoryStatus);
    }

    [Theory]
    [InlineData("https://smba.trafficmanager.net/uk/", true, "https://smba.trafficmanager.net/uk/")]
    [InlineData(null, false, GraphOptions.DefaultBotServiceUrl)]
    public async Task ChatsCreatedByInstalling_UseTheConfiguredBotConnector_ElseTheGlobalOneWhenTeamsHasSentNone(string? configured, bool keepKnownChats, string expected)
    {
        if (!keepKnownChats)
        {
            await using var db = database.CreateContext();
            await db.Conversations.ExecuteDeleteAsync();
        }

        graph.Users["mark.reid@met.police.example"] = new DirectoryUser("mark-id", "DI Mark Reid", "mark.reid@met.police.example", "mark.reid@met.police.example", false);

        await RunAsync(new GraphOptions { Enabled = true, TenantId = "tenant-1", TeamsAppCatalogId = "catalog-app", BotServiceUrl = configured, BotId = "28:cspbot" });

        await using var check = database.CreateContext();
        var chat = await check.Conversations.AsNoTracking().SingleAsync(c => c.ConversationId == "19:mark-id_catalog-app@unq.gbl.spaces");
        Assert.Equal(expected, chat.ServiceUrl);
    }

    [Fact]
    public async Task MembersAlreadyReachableOrBlocked_AreLeftAlone_OthersAreLookedUpAndInstalledFor()
    {
        graph.Users["mark.reid@met.police.example"] = new DirectoryUser("mark-id", "DI Mark Reid", "mark.reid@met.police.example", "mark.reid_met.police.example#EXT#@council.onmicrosoft.com", true);

        var result = await RunAsync();

        Assert.Equal(["find mark.reid@met.police.example", "install mark-id", "chat mark-id", "find ruth.adeyemi@probation.example"], graph.Calls);
        Assert.Equal(["mark.reid@met.police.example"], result.Installed);
        Assert.Equal(["ruth.adeyemi@probation.example"], result.NotFound);
        await using var db = database.CreateContext();
        var chat = await db.Conversations.AsNoTracking().Include(c => c.Member).SingleAsync(c => c.ConversationId == "19:mark-id_catalog-app@unq.gbl.spaces");
        // Reached through the Bot Connector Teams last sent the bot (the tenant's region), as the bot Teams addressed.
        Assert.Equal(("mark.reid@met.police.example", ConversationKind.Personal, "https://smba.trafficmanager.net/emea/", "28:cspbot", "tenant-1"),
            (chat.Member!.Email, chat.Kind, chat.ServiceUrl, chat.BotId, chat.TenantId));
        Assert.Equal(Reachability.Reachable, MemberNamed("mark.reid@met.police.example").Reachability);
        var ruth = MemberNamed("ruth.adeyemi@probation.example");
        Assert.Equal((DirectoryStatus.NotFound, clock.GetUtcNow()), (ruth.DirectoryStatus, ruth.ReachCheckedAt));
        Assert.StartsWith("not found in the directory", ruth.ReachIssue);
    }

    [Fact]
    public async Task WhenGraphStillThrottlesAfterRetrying_TheRunStops_AndTheRestWaitForTheNextRun()
    {
        graph.Failure = new GraphCallException(GraphFailure.Throttled, 429, "TooManyRequests", "throttled");

        var result = await RunAsync();

        Assert.Equal(["find mark.reid@met.police.example"], graph.Calls);
        Assert.StartsWith("Microsoft Graph is throttling the app (429 TooManyRequests)", Assert.Single(result.Problems));
        Assert.Null(MemberNamed("ruth.adeyemi@probation.example").ReachCheckedAt);
    }

    [Fact]
    public async Task WhenGraphRefusesToLookUsersUp_ItIsAskedOnce_AndEveryoneLeftIsMarkedWithThePermissionToGrant()
    {
        graph.Failure = new GraphCallException(GraphFailure.Forbidden, 403, "Authorization_RequestDenied", "Insufficient privileges");

        var result = await RunAsync();

        Assert.Equal(["find mark.reid@met.police.example"], graph.Calls);
        Assert.Equal(4, result.Checked);
        Assert.Contains("User.Read.All", Assert.Single(result.Problems));
        Assert.Contains("User.Read.All", MemberNamed("ruth.adeyemi@probation.example").ReachIssue);
        Assert.Equal(DirectoryStatus.NotChecked, MemberNamed("ruth.adeyemi@probation.example").DirectoryStatus);
    }

    private sealed class ScriptedGraph : IGraphGateway
    {
        public Dictionary<string, DirectoryUser> Users { get; } = new(StringComparer.OrdinalIgnoreCase);

        public List<string> Calls { get; } = [];

        public GraphCallException? Failure { get; set; }

        public Task<UserLookup> FindUserAsync(string email, CancellationToken cancellationToken)
        {
            Calls.Add($"find {email}");
            return Failure is { } failure
                ? Task.FromException<UserLookup>(failure)
                : Task.FromResult(Users.TryGetValue(email, out var user) ? new UserLookup([user], "mail") : UserLookup.NotFound);
        }

        public Task<bool> InstallAppForUserAsync(string userId, string teamsAppId, CancellationToken cancellationToken)
        {
            Calls.Add($"install {userId}");
            return Task.FromResult(true);
        }

        public Task<string> PersonalChatIdAsync(string userId, string teamsAppId, CancellationToken cancellationToken)
        {
            Calls.Add($"chat {userId}");
            return Task.FromResult($"19:{userId}_{teamsAppId}@unq.gbl.spaces");
        }

        public Task<IReadOnlyList<DirectoryUser>> TeamMembersAsync(string teamId, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<FiledDocument> UploadToChannelAsync(string teamId, string channelId, string fileName, byte[] content, CancellationToken cancellationToken) =>
            throw new NotSupportedException();
    }
}
