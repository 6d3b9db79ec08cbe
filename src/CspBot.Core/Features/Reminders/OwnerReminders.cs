using CspBot.Core.Domain;
using CspBot.Core.Features.Delegations;
using CspBot.Core.Features.Localisation;
using CspBot.Core.Features.Conversation;
using CspBot.Core.Features.Messaging;
using CspBot.Core.Features.Returns;

namespace CspBot.Core.Features.Reminders;

/// <summary>An owner with items still outstanding (or queried) for a period, and everything they answer for (what their card lists).</summary>
public sealed record LateOwner(Member Member, IReadOnlyList<OwedItem> Outstanding)
{
    public IReadOnlyList<OwedItem> Items { get; init; } = Outstanding;
}

/// <summary>Finds who still owes returns and queues one reminder card each (the list card they can answer in).</summary>
public sealed class OwnerReminders(OwedItems owed, DelegationRules delegations, Outbox outbox, PersonalLanguage languages)
{
    /// <summary>
    /// Every owner (and delegate) with something outstanding, with all they answer for: worked out from one read of
    /// the period's items, so thousands of owners cost a handful of queries, not a handful each.
    /// </summary>
    public async Task<IReadOnlyList<LateOwner>> OutstandingAsync(ReportingPeriod period, CancellationToken cancellationToken)
    {
        var items = await owed.AllAsync(period, cancellationToken);
        var byOwner = items.ToLookup(i => i.OwnerEmail, StringComparer.OrdinalIgnoreCase);
        // A query left unanswered is reminded like a missing return, at the owner's next stage.
        var late = items.Where(i => i.Owes && i.Owner is not null)
            .DistinctBy(i => i.Owner!.Id)
            .Select(i => i.Owner!)
            .ToDictionary(m => m.Id, m => new LateOwner(m, [.. byOwner[m.Email].Where(i => i.Owes)]) { Items = [.. byOwner[m.Email]] });

        // A delegate covering for an away owner is reminded too, with the owner's items added to their own.
        var delegates = await delegations.ActiveByOwnerEmailAsync(cancellationToken);
        foreach (var owner in late.Values.ToList())
        {
            foreach (var deputy in delegates[owner.Member.Email])
            {
                var own = late.TryGetValue(deputy.Id, out var existing) ? existing : new LateOwner(deputy, []) { Items = [.. byOwner[deputy.Email]] };
                late[deputy.Id] = own with
                {
                    Outstanding = [.. own.Outstanding, .. owner.Outstanding],
                    Items = own.Items.Concat(owner.Items).InCardOrder(),
                };
            }
        }

        return late.Values.OrderBy(o => o.Member.Agency).ThenBy(o => o.Member.Name).ToList();
    }

    /// <summary>The keys already queued under <paramref name="prefix"/>, to pass to <see cref="QueueAsync"/>.</summary>
    public Task<HashSet<string>> QueuedAsync(string prefix, CancellationToken cancellationToken) =>
        outbox.KeysStartingWithAsync(prefix, cancellationToken);

    /// <summary>
    /// Queues the owner's card under <paramref name="key"/> unless it is in <paramref name="queued"/>; false when it was.
    /// The card and its <paramref name="heading"/> are written in the owner's language. The caller saves.
    /// </summary>
    public async Task<bool> QueueAsync(string key, string kind, LateOwner owner, PeriodSummary summary, Func<string> heading, ISet<string> queued, CancellationToken cancellationToken)
    {
        if (queued.Contains(key))
        {
            return false;
        }

        using (CultureScope.Use(await languages.ForAsync(owner.Member, null, cancellationToken)))
        {
            var title = heading();
            var card = ReturnCards.List(summary, owner.Items, 0, owner.Member, heading: title);
            return outbox.Enqueue(key, kind, owner.Member.Id, null, BotReply.WithCard(card, title), queued);
        }
    }
}
