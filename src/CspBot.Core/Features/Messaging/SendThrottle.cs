using Microsoft.Extensions.Options;

namespace CspBot.Core.Features.Messaging;

/// <summary>At most <paramref name="Count"/> messages to one conversation in any <paramref name="Window"/>.</summary>
public sealed record ConversationLimit(int Count, TimeSpan Window);

/// <summary>
/// Keeps proactive sends inside Teams' limits, for every sender in this process: a tenant-wide token bucket
/// (<see cref="OutboxOptions.RequestsPerSecond"/>) and Teams' per-conversation limits (7 in 1 s, 8 in 2 s, 60 in 30 s,
/// 1,800 in an hour, each window kept with a <see cref="WindowMargin"/>). Each caller reserves the next free slot and
/// waits for it, so waiting senders queue in order instead of waking together. A 429 pauses everything until its
/// Retry-After has passed.
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

    private static readonly long LongestWindowTicks = TeamsConversationLimits.Max(l => l.Window.Ticks) + WindowMargin.Ticks;

    private readonly Lock gate = new();
    private readonly TimeProvider clock;
    private readonly double tokensPerSecond;
    private readonly double capacity;
    private readonly Dictionary<string, List<long>> sentTo = new(StringComparer.Ordinal);
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
        refilledAt = sweptAt = clock.GetTimestamp();
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
        var waited = TimeSpan.Zero;
        while (true)
        {
            var (delay, reserved) = Reserve(conversationId);
            if (!reserved && waited + delay > maxWait)
            {
                return delay;
            }

            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, clock, cancellationToken);
                waited += delay;
            }

            // A 429 while this caller waited for its slot pauses it too.
            if (reserved && PauseRemaining() is null)
            {
                return null;
            }
        }
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

    /// <summary>Either reserves a slot (and says how long until it comes) or says how long until one may be reserved.</summary>
    private (TimeSpan Delay, bool Reserved) Reserve(string conversationId)
    {
        lock (gate)
        {
            var now = clock.GetTimestamp();
            if (now < pausedUntil)
            {
                return (FromTimestamp(pausedUntil - now), false);
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
                return (FromTimestamp(conversationWait), false);
            }

            if (now > refilledAt)
            {
                tokens = Math.Min(capacity, tokens + (FromTimestamp(now - refilledAt).TotalSeconds * tokensPerSecond));
                refilledAt = now;
            }

            tokens -= 1;
            var delay = tokens >= 0 ? 0 : ToTimestamp(TimeSpan.FromSeconds(-tokens / tokensPerSecond));
            delay += Math.Max(0, refilledAt - now);
            log.Add(now + delay);
            return (FromTimestamp(delay), true);
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
