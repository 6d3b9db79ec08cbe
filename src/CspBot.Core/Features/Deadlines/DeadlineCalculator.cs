using CspBot.Core.Domain;
using CspBot.Core.Features.Localisation;
using Microsoft.Extensions.Options;

namespace CspBot.Core.Features.Deadlines;

/// <summary>How a period's deadline was decided, so messages can say "for the board on 22 January" or "set by the officer".</summary>
public enum DeadlineBasis
{
    /// <summary>A fixed number of working days before the board meeting the returns are for.</summary>
    BoardMeeting = 0,

    /// <summary>No suitable board meeting is known: a fixed number of working days after the quarter ends.</summary>
    QuarterEnd = 1,

    /// <summary>An officer set the date for this period (moved to the next working day if it is not one).</summary>
    Override = 2,
}

/// <summary>
/// A period's deadline (always a working day) and why. <paramref name="BoardMeeting"/> is the board meeting the
/// returns are for when one is known, whatever the basis, so an overridden deadline can still name its board.
/// </summary>
public sealed record PeriodDeadline(ReportingPeriod Period, DateOnly Date, DeadlineBasis Basis, DateOnly? BoardMeeting)
{
    /// <summary>How the date was decided, for the officer ("from the board meeting on 22 Oct 2026"), in the language now.</summary>
    public string HowDecided => Basis switch
    {
        DeadlineBasis.Override => BoardMeeting is { } board ? Terms.Format(DeadlineText.SetByOfficerBoard, Words.Date(board, "d MMM yyyy")) : DeadlineText.SetByOfficer,
        DeadlineBasis.BoardMeeting when BoardMeeting is { } board => Terms.Format(DeadlineText.AheadOfBoard, Words.Date(board, "d MMM yyyy")),
        _ => DeadlineText.FromQuarterEnd,
    };

    /// <summary>Once the deadline has passed, when the next quarter's collection starts (the day after the current quarter ends); null before.</summary>
    public string? WhenPassed(DateOnly today) => Date < today
        ? Terms.Format(DeadlineText.Passed, Terms.Period(Period.Next), Words.Date(Period.Next.Next.FirstDay, "d MMMM yyyy"))
        : null;
}

/// <summary>
/// Decides when returns for a period are due, by the rules in PRODUCT.md ("Deadline"). Pure apart from the
/// calendar: callers pass the meetings and the period's settings, so it can be used in jobs, commands and tests alike.
/// </summary>
public sealed class DeadlineCalculator(WorkingDayCalendar calendar, IOptions<DeadlineOptions> options)
{
    private readonly DeadlineOptions rules = options.Value;

    /// <summary>
    /// The period being reported on today: the latest quarter that has ended. Returns for July–September are
    /// collected in October and November, so from 1 October the open period is Q2, even before its deadline and
    /// even after it (late returns are still chased). It changes on the first day of each quarter, never on a
    /// deadline, so that "open" does not depend on meetings or overrides and every feature agrees on it.
    /// </summary>
    public static ReportingPeriod OpenPeriodOn(DateOnly today) => ReportingPeriod.Containing(today).Previous;

    /// <summary>The open period (see <see cref="OpenPeriodOn"/>) with its deadline; <paramref name="settings"/> may hold any periods' settings.</summary>
    public PeriodDeadline OpenPeriod(DateOnly today, IEnumerable<Meeting> meetings, IEnumerable<PeriodSettings>? settings = null)
    {
        var period = OpenPeriodOn(today);
        return DeadlineFor(period, meetings, settings?.FirstOrDefault(s => s.Period == period));
    }

    /// <summary>
    /// The deadline for <paramref name="period"/>: an officer's override if set; otherwise a set number of working
    /// days before the first board meeting after the quarter ends, skipping any board so soon that its deadline
    /// would leave owners too little time after quarter end; otherwise a set number of working days after quarter end.
    /// </summary>
    /// <remarks>
    /// A board is only taken as this period's if its deadline falls by the end of the following quarter. Otherwise
    /// (boards not yet scheduled that far, or a partnership that meets twice a year) the returns would be due after
    /// the next quarter had itself ended, when this period is no longer open and no reminder would be sent for it.
    /// </remarks>
    public PeriodDeadline DeadlineFor(ReportingPeriod period, IEnumerable<Meeting> meetings, PeriodSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(meetings);
        if (settings is not null && settings.Period != period)
        {
            throw new ArgumentException($"Settings are for {settings.Period}, not {period}.", nameof(settings));
        }

        var quarterEnd = period.LastDay;
        var board = BoardFor(period, meetings);
        DateOnly? boardMeeting = board?.Meeting;

        if (settings?.DeadlineOverride is { } chosen)
        {
            return new PeriodDeadline(period, calendar.AddWorkingDays(chosen, 0), DeadlineBasis.Override, boardMeeting);
        }

        return board is { } b
            ? new PeriodDeadline(period, b.Deadline, DeadlineBasis.BoardMeeting, b.Meeting)
            : new PeriodDeadline(period, calendar.AddWorkingDays(quarterEnd, rules.WorkingDaysAfterQuarterEndWhenNoMeeting), DeadlineBasis.QuarterEnd, null);
    }

    private (DateOnly Meeting, DateOnly Deadline)? BoardFor(ReportingPeriod period, IEnumerable<Meeting> meetings)
    {
        var boards = meetings.Where(m => m.Kind == MeetingKind.Board && m.Date > period.LastDay).Select(m => m.Date).Order();
        foreach (var meeting in boards)
        {
            var deadline = calendar.AddWorkingDays(meeting, -rules.WorkingDaysBeforeBoard);
            if (deadline > period.Next.LastDay)
            {
                return null;
            }

            if (calendar.WorkingDaysBetween(period.LastDay, deadline) >= rules.MinimumWorkingDaysAfterQuarterEnd)
            {
                return (meeting, deadline);
            }
        }

        return null;
    }
}
