using CspBot.Core.Domain;
using CspBot.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CspBot.Core.Features.Messaging;

/// <summary>A message this sender has claimed, with where it goes (null: nowhere the bot can reach).</summary>
internal sealed record ClaimedMessage(long Id, string Key, string Kind, int? MemberId, string Payload, int ClaimedAttempts, DateTimeOffset ClaimedUntil, ConversationAddress? Address, bool MemberBlocked);

/// <summary>What became of a claimed message; written back in batches.</summary>
internal sealed record DeliveryOutcome(ClaimedMessage Message, int Attempts, OutboxStatus Status, DateTimeOffset? NextAttemptAt = null, DateTimeOffset? SentAt = null, string? ActivityId = null, string? Error = null, Reachability? Reachability = null)
{
    /// <summary>Handed back unsent (a long wait ahead): not an attempt.</summary>
    public bool Released { get; init; }
}

/// <summary>
/// The outbox's database side for <see cref="OutboxSender"/>: reads due messages a page at a time (never the whole
/// table), claims them with one conditional update each in one transaction, and records outcomes in batches.
/// </summary>
internal sealed class OutboxLedger(CspDbContext db, OutboxOptions settings)
{
    /// <summary>Claims up to a page of due messages after <paramref name="afterId"/>; returns them and the last id read (0 when none).</summary>
    public async Task<(List<ClaimedMessage> Claimed, long LastId)> ClaimPageAsync(long afterId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var rows = await db.Outbox.AsNoTracking()
            .Where(o => o.Status == OutboxStatus.Pending && o.NextAttemptAt <= now && o.Id > afterId)
            .OrderBy(o => o.Id)
            .Take(settings.BatchSize)
            .Select(o => new { o.Id, o.Key, o.Kind, o.RecipientMemberId, o.ConversationId, o.Attempts, o.Payload })
            .ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return ([], 0);
        }

        var until = now + settings.ClaimTimeout;
        var claimedIds = await InTransactionAsync(async () =>
        {
            var ids = new HashSet<long>();
            foreach (var row in rows)
            {
                // The attempt count is the claim token: another sender that read the same row loses here.
                var updated = await db.Outbox
                    .Where(o => o.Id == row.Id && o.Attempts == row.Attempts && o.Status == OutboxStatus.Pending && o.NextAttemptAt <= now)
                    .ExecuteUpdateAsync(s => s.SetProperty(o => o.Attempts, row.Attempts + 1).SetProperty(o => o.NextAttemptAt, until), cancellationToken);
                if (updated == 1)
                {
                    ids.Add(row.Id);
                }
            }

            return ids;
        }, cancellationToken);

        var claimed = rows.Where(r => claimedIds.Contains(r.Id)).ToList();
        var conversationIds = claimed.Where(r => r.ConversationId is not null).Select(r => r.ConversationId!.Value).Distinct().ToList();
        var memberIds = claimed.Where(r => r.ConversationId is null && r.RecipientMemberId is not null).Select(r => r.RecipientMemberId!.Value).Distinct().ToList();
        var conversations = await db.Conversations.AsNoTracking().Where(c => conversationIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        var blocked = (await db.Members.AsNoTracking().Where(m => memberIds.Contains(m.Id) && m.Reachability == Reachability.Blocked).Select(m => m.Id).ToListAsync(cancellationToken)).ToHashSet();
        var personal = (await db.Conversations.AsNoTracking()
                .Where(c => c.MemberId != null && memberIds.Contains(c.MemberId.Value) && c.Kind == ConversationKind.Personal)
                .ToListAsync(cancellationToken))
            .GroupBy(c => c.MemberId!.Value)
            .ToDictionary(g => g.Key, g => g.MaxBy(c => c.UpdatedAt)!);

        ConversationAddress? AddressOf(int? conversationId, int? memberId) =>
            conversationId is { } cid ? (conversations.TryGetValue(cid, out var c) ? ConversationAddress.From(c) : null)
            : memberId is { } mid && !blocked.Contains(mid) && personal.TryGetValue(mid, out var p) ? ConversationAddress.From(p)
            : null;

        return (claimed.Select(r => new ClaimedMessage(
                r.Id, r.Key, r.Kind, r.RecipientMemberId, r.Payload, r.Attempts + 1, until,
                AddressOf(r.ConversationId, r.RecipientMemberId), r.RecipientMemberId is { } m && blocked.Contains(m)))
            .ToList(), rows[^1].Id);
    }

