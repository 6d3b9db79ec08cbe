using System.Globalization;
using CspBot.Core.Domain;
using CspBot.Core.Features.Deadlines;
using CspBot.Core.Features.Localisation;
using CspBot.Core.Scheduling;

namespace CspBot.Core.Features.Calendar;

/// <summary>
/// One rule for dates and periods, whatever the entry point (the console, a card, the import, the operations API):
/// meetings from two years back (corrections) to five years ahead; periods for plans within the quarters of that range;
/// reports only for a quarter of that range that has been collected (up to the open period); a delegation at most a
/// year ahead.
/// </summary>
public sealed record CalendarBounds(DateOnly Today)
{
    public static CalendarBounds On(TimeProvider clock) => new(clock.LocalToday());

    public DateOnly FirstMeeting => Today.AddYears(-2);

    public DateOnly LastMeeting => Today.AddYears(5);

    public ReportingPeriod FirstPeriod => ReportingPeriod.Containing(FirstMeeting);

    public ReportingPeriod LastPeriod => ReportingPeriod.Containing(LastMeeting);

    /// <summary>The period being collected today: the last one a report can be compiled for.</summary>
    public ReportingPeriod OpenPeriod => DeadlineCalculator.OpenPeriodOn(Today);

    public DateOnly LastDelegationDay => Today.AddYears(1);

    public string? MeetingRefusal(DateOnly date) => date < FirstMeeting || date > LastMeeting
        ? Terms.Format(CalendarText.MeetingOutside, Iso(FirstMeeting), Iso(LastMeeting))
        : null;

    /// <summary>Why a plan's period (an action's due period, a target change's first period) is out of range, or null.</summary>
    public string? PeriodRefusal(ReportingPeriod period) => period < FirstPeriod || period > LastPeriod
        ? Terms.Format(CalendarText.PeriodOutside, period, FirstPeriod, LastPeriod)
        : null;

    /// <summary>Why a report cannot be compiled for <paramref name="period"/>, or null.</summary>
    public string? ReportRefusal(ReportingPeriod period) => period < FirstPeriod || period > OpenPeriod
        ? Terms.Format(CalendarText.ReportOutside, FirstPeriod, OpenPeriod, period)
        : null;

    public string? DelegationRefusal(DateOnly until) => until < Today
        ? CalendarText.DelegationPast
        : until > LastDelegationDay
            ? Terms.Format(CalendarText.DelegationTooLong, Iso(LastDelegationDay))
            : null;

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
