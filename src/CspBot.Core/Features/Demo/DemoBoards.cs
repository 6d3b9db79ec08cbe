using CspBot.Core.Domain;
using CspBot.Core.Features.Deadlines;

namespace CspBot.Core.Features.Demo;

/// <summary>
/// The demo's board and PMG calendar on the day it is loaded: the open period's own board set so that the product's
/// deadline rule (<see cref="DeadlineCalculator"/>, asked, never re-worked here) puts its deadline on the next working
/// day, and every other quarter's board at the same distance from its own quarter end. Each quarter then aims at its
/// own board, so two quarters never share one. In the last working days of a quarter no board can give the open
/// period a deadline still ahead (a deadline after the quarter's end is no longer that board's, by the rule): the open
/// period then has the latest deadline its board allows, already passed (or today), and <see cref="Collecting"/> is false.
/// </summary>
public sealed record DemoBoards(
    ReportingPeriod Open,
    PeriodDeadline Deadline,
    bool Collecting,
    IReadOnlyList<DemoBoards.Quarter> Quarters)
{
    /// <summary>Quarters given a board: this many before the open one (their papers' boards) …</summary>
    public const int QuartersBefore = 3;

    /// <summary>… and this many after it (the boards ahead).</summary>
    public const int QuartersAfter = 4;

    /// <summary>Working days after a period's deadline that the PMG meets to check its returns (before the board).</summary>
    public const int PmgAfterDeadline = 5;

    /// <summary>A period, the board its returns are for, the deadline the rule derives from it, and the PMG that checks them.</summary>
    public sealed record Quarter(ReportingPeriod Period, DateOnly Board, DateOnly Deadline, DateOnly Pmg);

    /// <summary>Every meeting of the layout, in date order.</summary>
    public IEnumerable<Meeting> Meetings =>
        Quarters.SelectMany(q => new[] { new Meeting { Date = q.Pmg, Kind = MeetingKind.Pmg }, new Meeting { Date = q.Board, Kind = MeetingKind.Board } })
            .OrderBy(m => m.Date).ThenBy(m => m.Kind);

    public static DemoBoards On(DateOnly anchor, DeadlineCalculator rule, WorkingDayCalendar workingDays)
    {
        var open = DeadlineCalculator.OpenPeriodOn(anchor);
        var (openBoard, collecting) = BoardFor(open, workingDays.AddWorkingDays(anchor, 1), rule, workingDays);
        var deadline = rule.DeadlineFor(open, [Board(openBoard)]);
        var offset = workingDays.WorkingDaysBetween(open.LastDay, deadline.Date);
        var quarters = new List<Quarter>();
        for (var period = open.AddQuarters(-QuartersBefore); period <= open.AddQuarters(QuartersAfter); period = period.Next)
        {
            var board = period == open ? openBoard : BoardFor(period, workingDays.AddWorkingDays(period.LastDay, offset), rule, workingDays).Board;
            var due = rule.DeadlineFor(period, [Board(board)]).Date;
            quarters.Add(new Quarter(period, board, due, workingDays.AddWorkingDays(due, PmgAfterDeadline)));
        }

        return new DemoBoards(open, deadline, collecting, quarters);
    }

    /// <summary>
    /// The first board (a working day after the quarter) whose deadline by the rule is <paramref name="dueBy"/> or later
    /// and still set by that board; when none is (<paramref name="dueBy"/> too late for the quarter), the latest board
    /// the rule still takes for it.
    /// </summary>
    private static (DateOnly Board, bool Reached) BoardFor(ReportingPeriod period, DateOnly dueBy, DeadlineCalculator rule, WorkingDayCalendar workingDays)
    {
        DateOnly? latest = null;
        for (var day = period.LastDay.AddDays(1); day <= period.Next.Next.LastDay; day = day.AddDays(1))
        {
            if (!workingDays.IsWorkingDay(day))
            {
                continue;
            }

            var deadline = rule.DeadlineFor(period, [Board(day)]);
            if (deadline.Basis != DeadlineBasis.BoardMeeting)
            {
                if (latest is not null)
                {
                    break;
                }

                continue;
            }

            latest = day;
            if (deadline.Date >= dueBy)
            {
                return (day, true);
            }
        }

        return latest is { } last ? (last, false) : throw new InvalidOperationException($"No board date gives {period} a deadline by the rule: check Deadlines settings.");
    }

    private static Meeting Board(DateOnly date) => new() { Date = date, Kind = MeetingKind.Board };
}
