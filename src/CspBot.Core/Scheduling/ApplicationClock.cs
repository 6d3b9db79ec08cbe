namespace CspBot.Core.Scheduling;

/// <summary>
/// The application's time. In Development and Testing an officer or a test can move it (PUT /api/admin/clock) to
/// demonstrate schedules; time keeps running from the value set. Everywhere else it is the system clock.
/// </summary>
public sealed class ApplicationClock(TimeProvider system) : TimeProvider
{
    private long offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));

    public override DateTimeOffset GetUtcNow() => system.GetUtcNow() + Offset;

    public override TimeZoneInfo LocalTimeZone => system.LocalTimeZone;

    public void Set(DateTimeOffset now) => Interlocked.Exchange(ref offsetTicks, (now - system.GetUtcNow()).Ticks);

    public void Reset() => Interlocked.Exchange(ref offsetTicks, 0);
}
