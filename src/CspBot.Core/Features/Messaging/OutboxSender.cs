using System.Collections.Concurrent;
using System.Threading.Channels;
using CspBot.Core.Domain;
using CspBot.Core.Persistence;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CspBot.Core.Features.Messaging;

/// <summary>
/// Delivers due outbox messages through <see cref="ITeamsMessenger"/>, as fast as Teams allows and no faster. One
/// reader streams due messages a page at a time and claims them (an update conditional on the attempt count, so two
/// senders never both send one); <see cref="OutboxOptions.MaxConcurrency"/> workers send them, each waiting for its
/// slot in the <see cref="SendThrottle"/>, one at a time per conversation; one writer records the outcomes in batches.
/// 429 pauses every sender for its Retry-After; 412/5xx back off with jitter; a block or a vanished conversation fails
/// the message, recorded against the member, and is never retried, except a channel post, which goes to the
/// partnership's channel when that works, or else is held until one does.
/// </summary>
public sealed class OutboxSender(
    CspDbContext db,
    ITeamsMessenger messenger,
    SendThrottle throttle,
    TimeProvider clock,
    IOptions<OutboxOptions> options,
    ILogger<OutboxSender> logger)
{
    private readonly OutboxOptions settings = options.Value;

    /// <summary>Sends every due message; returns how many were delivered.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken) => (await SendDueAsync(null, cancellationToken)).Delivered;

    /// <summary>
    /// Sends every due message in this instance's <see cref="OutboxTurn"/>, so that several instances together keep to
    /// the tenant's rate; returns how many were delivered (0 when another run here is already waiting to send).
    /// </summary>
    public Task<int> SendDueInTurnAsync(OutboxTurn turn, CancellationToken cancellationToken) =>
        turn.SendAsync((until, ct) => SendDueAsync(until, ct), cancellationToken);

    /// <summary>
    /// Sends due messages until none is left (Finished) or <paramref name="until"/> has passed (no more are claimed
    /// after it); returns how many were delivered.
    /// </summary>
    public async Task<(int Delivered, bool Finished)> SendDueAsync(DateTimeOffset? until, CancellationToken cancellationToken)
    {
        var delivered = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            if (until is { } deadline && clock.GetUtcNow() >= deadline)
            {
                return (delivered, false);
            }

            var (claimed, sent) = await SendPassAsync(until, cancellationToken);
            delivered += sent;
            if (claimed == 0)
            {
                break;
            }
        }

        return (delivered, true);
    }

    /// <summary>One sweep through the due messages in id order; returns how many were claimed and delivered.</summary>
    private async Task<(int Claimed, int Delivered)> SendPassAsync(DateTimeOffset? until, CancellationToken cancellationToken)
    {
        var ledger = new OutboxLedger(db, settings);
        var work = System.Threading.Channels.Channel.CreateBounded<ClaimedMessage>(new BoundedChannelOptions(settings.BatchSize) { SingleWriter = true });
        var outcomes = System.Threading.Channels.Channel.CreateBounded<DeliveryOutcome>(new BoundedChannelOptions(Math.Max(settings.BatchSize, settings.MaxConcurrency) * 2) { SingleReader = true });
        var pass = new PassState();
        using var databaseTurn = new SemaphoreSlim(1, 1);

        var workers = Enumerable.Range(0, Math.Max(1, settings.MaxConcurrency))
            .Select(_ => Task.Run(() => WorkAsync(work.Reader, outcomes.Writer, pass, cancellationToken), CancellationToken.None))
            .ToArray();
        var recorder = Task.Run(
            async () =>
            {
                try
                {
                    return await RecordAsync(ledger, databaseTurn, outcomes.Reader, cancellationToken);
                }
                catch (Exception ex)
                {
                    // Nothing more can be recorded: stop claiming and sending rather than send without recording.
                    outcomes.Writer.TryComplete(ex);
                    work.Writer.TryComplete(ex);
                    throw;
                }
            },
            CancellationToken.None);
        var claimed = 0;
        try
        {
            long afterId = 0;
            while (!cancellationToken.IsCancellationRequested && (until is null || clock.GetUtcNow() < until))
            {
                await databaseTurn.WaitAsync(cancellationToken);
                List<ClaimedMessage> page;
                try
                {
                    (page, afterId) = await ledger.ClaimPageAsync(afterId, clock.GetUtcNow(), cancellationToken);
                }
                finally
                {
                    databaseTurn.Release();
                }

                if (afterId == 0)
                {
                    break;
                }

                claimed += page.Count;
                foreach (var message in page)
                {
                    await work.Writer.WriteAsync(message, cancellationToken);
                }
            }
        }
        finally
        {
            work.Writer.TryComplete();
            try
            {
                await Task.WhenAll(workers);
            }
            finally
            {
                outcomes.Writer.TryComplete();
            }
        }

        var delivered = await recorder;
        if (claimed > 0)
        {
            logger.LogInformation("Outbox pass: {Claimed} claimed, {Delivered} delivered, {Throttled} throttled (429)", claimed, delivered, pass.Throttled);
        }

        return (claimed, delivered);
    }

    private async Task WorkAsync(ChannelReader<ClaimedMessage> work, ChannelWriter<DeliveryOutcome> outcomes, PassState pass, CancellationToken cancellationToken)
    {
        await foreach (var message in work.ReadAllAsync(cancellationToken))
        {
            var outcome = await DeliverAsync(message, pass, cancellationToken);
            await outcomes.WriteAsync(outcome, cancellationToken);
        }
    }

    private async Task<DeliveryOutcome> DeliverAsync(ClaimedMessage message, PassState pass, CancellationToken cancellationToken)
    {
        if (message.Address is not { } address)
        {
            return message.MemberBlocked
                ? Fail(message, message.ClaimedAttempts, "the member has blocked the bot", null)
                : Fail(message, message.ClaimedAttempts, "not reachable: the app is not installed for this member", Reachability.NotInstalled);
        }

        // One message at a time per conversation: in order, and a block stops the next one being sent.
        var turn = pass.TurnOf(address.ConversationId);
        await turn.WaitAsync(cancellationToken);
        try
        {
            var attempts = message.ClaimedAttempts;
            while (true)
            {
                if (message.MemberId is { } memberId && pass.Blocked.ContainsKey(memberId))
                {
                    return Fail(message, attempts, "the member has blocked the bot", null);
                }

                // Never send close to the end of the claim: another sender may take the message once it expires.
                var claimLeft = message.ClaimedUntil - clock.GetUtcNow() - settings.MaxWait;
                var (wait, ticket) = claimLeft <= TimeSpan.Zero
                    ? (TimeSpan.Zero, null)
                    : await throttle.ReserveAsync(address.ConversationId, claimLeft < settings.MaxWait ? claimLeft : settings.MaxWait, cancellationToken);
                if (wait is { } later)
                {
                    // This attempt was not made (the throttle or the claim's end said wait): it is not counted.
                    return new DeliveryOutcome(message, attempts - 1, OutboxStatus.Pending, NextAttemptAt: clock.GetUtcNow() + later) { Released = attempts == message.ClaimedAttempts };
                }

                SendResult result;
                try
                {
                    result = await messenger.SendAsync(address, Outbox.Deserialise(message.Payload), cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Sending {Key} failed unexpectedly", message.Key);
                    result = new SendResult(SendOutcome.TransientFailure, Error: ex.Message);
                }
                finally
                {
                    throttle.Finished(ticket!);
                }

                switch (result.Outcome)
                {
                    case SendOutcome.Sent:
                        logger.LogDebug("Sent {Kind} {Key} after {Attempts} attempt(s)", message.Kind, message.Key, attempts);
                        return new DeliveryOutcome(message, attempts, OutboxStatus.Sent, SentAt: clock.GetUtcNow(), ActivityId: result.ActivityId);
                    case SendOutcome.Throttled:
                        var retryAfter = result.RetryAfter ?? Backoff(attempts);
                        throttle.Pause(retryAfter);
                        Interlocked.Increment(ref pass.Throttled);
                        logger.LogWarning("Teams throttled the outbox (429); every send pauses for {RetryAfter}", retryAfter);
                        break;
                    case SendOutcome.TransientFailure:
                        var backoff = Backoff(attempts);
                        logger.LogWarning("Delivery of {Key} failed ({Error}); retrying in {Delay}", message.Key, result.Error, backoff);
                        if (attempts >= settings.MaxAttempts)
                        {
                            return Fail(message, attempts, $"gave up after {attempts} attempts: {result.Error ?? "transient failure"}", null);
                        }

                        if (backoff > settings.MaxWait || clock.GetUtcNow() + backoff > message.ClaimedUntil - settings.MaxWait)
                        {
                            return new DeliveryOutcome(message, attempts, OutboxStatus.Pending, NextAttemptAt: clock.GetUtcNow() + backoff, Error: result.Error ?? "transient failure");
                        }

                        await Task.Delay(backoff, clock, cancellationToken);
                        attempts++;
                        break;
                    case SendOutcome.Blocked:
                        if (message.MemberId is { } blockedMember)
                        {
                            pass.Blocked.TryAdd(blockedMember, 0);
                        }

                        return Fail(message, attempts, "the member has blocked the bot", Reachability.Blocked);
                    case SendOutcome.Gone when message.MemberId is null:
                        // A channel post: the channel, its team or the bot's place in it is gone. It waits for the
                        // partnership's next working channel instead of being lost.
                        return new DeliveryOutcome(message, attempts, OutboxStatus.Held, Error: result.Error ?? "the conversation no longer exists");
                    default:
                        return Fail(message, attempts, result.Error ?? "the conversation no longer exists", null);
                }
            }
        }
        finally
        {
            pass.Done(address.ConversationId, turn);
        }
    }

    private async Task<int> RecordAsync(OutboxLedger ledger, SemaphoreSlim databaseTurn, ChannelReader<DeliveryOutcome> outcomes, CancellationToken cancellationToken)
    {
        var delivered = 0;
        var batch = new List<DeliveryOutcome>(settings.BatchSize);
        while (await outcomes.WaitToReadAsync(cancellationToken))
        {
            while (batch.Count < settings.BatchSize && outcomes.TryRead(out var outcome))
            {
                batch.Add(outcome);
            }

            await databaseTurn.WaitAsync(cancellationToken);
            try
            {
                foreach (var lost in await ledger.RecordAsync(batch, cancellationToken))
                {
                    logger.LogWarning("The claim on {Key} expired before its outcome ({Status}) was recorded; another sender has it", lost.Message.Key, lost.Status);
                }
            }
            finally
            {
                databaseTurn.Release();
            }

            foreach (var outcome in batch)
            {
                if (outcome.Status == OutboxStatus.Sent)
                {
                    delivered++;
                }
                else if (outcome.Status == OutboxStatus.Failed)
                {
                    logger.LogWarning("Gave up on {Kind} {Key}: {Error}", outcome.Message.Kind, outcome.Message.Key, outcome.Error);
                }
                else if (outcome.Status == OutboxStatus.Held)
                {
                    logger.LogWarning("Could not post {Kind} {Key} ({Error}); it waits for a channel that works", outcome.Message.Kind, outcome.Message.Key, outcome.Error);
                }
            }

            batch.Clear();
        }

        return delivered;
    }

    private static DeliveryOutcome Fail(ClaimedMessage message, int attempts, string error, Reachability? reachability) =>
        new(message, attempts, OutboxStatus.Failed, Error: error, Reachability: reachability);

    private TimeSpan Backoff(int attempts)
    {
        var exponential = settings.BaseBackoff.TotalMilliseconds * Math.Pow(2, Math.Max(0, attempts - 1));
        var jitter = 0.75 + (Random.Shared.NextDouble() * 0.5);
        return TimeSpan.FromMilliseconds(Math.Min(exponential * jitter, TimeSpan.FromHours(1).TotalMilliseconds));
    }

    /// <summary>What the workers of one pass share: members found blocked, and whose turn it is in each conversation.</summary>
    private sealed class PassState
    {
        private readonly Dictionary<string, (SemaphoreSlim Turn, int Users)> turns = new(StringComparer.Ordinal);

        public int Throttled;

        public ConcurrentDictionary<int, byte> Blocked { get; } = new();

        public SemaphoreSlim TurnOf(string conversationId)
        {
            lock (turns)
            {
                var (turn, users) = turns.TryGetValue(conversationId, out var entry) ? entry : (new SemaphoreSlim(1, 1), 0);
                turns[conversationId] = (turn, users + 1);
                return turn;
            }
        }

        public void Done(string conversationId, SemaphoreSlim turn)
        {
            turn.Release();
            lock (turns)
            {
                var (_, users) = turns[conversationId];
                if (users == 1)
                {
                    turns.Remove(conversationId);
                    turn.Dispose();
                }
                else
                {
                    turns[conversationId] = (turn, users - 1);
                }
            }
        }
    }
}
