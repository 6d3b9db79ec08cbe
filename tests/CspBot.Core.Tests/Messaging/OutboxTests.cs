using CspBot.Core.Domain;
using CspBot.Core.Features.Conversation;
using CspBot.Core.Features.Messaging;
using CspBot.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CspBot.Core.Tests.Messaging;

public sealed class OutboxTests : IDisposable
{
    private readonly string file = Path.Combine(Path.GetTempPath(), $"cspbot-outbox-{Guid.NewGuid():N}.db");
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
    private readonly ScriptedMessenger messenger;
    private readonly IOptions<OutboxOptions> options = Options.Create(new OutboxOptions());
    private readonly SendThrottle throttle;

    public OutboxTests()
    {
        messenger = new ScriptedMessenger(clock);
        throttle = new SendThrottle(clock, options);
        using var db = CreateContext();
        db.Database.Migrate();
        var mark = new Member { Email = "mark.reid@met.police.example", Name = "DI Mark Reid", Agency = "Metropolitan Police", Roles = MemberRoles.Owner, Reachability = Reachability.Reachable };
        var ruth = new Member { Email = "ruth.adeyemi@probation.example", Name = "Ruth Adeyemi", Agency = "Probation", Roles = MemberRoles.Owner };
        db.Members.AddRange(mark, ruth);
        db.SaveChanges();
        db.Conversations.Add(new StoredConversation { Kind = ConversationKind.Personal, ConversationId = "a:mark", ServiceUrl = "http://connector/", ChannelId = "msteams", MemberId = mark.Id, TeamsUserId = "29:mark" });
        db.SaveChanges();
    }

    private CspDbContext CreateContext() =>
        new SqliteCspDbContext(new DbContextOptionsBuilder<SqliteCspDbContext>().UseSqlite($"Data Source={file}").Options);

    private int MemberId(string email)
    {
        using var db = CreateContext();
        return db.Members.Single(m => m.Email == email).Id;
    }

    private async Task<bool> EnqueueAsync(string key, string email)
    {
        await using var db = CreateContext();
        var added = await new Outbox(db, clock).EnqueueAsync(key, "reminder", MemberId(email), null, BotReply.Message("Your returns are due"), CancellationToken.None);
        await db.SaveChangesAsync();
        return added;
    }

    /// <summary>Runs a sender to completion, moving the fake clock on while it waits (for the throttle, Retry-After or a back-off).</summary>
    private async Task<int> SendAsync()
    {
        var run = Task.Run(async () =>
        {
            await using var db = CreateContext();
            var sender = new OutboxSender(db, messenger, throttle, clock, options, NullLogger<OutboxSender>.Instance);
            return await sender.SendDueAsync(CancellationToken.None);
        });
        while (!run.IsCompleted)
        {
            await Task.Delay(1);
            clock.Advance(TimeSpan.FromMilliseconds(50));
        }

        return await run;
    }

    private OutboxMessage Message(string key)
    {
        using var db = CreateContext();
        return db.Outbox.Single(o => o.Key == key);
    }

    [Fact]
    public async Task Enqueue_SameKeyTwice_QueuesOnce()
    {
        Assert.True(await EnqueueAsync("reminder:mark:2025-26-Q3:-10", "mark.reid@met.police.example"));
        Assert.False(await EnqueueAsync("reminder:mark:2025-26-Q3:-10", "mark.reid@met.police.example"));

        await using var db = CreateContext();
        Assert.Equal(1, await db.Outbox.CountAsync());
    }

    [Fact]
    public async Task SendDue_Pending_DeliversOnceAndMarksSent()
    {
        await EnqueueAsync("k1", "mark.reid@met.police.example");

        Assert.Equal(1, await SendAsync());
        Assert.Equal(0, await SendAsync());

        Assert.Equal(["a:mark"], messenger.Delivered.Select(d => d.ConversationId));
        var sent = Message("k1");
        Assert.Equal(OutboxStatus.Sent, sent.Status);
        Assert.InRange(sent.SentAt!.Value, messenger.Log.Single().At, clock.GetUtcNow());
        Assert.Equal("activity-1", sent.SentActivityId);
    }

