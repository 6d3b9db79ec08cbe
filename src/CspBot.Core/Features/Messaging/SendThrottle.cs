using Microsoft.Extensions.Options;

namespace CspBot.Core.Features.Messaging;

/// <summary>At most <paramref name="Count"/> messages to one conversation in any <paramref name="Window"/>.</summary>
public sealed record ConversationLimit(int Count, TimeSpan Window);

/// <summary>
/// Keeps proactive sends inside Teams' limits, for every sender in this process: the tenant-wide rate
/// (<see cref="OutboxOptions.RequestsPerSecond"/>: a token bucket that paces, and never more than that many in any
/// second as they reach Teams, see <see cref="ReserveAsync"/>) and Teams' per-conversation limits (7 in 1 s, 8 in 2 s,
/// 60 in 30 s, 1,800 in an hour, each window kept with a <see cref="WindowMargin"/>). Each caller reserves the next free
/// slot and waits for it, so waiting senders queue in order instead of waking together. A 429 pauses everything until
/// its Retry-After has passed. Other instances are kept out by <see cref="OutboxTurn"/>, which hands the sending over
/// only once this throttle is <see cref="UntilQuiet">quiet</see>.
/// </summary>
public sealed class SendThrottle
{
    /// <summary>Teams' limits per bot per conversation.</summary>
    public static readonly IReadOnlyList<ConversationLimit> TeamsConversationLimits =
    [
        new(7, TimeSpan.FromSeconds(1)),
        new(8, TimeSpan.FromSeconds(2)),
        new(60, TimeSpan.FromSeconds(30)),
        new(1800, TimeSpan.FromHours(1)),
    ];

    /// <summary>
    /// Added to every conversation window: Teams counts messages when they arrive, and the time they take to get there
    /// varies, so two sent a window apart can arrive closer together.
    /// </summary>
    public static readonly TimeSpan WindowMargin = TimeSpan.FromMilliseconds(250);

    /// <summary>The tenant window: at most <see cref="OutboxOptions.RequestsPerSecond"/> (whole) requests reach Teams in any of these.</summary>
    public static readonly TimeSpan TenantWindow = TimeSpan.FromSeconds(1);

    private static readonly long LongestWindowTicks = TeamsConversationLimits.Max(l => l.Window.Ticks) + WindowMargin.Ticks;

    private readonly Lock gate = new();
    private readonly TimeProvider clock;
    private readonly double tokensPerSecond;
    private readonly double capacity;
    private readonly Dictionary<string, List<long>> sentTo = new(StringComparer.Ordinal);
    private readonly int perTenantWindow;
    private readonly Queue<SendTicket> tenantTickets = new();
    private long lastSlot;
    private long lastFinished;
    private double tokens;
    private long refilledAt;
    private long pausedUntil;
    private long sweptAt;

    public SendThrottle(TimeProvider clock, IOptions<OutboxOptions> options)
    {
        this.clock = clock;
        var settings = options.Value;
        tokensPerSecond = settings.RequestsPerSecond > 0 ? settings.RequestsPerSecond : throw new ArgumentOutOfRangeException(nameof(options), "Outbox:RequestsPerSecond must be positive");
        capacity = settings.Burst > 0 ? settings.Burst : Math.Max(1, Math.Floor(tokensPerSecond / 10));
        tokens = capacity;
        perTenantWindow = Math.Max(1, (int)Math.Floor(tokensPerSecond));
        refilledAt = sweptAt = clock.GetTimestamp();
        lastSlot = lastFinished = refilledAt - ToTimestamp(TenantWindow);
    }

    /// <summary>
    /// How long until every request sent so far (all finished) is a whole tenant window old: from then on another
    /// instance may send without the two together exceeding the rate in any window.
    /// </summary>
    public TimeSpan UntilQuiet()
    {
        lock (gate)
        {
            var quietAt = Math.Max(lastSlot, lastFinished) + ToTimestamp(TenantWindow);
            var now = clock.GetTimestamp();
            return quietAt > now ? FromTimestamp(quietAt - now) : TimeSpan.Zero;
        }
    }