    /// <summary>Writes outcomes in one transaction; returns those whose claim had been lost meanwhile (nothing written for them).</summary>
    public async Task<List<DeliveryOutcome>> RecordAsync(IReadOnlyList<DeliveryOutcome> outcomes, CancellationToken cancellationToken)
    {
        return await InTransactionAsync(async () =>
        {
            var lost = new List<DeliveryOutcome>();
            foreach (var outcome in outcomes)
            {
                var message = outcome.Message;
                var mine = db.Outbox.Where(o => o.Id == message.Id && o.Attempts == message.ClaimedAttempts);
                var attempts = outcome.Released ? message.ClaimedAttempts - 1 : outcome.Attempts;
                var updated = outcome.Status switch
                {
                    OutboxStatus.Sent => await mine.ExecuteUpdateAsync(
                        s => s.SetProperty(o => o.Status, OutboxStatus.Sent).SetProperty(o => o.SentAt, outcome.SentAt)
                            .SetProperty(o => o.SentActivityId, outcome.ActivityId).SetProperty(o => o.LastError, (string?)null)
                            .SetProperty(o => o.Attempts, attempts),
                        cancellationToken),
                    OutboxStatus.Held => await HoldOrRedirectAsync(mine, message, attempts, outcome.Error, cancellationToken),
                    OutboxStatus.Failed => await mine.ExecuteUpdateAsync(
                        s => s.SetProperty(o => o.Status, OutboxStatus.Failed).SetProperty(o => o.LastError, Truncate(outcome.Error))
                            .SetProperty(o => o.Attempts, attempts),
                        cancellationToken),
                    _ when outcome.Released => await mine.ExecuteUpdateAsync(
                        s => s.SetProperty(o => o.NextAttemptAt, outcome.NextAttemptAt!.Value).SetProperty(o => o.Attempts, attempts),
                        cancellationToken),
                    _ => await mine.ExecuteUpdateAsync(
                        s => s.SetProperty(o => o.NextAttemptAt, outcome.NextAttemptAt!.Value)
                            .SetProperty(o => o.LastError, Truncate(outcome.Error)).SetProperty(o => o.Attempts, attempts),
                        cancellationToken),
                };
                if (updated == 0)
                {
                    lost.Add(outcome);
                }

                if (outcome.Reachability is { } reachability && message.MemberId is { } memberId)
                {
                    // A block stays recorded until the member writes to the bot again.
                    await db.Members.Where(m => m.Id == memberId && m.Reachability != Reachability.Blocked)
                        .ExecuteUpdateAsync(s => s.SetProperty(m => m.Reachability, reachability), cancellationToken);
                }
            }

            return lost;
        }, cancellationToken);
    }

    /// <summary>
    /// A channel post its conversation refused as gone: re-addressed to the partnership's channel when that is another one
    /// still working (an officer chose it while this was on its way), otherwise held for the next one.
    /// </summary>
    private async Task<int> HoldOrRedirectAsync(IQueryable<OutboxMessage> mine, ClaimedMessage message, int attempts, string? error, CancellationToken cancellationToken)
    {
        var chosen = await db.Partnerships.AsNoTracking().OrderBy(p => p.Id).Select(p => p.ChannelConversationId).FirstOrDefaultAsync(cancellationToken);
        var working = chosen is null || chosen == message.Address?.ConversationId
            ? null
            : await db.Conversations.AsNoTracking().Where(c => c.ConversationId == chosen && c.GoneAt == null).Select(c => (int?)c.Id).FirstOrDefaultAsync(cancellationToken);
        return working is { } target
            ? await mine.ExecuteUpdateAsync(
                s => s.SetProperty(o => o.ConversationId, target).SetProperty(o => o.NextAttemptAt, message.ClaimedUntil - settings.ClaimTimeout)
                    .SetProperty(o => o.LastError, Truncate(error)).SetProperty(o => o.Attempts, attempts),
                cancellationToken)
            : await mine.ExecuteUpdateAsync(
                s => s.SetProperty(o => o.Status, OutboxStatus.Held).SetProperty(o => o.ConversationId, (int?)null)
                    .SetProperty(o => o.LastError, Truncate(error)).SetProperty(o => o.Attempts, attempts),
                cancellationToken);
    }

    private async Task<T> InTransactionAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var result = await work();
            await transaction.CommitAsync(ct);
            return result;
        }, cancellationToken);
    }

    private static string? Truncate(string? error) => error is { Length: > 2000 } ? error[..2000] : error;
}
