using CspBot.Core.Domain;
using CspBot.Core.Features.Conversation;
using CspBot.Core.Features.Messaging;
using CspBot.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CspBot.Core.Tests.Messaging;

/// <summary>The throttled sender with several recipients: tenant pauses, per-conversation limits, permanent failures, retries.</summary>
public sealed class OutboxSenderTests : IDisposable
{
    private const int Owners = 5;
    private readonly string file = Path.Combine(Path.GetTempPath(), $"cspbot-sender-{Guid.NewGuid():N}.db");
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
    private readonly ScriptedMessenger messenger;

    public OutboxSenderTests()
    {
        messenger = new ScriptedMessenger(clock);
        using var db = CreateContext();
        db.Database.Migrate();
        for (var i = 0; i < Owners; i++)
        {
            var member = new Member { Email = $"owner{i}@partner.example", Name = $"Owner {i}", Agency = "Council", Roles = MemberRoles.Owner, Reachability = Reachability.Reachable };
            db.Members.Add(member);
            db.SaveChanges();
            db.Conversations.Add(new StoredConversation { Kind = ConversationKind.Personal, ConversationId = $"a:owner{i}", ServiceUrl = "http://connector/", ChannelId = "msteams", MemberId = member.Id });
        }

        db.SaveChanges();
    }

    private CspDbContext CreateContext() =>
        new SqliteCspDbContext(new DbContextOptionsBuilder<SqliteCspDbContext>().UseSqlite($"Data Source={file}").Options);

    /// <summary>Queues <paramref name="perOwner"/> messages to each owner, with text "owner{i} #{n}".</summary>
    private async Task EnqueueAsync(int perOwner)
    {
        await using var db = CreateContext();
        var outbox = new Outbox(db, clock);
        foreach (var member in await db.Members.OrderBy(m => m.Id).ToListAsync())
        {
            for (var n = 0; n < perOwner; n++)
            {
                var text = $"{member.Email.Split('@')[0]} #{n}";
                await outbox.EnqueueAsync(text, "reminder", member.Id, null, BotReply.Message(text), CancellationToken.None);
            }
        }

        await db.SaveChangesAsync();
    }

    private async Task<int> SendAsync(SendThrottle throttle, OutboxOptions? settings = null)
    {
        var run = Task.Run(async () =>
        {
            await using var db = CreateContext();
            var sender = new OutboxSender(db, messenger, throttle, clock, Options.Create(settings ?? new OutboxOptions()), NullLogger<OutboxSender>.Instance);
            return await sender.SendDueAsync(CancellationToken.None);
        });
        while (!run.IsCompleted)
        {
            await Task.Delay(1);
            clock.Advance(TimeSpan.FromMilliseconds(50));
        }

        return await run;
    }

    private SendThrottle NewThrottle() => new(clock, Options.Create(new OutboxOptions()));

    private List<OutboxMessage> Messages()
    {
        using var db = CreateContext();
        return db.Outbox.AsNoTracking().OrderBy(o => o.Id).ToList();
    }

    [Fact]
    public async Task A429_PausesEveryConversationForItsRetryAfter()
    {
        await EnqueueAsync(perOwner: 2);
        messenger.NextFor["a:owner0"] = new([new SendResult(SendOutcome.Throttled, RetryAfter: TimeSpan.FromSeconds(10))]);

        // One worker, so which sends come after the 429 is certain; SendThrottleTests covers concurrent waiters.
        Assert.Equal(2 * Owners, await SendAsync(NewThrottle(), new OutboxOptions { MaxConcurrency = 1 }));

        var log = messenger.Log.ToList();
        var throttled = log.Single(l => l.Outcome == SendOutcome.Throttled);
        var after = log.SkipWhile(l => l != throttled).Skip(1).ToList();
        Assert.Equal(2 * Owners, after.Count);
        Assert.Contains(after, l => l.ConversationId != "a:owner0");
        Assert.All(after, l => Assert.True(l.At - throttled.At >= TimeSpan.FromSeconds(10), $"{l.ConversationId} sent {l.At - throttled.At} after the 429"));
    }

