using CspBot.Core.Scheduling;
using Microsoft.Extensions.Logging;

namespace CspBot.Core.Features.Messaging;

/// <summary>
/// One sender at a time across every instance, so that together they stay within the tenant's rate (Teams counts 50
/// requests a second per app per tenant, not per instance). The sending instance holds the distributed lock
/// <c>outbox</c> and paces itself with its <see cref="SendThrottle"/>; it lets the lock go only once that throttle is
/// quiet (its last slot a whole tenant window ago), so the next instance's first second never overlaps its last. Between
/// runs in one instance the lock is kept until then, so back-to-back runs do not wait for it. In an instance, one run
/// sends and at most one waits: a third has nothing to do, because the waiting one starts after it and sends what is
/// due by then. A turn lasts at most <see cref="MaxTurn"/> before the lock is handed back (and taken again), which
/// keeps it well inside Hangfire.PostgreSql's 10-minute limit on a lock.
/// </summary>
public sealed class OutboxTurn(DistributedLocks locks, SendThrottle throttle, TimeProvider clock, ILogger<OutboxTurn> logger) : IDisposable
{
    public const string LockName = "outbox";

    public static readonly TimeSpan MaxTurn = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim local = new(1, 1);
    private int waiting;
    private IDisposable? lease;
    private long leaseTakenAt;
    private int runs;

    /// <summary>
    /// Runs <paramref name="send"/> (which sends what is due, stopping at the deadline it is given) in this instance's
    /// turn; returns how many it delivered, or 0 at once when another run here is already waiting to send.
    /// </summary>
    public async Task<int> SendAsync(Func<DateTimeOffset, CancellationToken, Task<(int Delivered, bool Finished)>> send, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref waiting) > 1)
        {
            Interlocked.Decrement(ref waiting);
            return 0;
        }

        try
        {
            await local.WaitAsync(cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref waiting);
        }

        var run = ++runs;
        try
        {
            var delivered = 0;
            while (true)
            {
                if (lease is not null && clock.GetElapsedTime(leaseTakenAt) >= MaxTurn)
                {
                    await HandBackAsync(cancellationToken);
                }

                lease ??= await TakeAsync(cancellationToken);
                var (sent, finished) = await send(clock.GetUtcNow() + MaxTurn - clock.GetElapsedTime(leaseTakenAt), cancellationToken);
                delivered += sent;
                if (finished)
                {
                    return delivered;
                }
            }
        }
        finally
        {
            local.Release();
            _ = Task.Run(() => HandBackWhenQuietAsync(run), CancellationToken.None);
        }
    }

    private async Task<IDisposable> TakeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                var taken = await locks.AcquireAsync(LockName, cancellationToken);
                leaseTakenAt = clock.GetTimestamp();
                return taken;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not OperationCanceledException && IsTimeout(ex))
            {
                logger.LogInformation("Another instance is still sending the outbox; waiting for its turn to end");
            }
        }
    }

    /// <summary>Lets the lock go after the throttle is quiet, unless another run here has taken the turn meanwhile.</summary>
    private async Task HandBackWhenQuietAsync(int run)
    {
        try
        {
            var quiet = throttle.UntilQuiet();
            if (quiet > TimeSpan.Zero)
            {
                await Task.Delay(quiet, clock);
            }

            await local.WaitAsync();
            try
            {
                if (runs == run && lease is not null)
                {
                    await HandBackAsync(CancellationToken.None);
                }
            }
            finally
            {
                local.Release();
            }
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not let the outbox lock go");
        }
    }

    /// <summary>Waits until the throttle is quiet, then lets the lock go (the caller holds the local turn).</summary>
    private async Task HandBackAsync(CancellationToken cancellationToken)
    {
        var quiet = throttle.UntilQuiet();
        if (quiet > TimeSpan.Zero)
        {
            await Task.Delay(quiet, clock, cancellationToken);
        }

        var held = lease;
        lease = null;
        held?.Dispose();
    }

    /// <summary>A lock wait that ran out (each storage throws its own type); anything else is a real failure.</summary>
    private static bool IsTimeout(Exception ex) =>
        ex is Hangfire.Storage.DistributedLockTimeoutException || ex.GetType().Name.Contains("DistributedLock", StringComparison.Ordinal);

    public void Dispose()
    {
        lease?.Dispose();
        lease = null;
    }
}
