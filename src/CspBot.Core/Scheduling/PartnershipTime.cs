namespace CspBot.Core.Scheduling;

/// <summary>The partnership's local time zone (Europe/London): schedules and deadlines are in local dates.</summary>
public static class PartnershipTime
{
    public const string TimeZoneId = "Europe/London";

    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);

    public static DateTimeOffset LocalNow(this TimeProvider clock) => TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Zone);

    public static DateOnly LocalToday(this TimeProvider clock) => DateOnly.FromDateTime(clock.LocalNow().DateTime);
}
