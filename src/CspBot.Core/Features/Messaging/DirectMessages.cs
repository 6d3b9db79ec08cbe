using CspBot.Core.Domain;
using CspBot.Core.Features.Conversation;
using CspBot.Core.Persistence;
using Hangfire;

namespace CspBot.Core.Features.Messaging;

/// <summary>A message to one member's personal chat, through the outbox (so it waits for the app to be reachable).</summary>
public sealed class DirectMessages(CspDbContext db, Outbox outbox, IBackgroundJobClient jobs)
{
    /// <summary>Queues the message under a unique key and starts delivery; false when that key was queued before.</summary>
    public async Task<bool> SendAsync(Member member, string key, string kind, BotReply message, CancellationToken cancellationToken)
    {
        if (!await outbox.EnqueueAsync(key, kind, member.Id, null, message, cancellationToken))
        {
            return false;
        }

        await db.SaveChangesAsync(cancellationToken);
        jobs.Enqueue<OutboxJob>(job => job.SendDueAsync(CancellationToken.None));
        return true;
    }
}
