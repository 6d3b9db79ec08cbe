using CspBot.Core.Domain;
using CspBot.Core.Features.Conversation;
using CspBot.Core.Features.Messaging;
using CspBot.Core.Features.Returns;
using CspBot.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CspBot.Core.Features.Reminders;

/// <summary>An owner with items still outstanding for a period.</summary>
public sealed record LateOwner(Member Member, IReadOnlyList<OwedItem> Outstanding);

/// <summary>Finds who still owes returns and queues one reminder card each (the list card they can answer in).</summary>
public sealed class OwnerReminders(CspDbContext db, OwedItems owed, Outbox outbox)
{
    public async Task<IReadOnlyList<LateOwner>> OutstandingAsync(ReportingPeriod period, CancellationToken cancellationToken)
    {
        var items = await owed.AllAsync(period, cancellationToken);
        var byOwner = items.Where(i => !i.Returned).GroupBy(i => i.OwnerEmail, StringComparer.OrdinalIgnoreCase).ToList();
        var emails = byOwner.Select(g => g.Key.ToLowerInvariant()).ToList();
        var members = await db.Members.AsNoTracking().Where(m => emails.Contains(m.Email)).ToDictionaryAsync(m => m.Email, StringComparer.OrdinalIgnoreCase, cancellationToken);
        return byOwner
            .Where(g => members.ContainsKey(g.Key))
            .Select(g => new LateOwner(members[g.Key], g.ToList()))
            .OrderBy(o => o.Member.Agency).ThenBy(o => o.Member.Name)
            .ToList();
    }

    /// <summary>Queues the owner's card under <paramref name="key"/>; false when that key was already queued. The caller saves.</summary>
    public async Task<bool> QueueAsync(string key, string kind, LateOwner owner, PeriodSummary summary, string heading, CancellationToken cancellationToken)
    {
        var items = await owed.ForOwnerAsync(owner.Member.Id, summary.Period, cancellationToken);
        var card = ReturnCards.List(summary, items, 0, heading: heading);
        return await outbox.EnqueueAsync(key, kind, owner.Member.Id, null, BotReply.WithCard(card, heading), cancellationToken);
    }
}