    /// <summary>How many 429s have paused this throttle (for the benchmarks and the logs).</summary>
    public int Pauses { get; private set; }

    /// <summary>
    /// Waits for a slot to send to <paramref name="conversationId"/>. Returns null once the caller may send; otherwise
    /// how long the conversation must wait, when that is longer than <paramref name="maxWait"/> (the caller then
    /// reschedules the message instead of holding it).
    /// </summary>
    public async Task<TimeSpan?> WaitTurnAsync(string conversationId, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        var (later, ticket) = await ReserveAsync(conversationId, maxWait, cancellationToken);
        if (ticket is not null)
        {
            Finished(ticket);
        }

        return later;
    }

    /// <summary>
    /// As <see cref="WaitTurnAsync"/>, with a ticket to hand back to <see cref="Finished"/> once Teams has answered.
    /// A request may start only once the one <see cref="OutboxOptions.RequestsPerSecond"/> requests before it has been
    /// answered for a whole <see cref="TenantWindow"/>: it reached Teams before its answer came back and this one reaches
    /// Teams after it starts, so however late or bunched up requests arrive (a cold start, a pause), no window ever
    /// holds more than the rate.
    /// </summary>
    public async Task<(TimeSpan? Later, SendTicket? Ticket)> ReserveAsync(string conversationId, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        var waited = TimeSpan.Zero;
        while (true)
        {
            var (delay, ticket, unfinished) = Reserve(conversationId);
            if (unfinished is not null)
            {
                await unfinished.WaitAsync(cancellationToken);
                continue;
            }

            if (ticket is null && waited + delay > maxWait)
            {
                return (delay, null);
            }

            try
            {
                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, clock, cancellationToken);
                    waited += delay;
                }

                // A timer may fire a little early; the slot is a bound, not a hint.
                while (ticket is not null && clock.GetTimestamp() < ticket.Slot)
                {
                    await Task.Delay(FromTimestamp(ticket.Slot - clock.GetTimestamp()) + TimeSpan.FromMilliseconds(1), clock, cancellationToken);
                }
            }
            catch when (ticket is not null)
            {
                Finished(ticket);
                throw;
            }

