namespace CspBot.Core.Scheduling;

/// <summary>The partnership's local time zone (Europe/London): schedules and deadlines are in local dates.</summary>
public static class PartnershipTime
{
    public const string TimeZoneId = "Europe/London";

    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);

    public static DateTimeOffset LocalNow(this TimeProvider clock) => TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Zone);

    public static DateOnly LocalToday(this TimeProvider clock) => DateOnly.FromDateTime(clock.LocalNow().DateTime);

    /// <summary>How the partnership writes dates and numbers (en-GB): the one culture every card and document uses.</summary>
    public static readonly System.Globalization.CultureInfo British = System.Globalization.CultureInfo.GetCultureInfo("en-GB");

    /// <summary>An instant in a list or table, local and short: "7 Dec 2026, 09:14".</summary>
    public static string Short(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone).ToString("d MMM yyyy, HH:mm", British);

    /// <summary>An instant as the partnership reads it: "10:17 on Tuesday 1 December 2026".</summary>
    public static string Spoken(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, Zone);
        return $"{local.ToString("HH:mm", British)} on {local.ToString("dddd d MMMM yyyy", British)}";
    }
}
