using CspBot.Core.Domain;
using CspBot.Core.Features.Delegations;
using CspBot.Core.Features.Conversation;
using CspBot.Core.Features.Messaging;
using CspBot.Core.Features.Returns;
using CspBot.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CspBot.Core.Features.Reminders;

/// <summary>An owner with items still outstanding for a period.</summary>
public sealed record LateOwner(Member Member, IReadOnlyList<OwedItem> Outstanding);

/// <summary>Finds who still owes returns and queues one reminder card each (the list card they can answer in).</summary>
public sealed class OwnerReminders(CspDbContext db, OwedItems owed, MemberItems mine, DelegationRules delegations, Outbox outbox)
{
    public async Task<IReadOnlyList<LateOwner>> OutstandingAsync(ReportingPeriod period, CancellationToken cancellationToken)
    {
        var items = await owed.AllAsync(period, cancellationToken);
        var byOwner = items.Where(i => !i.Returned).GroupBy(i => i.OwnerEmail, StringComparer.OrdinalIgnoreCase).ToList();
        var emails = byOwner.Select(g => g.Key.ToLowerInvariant()).ToList();
        var members = await db.Members.AsNoTracking().Where(m => emails.Contains(m.Email)).ToDictionaryAsync(m => m.Email, StringComparer.OrdinalIgnoreCase, cancellationToken);
        var late = byOwner
            .Where(g => members.ContainsKey(g.Key))
            .ToDictionary(g => members[g.Key].Id, g => new LateOwner(members[g.Key], g.ToList()));

        // A delegate covering for an away owner is reminded too, with the owner's items added to their own.
        var delegates = await delegations.ActiveByOwnerEmailAsync(cancellationToken);
        foreach (var owner in late.Values.ToList())
        {
            foreach (var deputy in delegates[owner.Member.Email])
            {
                late[deputy.Id] = late.TryGetValue(deputy.Id, out var own)
                    ? own with { Outstanding = [.. own.Outstanding, .. owner.Outstanding] }
                    : new LateOwner(deputy, owner.Outstanding);
            }
        }

        return late.Values.OrderBy(o => o.Member.Agency).ThenBy(o => o.Member.Name).ToList();
    }

    /// <summary>Queues the owner's card under <paramref name="key"/>; false when that key was already queued. The caller saves.</summary>
    public async Task<bool> QueueAsync(string key, string kind, LateOwner owner, PeriodSummary summary, string heading, CancellationToken cancellationToken)
    {
        var items = await mine.ForAsync(owner.Member, summary.Period, cancellationToken);
        var card = ReturnCards.List(summary, items, 0, heading: heading);
        return await outbox.EnqueueAsync(key, kind, owner.Member.Id, null, BotReply.WithCard(card, heading), cancellationToken);
    }
}