            // A 429 while this caller waited for its slot pauses it too.
            if (ticket is not null)
            {
                if (PauseRemaining() is null)
                {
                    return (null, ticket);
                }

                Finished(ticket);
            }
        }
    }

    /// <summary>The request holding <paramref name="ticket"/> has been answered (or was never sent).</summary>
    public void Finished(SendTicket ticket)
    {
        lock (gate)
        {
            ticket.FinishedAt = clock.GetTimestamp();
            lastFinished = Math.Max(lastFinished, ticket.FinishedAt);
        }

        ticket.Done.TrySetResult();
    }

    /// <summary>Stops every send through this throttle for <paramref name="retryAfter"/> (Teams answered 429).</summary>
    public void Pause(TimeSpan retryAfter)
    {
        lock (gate)
        {
            var now = clock.GetTimestamp();
            var until = now + ToTimestamp(retryAfter);
            if (until > pausedUntil)
            {
                pausedUntil = until;
                Pauses++;
            }

            // Reservations already handed out resume after the pause; new ones start from an empty bucket.
            tokens = Math.Min(tokens, 0);
            refilledAt = Math.Max(refilledAt, until);
        }
    }

    private TimeSpan? PauseRemaining()
    {
        lock (gate)
        {
            var now = clock.GetTimestamp();
            return now < pausedUntil ? FromTimestamp(pausedUntil - now) : null;
        }
    }

    /// <summary>
    /// Either reserves a slot (and says how long until it comes), or says how long until one may be reserved, or which
    /// unfinished request must be answered first.
    /// </summary>
    private (TimeSpan Delay, SendTicket? Ticket, Task? Unfinished) Reserve(string conversationId)
    {
        lock (gate)
        {
            var now = clock.GetTimestamp();
            if (now < pausedUntil)
            {
                return (FromTimestamp(pausedUntil - now), null, null);
            }

            Sweep(now);
            if (!sentTo.TryGetValue(conversationId, out var log))
            {
                log = [];
                sentTo[conversationId] = log;
            }

            var conversationWait = ConversationWait(log, now);
            if (conversationWait > 0)
            {
                return (FromTimestamp(conversationWait), null, null);
            }

            if (tenantTickets.Count >= perTenantWindow && tenantTickets.Peek() is { FinishedAt: long.MaxValue } unanswered)
            {
                return (TimeSpan.Zero, null, unanswered.Done.Task);
            }

            if (now > refilledAt)
            {
                tokens = Math.Min(capacity, tokens + (FromTimestamp(now - refilledAt).TotalSeconds * tokensPerSecond));
                refilledAt = now;
            }

            tokens -= 1;
            var delay = tokens >= 0 ? 0 : ToTimestamp(TimeSpan.FromSeconds(-tokens / tokensPerSecond));
            delay += Math.Max(0, refilledAt - now);

            // Never more than the rate in any window: the request that many back must have been answered a window ago.
            var slot = Math.Max(now + delay, lastSlot);
            if (tenantTickets.Count >= perTenantWindow)
            {
                slot = Math.Max(slot, tenantTickets.Dequeue().FinishedAt + ToTimestamp(TenantWindow));
            }

            var ticket = new SendTicket { Slot = slot };
            tenantTickets.Enqueue(ticket);
            lastSlot = slot;
            log.Add(slot);
            return (FromTimestamp(slot - now), ticket, null);
        }
    }

    /// <summary>Ticks until one more message fits every per-conversation window (0 when it fits now).</summary>
    private long ConversationWait(List<long> log, long now)
    {
        var expired = 0;
        while (expired < log.Count && log[expired] <= now - ToTimestamp(TimeSpan.FromTicks(LongestWindowTicks)))
        {
            expired++;
        }

        log.RemoveRange(0, expired);
        long wait = 0;
        foreach (var limit in TeamsConversationLimits)
        {
            if (log.Count >= limit.Count)
            {
                // The limit.Count-th most recent send must leave the window before another fits.
                var frees = log[log.Count - limit.Count] + ToTimestamp(limit.Window + WindowMargin);
                wait = Math.Max(wait, frees - now);
            }
        }

        return wait;
    }

    /// <summary>Forgets conversations with nothing sent in the last hour, so the state stays as small as that hour's recipients.</summary>
    private void Sweep(long now)
    {
        if (now - sweptAt < ToTimestamp(TimeSpan.FromMinutes(1)))
        {
            return;
        }

        sweptAt = now;
        var horizon = now - ToTimestamp(TimeSpan.FromTicks(LongestWindowTicks));
        foreach (var (conversation, log) in sentTo)
        {
            if (log.Count == 0 || log[^1] <= horizon)
            {
                sentTo.Remove(conversation);
            }
        }
    }

    private long ToTimestamp(TimeSpan span) => (long)(span.TotalSeconds * clock.TimestampFrequency);

    private TimeSpan FromTimestamp(long ticks) => TimeSpan.FromSeconds((double)ticks / clock.TimestampFrequency);
}

/// <summary>A reserved send; hand it back to <see cref="SendThrottle.Finished"/> when Teams has answered.</summary>
public sealed class SendTicket
{
    internal long FinishedAt { get; set; } = long.MaxValue;

    /// <summary>The earliest moment (a <see cref="TimeProvider.GetTimestamp"/>) the request may start.</summary>
    internal long Slot { get; init; }

    internal TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
