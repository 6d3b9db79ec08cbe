using CspBot.Core.Domain;

namespace CspBot.Core.Features.Demo;

/// <summary>
/// Moves the demo's data, written for one day (<see cref="AuthoredFor"/>), to the quarter of another: every period by
/// the same number of quarters and every date (returns sent, revised dates) by the same number of months, kept on its
/// weekday. The meetings are not moved but laid out for the day (<see cref="DemoBoards"/>), so that the deadlines the
/// rule derives from them read true on any day.
/// </summary>
public sealed class DemoCalendar(DateOnly anchor)
{
    /// <summary>The day the files in samples/demo describe: 2025-26 Q2 is the open period, its deadline the next day (meetings.csv is <see cref="DemoBoards"/> for this day).</summary>
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