    [Fact]
    public async Task SendDue_Throttled_WaitsForRetryAfterThenDeliversInTheSameRun()
    {
        await EnqueueAsync("k1", "mark.reid@met.police.example");
        messenger.Next.Enqueue(new SendResult(SendOutcome.Throttled, RetryAfter: TimeSpan.FromSeconds(30)));

        Assert.Equal(1, await SendAsync());

        var tries = messenger.Log.ToList();
        Assert.Equal(2, tries.Count);
        Assert.True(tries[1].At - tries[0].At >= TimeSpan.FromSeconds(30), $"retried after {tries[1].At - tries[0].At}");
        Assert.Single(messenger.Delivered);
        Assert.Equal(1, Message("k1").Attempts);
    }

    [Fact]
    public async Task SendDue_TransientFailuresBeyondMaxAttempts_FailsWithReason()
    {
        await EnqueueAsync("k1", "mark.reid@met.police.example");
        for (var i = 0; i < 8; i++)
        {
            messenger.Next.Enqueue(new SendResult(SendOutcome.TransientFailure, Error: "503"));
        }

        for (var i = 0; i < 8; i++)
        {
            await SendAsync();
            clock.Advance(TimeSpan.FromHours(2));
        }

        var failed = Message("k1");
        Assert.Equal(OutboxStatus.Failed, failed.Status);
        Assert.Equal("gave up after 8 attempts: 503", failed.LastError);
        Assert.Empty(messenger.Delivered);
    }

    [Fact]
    public async Task SendDue_Blocked_FailsAndMarksMemberBlocked_AndStopsSendingToThem()
    {
        await EnqueueAsync("k1", "mark.reid@met.police.example");
        await EnqueueAsync("k2", "mark.reid@met.police.example");
        messenger.Next.Enqueue(new SendResult(SendOutcome.Blocked, Error: "MessageWritesBlocked"));

        await SendAsync();

        Assert.Equal(OutboxStatus.Failed, Message("k1").Status);
        Assert.Equal(OutboxStatus.Failed, Message("k2").Status);
        Assert.Equal(1, messenger.Attempts);
        await using var db = CreateContext();
        Assert.Equal(Reachability.Blocked, db.Members.Single(m => m.Email == "mark.reid@met.police.example").Reachability);
    }

    [Fact]
    public async Task SendDue_MemberWithoutConversation_FailsAsNotInstalled()
    {
        await EnqueueAsync("k1", "ruth.adeyemi@probation.example");

        await SendAsync();

        Assert.Equal("not reachable: the app is not installed for this member", Message("k1").LastError);
        Assert.Equal(0, messenger.Attempts);
    }

    [Fact]
    public async Task SendDue_TwoSendersAtOnce_DeliverEachMessageOnce()
    {
        for (var i = 0; i < 20; i++)
        {
            await EnqueueAsync($"k{i}", "mark.reid@met.police.example");
        }

        messenger.Delay = TimeSpan.FromMilliseconds(5);
        var counts = await Task.WhenAll(Task.Run(SendAsync), Task.Run(SendAsync));

        Assert.Equal(20, counts.Sum());
        Assert.Equal(20, messenger.Delivered.Count);
    }

    [Fact]
    public async Task SendDue_AfterASenderCrashedMidSend_ResendsOnlyOnceTheClaimExpires()
    {
        await EnqueueAsync("k1", "mark.reid@met.police.example");
        await using (var db = CreateContext())
        {
            // What a crash between claiming and recording the result leaves behind.
            var claimed = await db.Outbox.SingleAsync();
            claimed.Attempts = 1;
            claimed.NextAttemptAt = clock.GetUtcNow() + new OutboxOptions().ClaimTimeout;
            await db.SaveChangesAsync();
        }

        Assert.Equal(0, await SendAsync());
        clock.Advance(new OutboxOptions().ClaimTimeout);
        Assert.Equal(1, await SendAsync());
        Assert.Equal(0, await SendAsync());

        Assert.Single(messenger.Delivered);
        Assert.Equal(2, Message("k1").Attempts);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(file);
    }
}
