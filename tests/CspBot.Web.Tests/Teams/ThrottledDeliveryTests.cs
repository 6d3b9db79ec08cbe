using System.Net.Http.Json;
using CspBot.Core.Domain;
using CspBot.Core.Features.Conversation;
using CspBot.Core.Features.Messaging;
using CspBot.Core.Persistence;
using CspBot.Testing;
using CspBot.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CspBot.Web.Tests.Teams;

/// <summary>
/// The outbox through the real host and Teams adapter against a connector that enforces Teams' limits: a busy
/// conversation is paced so nothing is refused, a 429 is waited out, a block and a vanished chat are recorded.
/// </summary>
public sealed class ThrottledDeliveryTests : IAsyncLifetime
{
    private readonly CspBotApp app = new(seedDemo: false);
    private ThrottlingConnector connector = null!;

    public async Task InitializeAsync() => connector = await ThrottlingConnector.StartAsync();

    public async Task DisposeAsync()
    {
        await connector.DisposeAsync();
        await app.DisposeAsync();
    }

    private async Task<Dictionary<string, int>> AddMembersAsync(params string[] names)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CspDbContext>();
        var members = names.Select(n => new Member { Email = $"{n}@partner.example", Name = n, Agency = "Council", Roles = MemberRoles.Owner, Reachability = Reachability.Reachable }).ToList();
        db.Members.AddRange(members);
        await db.SaveChangesAsync();
        db.Conversations.AddRange(members.Select(m => new StoredConversation
        {
            Kind = ConversationKind.Personal, ConversationId = $"a:{m.Name}", ServiceUrl = connector.ServiceUrl, ChannelId = "msteams",
            TenantId = "tenant-1", BotId = "28:cspbot", MemberId = m.Id, TeamsUserId = $"29:{m.Name}",
        }));
        await db.SaveChangesAsync();
        return members.ToDictionary(m => m.Name, m => m.Id);
    }

    private async Task QueueAsync(int memberId, string key)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CspDbContext>();
        await scope.ServiceProvider.GetRequiredService<Outbox>().EnqueueAsync(key, "reminder", memberId, null, BotReply.Message(key), CancellationToken.None);
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task OutboxRun_PacesABusyChat_WaitsOutA429_AndRecordsBlocksAndVanishedChats()
    {
        var ids = await AddMembersAsync("busy", "throttled", "blocker", "gone");
        for (var i = 0; i < 10; i++)
        {
            await QueueAsync(ids["busy"], $"busy-{i}");
        }

        await QueueAsync(ids["throttled"], "throttled-0");
        await QueueAsync(ids["blocker"], "blocker-0");
        await QueueAsync(ids["gone"], "gone-0");
        connector.FailNext("a:throttled", 429);
        connector.FailNext("a:blocker", 403);
        connector.FailNext("a:gone", 404);

        var run = await (await app.CreateClient().PostAsync("/api/admin/jobs/outbox/run", null)).Content.ReadFromJsonAsync<Dictionary<string, int>>();

        Assert.Equal(11, run!["delivered"]);
        Assert.Equal((10, 1, 0, 0), (connector.DeliveredTo("a:busy"), connector.DeliveredTo("a:throttled"), connector.DeliveredTo("a:blocker"), connector.DeliveredTo("a:gone")));
        Assert.Equal((0, 0), (connector.ConversationThrottled, connector.TenantThrottled));
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CspDbContext>();
        var outbox = await db.Outbox.AsNoTracking().ToDictionaryAsync(o => o.Key);
        Assert.Equal(OutboxStatus.Sent, outbox["throttled-0"].Status);
        Assert.Equal((OutboxStatus.Failed, "the member has blocked the bot"), (outbox["blocker-0"].Status, outbox["blocker-0"].LastError));
        Assert.Equal(OutboxStatus.Failed, outbox["gone-0"].Status);
        Assert.StartsWith("404", outbox["gone-0"].LastError);
        Assert.Equal(Reachability.Blocked, (await db.Members.SingleAsync(m => m.Name == "blocker")).Reachability);
        Assert.Equal(1, scope.ServiceProvider.GetRequiredService<SendThrottle>().Pauses);
    }
}
