using CspBot.Core.Domain;

namespace CspBot.Core.Features.Demo;

/// <summary>
/// Moves the demo, written for one day (<see cref="AuthoredFor"/>), to the quarter of another: every period by the
/// same number of quarters and every date by the same number of months, kept on its weekday (boards meet on
/// Thursdays), so the demo on any day has the cycle it has on the day it was written for.
/// </summary>
public sealed class DemoCalendar(DateOnly anchor)
{
    /// <summary>The day the files in samples/demo describe: 2025-26 Q2 is the open period, its deadline the next day.</summary>
    public static readonly DateOnly AuthoredFor = new(2025, 10, 20);

    public DateOnly Anchor { get; } = anchor;

    /// <summary>Whole quarters between the authored day's quarter and the anchor's.</summary>
    public int Quarters { get; } = ReportingPeriod.Containing(AuthoredFor).QuartersUntil(ReportingPeriod.Containing(anchor));

    public ReportingPeriod Shift(ReportingPeriod period) => period.AddQuarters(Quarters);

    public DateOnly Shift(DateOnly date)
    {
        var moved = date.AddMonths(3 * Quarters);
        return moved.AddDays(((int)date.DayOfWeek - (int)moved.DayOfWeek + 7) % 7);
    }

    /// <summary>A period cell as written ("2025-26 Q3"), shifted; text that is not a period is left for the importer to refuse.</summary>
    public string ShiftPeriodText(string text) => ReportingPeriod.TryParse(text, out var period) ? Shift(period).ToString() : text;

    /// <summary>An ISO date cell (yyyy-MM-dd), shifted; anything else is left as it is.</summary>
    public string ShiftDateText(string text) =>
        DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date)
            ? Shift(date).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)
            : text;
}
