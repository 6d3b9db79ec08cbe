using CspBot.Core.Domain;
using CspBot.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CspBot.Core.Features.Messaging;

public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    public int BatchSize { get; set; } = 50;

    public int MaxAttempts { get; set; } = 8;

    /// <summary>First back-off after a transient failure; doubles per attempt, with ±25% jitter.</summary>
    public TimeSpan BaseBackoff { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a claimed message is hidden from other senders while it is being sent.</summary>
    public TimeSpan ClaimTimeout { get; set; } = TimeSpan.FromMinutes(2);
}

/// <summary>
/// Delivers due outbox messages through <see cref="ITeamsMessenger"/>. Each message is claimed first (an optimistic
/// update of its attempt count), so two senders never deliver the same message; throttling (429 Retry-After) and
/// transient failures reschedule it; a block or a vanished conversation fails it for the officer to see.
/// </summary>
public sealed class OutboxSender(
    CspDbContext db,
    ITeamsMessenger messenger,
    TimeProvider clock,
    IOptions<OutboxOptions> options,
    ILogger<OutboxSender> logger)
{
    private readonly OutboxOptions settings = options.Value;

    /// <summary>Sends every due message; returns how many were delivered.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var delivered = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow();
            var ids = await db.Outbox.AsNoTracking()
                .Where(o => o.Status == OutboxStatus.Pending && o.NextAttemptAt <= now)
                .OrderBy(o => o.Id)
                .Select(o => o.Id)
                .Take(settings.BatchSize)
                .ToListAsync(cancellationToken);
            if (ids.Count == 0)
            {
                break;
            }

            foreach (var id in ids)
            {
                if (await SendOneAsync(id, cancellationToken))
                {
                    delivered++;
                }
            }
        }

        return delivered;
    }

    private async Task<bool> SendOneAsync(long id, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var message = await db.Outbox.FirstOrDefaultAsync(o => o.Id == id && o.Status == OutboxStatus.Pending, cancellationToken);
        var now = clock.GetUtcNow();
        if (message is null || message.NextAttemptAt > now || !await ClaimAsync(message, now, cancellationToken))
        {
            return false;
        }

        var address = await AddressOfAsync(message, cancellationToken);
        if (address is null)
        {
            await FailAsync(message, "not reachable: the app is not installed for this member", Reachability.NotInstalled, cancellationToken);
            return false;
        }

        var result = await messenger.SendAsync(address, Outbox.Deserialise(message.Payload), cancellationToken);
        switch (result.Outcome)
        {
            case SendOutcome.Sent:
                message.Status = OutboxStatus.Sent;
                message.SentAt = clock.GetUtcNow();
                message.SentActivityId = result.ActivityId;
                message.LastError = null;
                await db.SaveChangesAsync(cancellationToken);
                logger.LogInformation("Sent {Kind} {Key} after {Attempts} attempt(s)", message.Kind, message.Key, message.Attempts);
                return true;
            case SendOutcome.Throttled:
                await RescheduleAsync(message, result.RetryAfter ?? Backoff(message.Attempts), "throttled (429)", cancellationToken);
                return false;
            case SendOutcome.TransientFailure:
                await RescheduleAsync(message, Backoff(message.Attempts), result.Error ?? "transient failure", cancellationToken);
                return false;
            case SendOutcome.Blocked:
                await FailAsync(message, "the member has blocked the bot", Reachability.Blocked, cancellationToken);
                return false;
            default:
                await FailAsync(message, result.Error ?? "the conversation no longer exists", null, cancellationToken);
                return false;
        }
    }

    /// <summary>Takes the message for this sender; false when another sender took it first.</summary>
    private async Task<bool> ClaimAsync(OutboxMessage message, DateTimeOffset now, CancellationToken cancellationToken)
    {
        message.Attempts++;
        message.NextAttemptAt = now + settings.ClaimTimeout;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            logger.LogDebug("Outbox message {Key} was claimed by another sender", message.Key);
            return false;
        }
    }

    private async Task<ConversationAddress?> AddressOfAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        if (message.ConversationId is { } conversationId)
        {
            var stored = await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == conversationId, cancellationToken);
            return stored is null ? null : ConversationAddress.From(stored);
        }

        if (message.RecipientMemberId is { } memberId)
        {
            var member = await db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.Id == memberId, cancellationToken);
            if (member?.Reachability == Reachability.Blocked)
            {
                return null;
            }

            var stored = await db.Conversations.AsNoTracking()
                .Where(c => c.MemberId == memberId && c.Kind == ConversationKind.Personal)
                .OrderByDescending(c => c.UpdatedAt)
                .FirstOrDefaultAsync(cancellationToken);
            return stored is null ? null : ConversationAddress.From(stored);
        }

        return null;
    }

    private async Task RescheduleAsync(OutboxMessage message, TimeSpan delay, string error, CancellationToken cancellationToken)
    {
        if (message.Attempts >= settings.MaxAttempts)
        {
            await FailAsync(message, $"gave up after {message.Attempts} attempts: {error}", null, cancellationToken);
            return;
        }

        message.NextAttemptAt = clock.GetUtcNow() + delay;
        message.LastError = error;
        await db.SaveChangesAsync(cancellationToken);
        logger.LogWarning("Delivery of {Key} failed ({Error}); retrying in {Delay}", message.Key, error, delay);
    }

    private async Task FailAsync(OutboxMessage message, string error, Reachability? reachability, CancellationToken cancellationToken)
    {
        message.Status = OutboxStatus.Failed;
        message.LastError = error;
        if (reachability is { } value && message.RecipientMemberId is { } memberId
            && await db.Members.FirstOrDefaultAsync(m => m.Id == memberId, cancellationToken) is { } member
            && member.Reachability != Reachability.Blocked)
        {
            member.Reachability = value;
        }

        await db.SaveChangesAsync(cancellationToken);
        logger.LogWarning("Gave up on {Kind} {Key}: {Error}", message.Kind, message.Key, error);
    }

    private TimeSpan Backoff(int attempts)
    {
        var exponential = settings.BaseBackoff.TotalMilliseconds * Math.Pow(2, Math.Max(0, attempts - 1));
        var jitter = 0.75 + (Random.Shared.NextDouble() * 0.5);
        return TimeSpan.FromMilliseconds(Math.Min(exponential * jitter, TimeSpan.FromHours(1).TotalMilliseconds));
    }
}