    [Fact]
    public async Task PermanentFailures_AreRecordedPerRecipient_AndNeverRetried()
    {
        await EnqueueAsync(perOwner: 1);
        messenger.NextFor["a:owner0"] = new([new SendResult(SendOutcome.Gone, Error: "404: ConversationNotFound")]);
        messenger.NextFor["a:owner1"] = new([new SendResult(SendOutcome.Blocked, Error: "403: MessageWritesBlocked")]);
        var throttle = NewThrottle();

        Assert.Equal(Owners - 2, await SendAsync(throttle));
        clock.Advance(TimeSpan.FromHours(3));
        Assert.Equal(0, await SendAsync(throttle));

        var messages = Messages();
        Assert.Equal((OutboxStatus.Failed, "404: ConversationNotFound"), (messages[0].Status, messages[0].LastError));
        Assert.Equal((OutboxStatus.Failed, "the member has blocked the bot"), (messages[1].Status, messages[1].LastError));
        Assert.All(messages.Skip(2), m => Assert.Equal(OutboxStatus.Sent, m.Status));
        Assert.Equal(1, messenger.Log.Count(l => l.ConversationId == "a:owner0"));
        Assert.Equal(1, messenger.Log.Count(l => l.ConversationId == "a:owner1"));
        await using var db = CreateContext();
        Assert.Equal(Reachability.Blocked, db.Members.Single(m => m.Email == "owner1@partner.example").Reachability);
        Assert.Equal(Reachability.Reachable, db.Members.Single(m => m.Email == "owner0@partner.example").Reachability);
    }

    [Fact]
    public async Task OneConversation_IsSentToWithinTeamsLimits()
    {
        await EnqueueAsync(perOwner: 12);

        Assert.Equal(12 * Owners, await SendAsync(NewThrottle()));

        foreach (var conversation in messenger.Log.GroupBy(l => l.ConversationId))
        {
            var times = conversation.Select(l => l.At).Order().ToList();
            Assert.True(MostWithin(times, TimeSpan.FromSeconds(1)) <= 7, $"{conversation.Key}: more than 7 in a second");
            Assert.True(MostWithin(times, TimeSpan.FromSeconds(2)) <= 8, $"{conversation.Key}: more than 8 in two seconds");
        }
    }

    [Fact]
    public async Task TwoSendersWith429sAnd503s_DeliverEveryMessageExactlyOnce()
    {
        await EnqueueAsync(perOwner: 10);
        for (var i = 0; i < Owners; i++)
        {
            messenger.NextFor[$"a:owner{i}"] = new(i % 2 == 0
                ? [new SendResult(SendOutcome.Throttled, RetryAfter: TimeSpan.FromSeconds(1)), new SendResult(SendOutcome.TransientFailure, Error: "503")]
                : [new SendResult(SendOutcome.TransientFailure, Error: "502"), new SendResult(SendOutcome.TransientFailure, Error: "412")]);
        }

        messenger.Delay = TimeSpan.FromMilliseconds(2);
        var throttle = NewThrottle();
        var counts = await Task.WhenAll(SendAsync(throttle), SendAsync(throttle));

        Assert.Equal(10 * Owners, counts.Sum());
        var delivered = messenger.Log.Where(l => l.Outcome == SendOutcome.Sent).Select(l => l.Text).ToList();
        Assert.Equal(10 * Owners, delivered.Count);
        Assert.Equal(delivered.Count, delivered.Distinct().Count());
        Assert.All(Messages(), m => Assert.Equal(OutboxStatus.Sent, m.Status));
    }

    private static int MostWithin(List<DateTimeOffset> sorted, TimeSpan window)
    {
        var most = 0;
        for (int start = 0, end = 0; end < sorted.Count; end++)
        {
            while (sorted[end] - sorted[start] >= window)
            {
                start++;
            }

            most = Math.Max(most, end - start + 1);
        }

        return most;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(file);
    }
}
