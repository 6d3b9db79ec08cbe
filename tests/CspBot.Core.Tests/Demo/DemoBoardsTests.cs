using System.Globalization;
using CspBot.Core.Domain;
using CspBot.Core.Features.Calendar;
using CspBot.Core.Features.Deadlines;
using CspBot.Core.Features.Demo;
using CspBot.Core.Features.Reports;
using CspBot.Core.Tests.Support;
using Microsoft.Extensions.Options;

namespace CspBot.Core.Tests.Demo;

/// <summary>
/// The demo reads true on any day: walked through every day of two years (a leap year's 29 February, Easter at a
/// quarter's end, Christmas, quarters ending on a weekend), its calendar agrees with the product's deadline rule and with
/// itself, as the pages, cards and paper show it.
/// </summary>
public class DemoBoardsTests
{
    private static readonly WorkingDayCalendar WorkingDays = new();
    private static readonly DeadlineCalculator Rule = new(WorkingDays, Options.Create(new DeadlineOptions()));

    public static TheoryData<string> Years() => ["2025-04-01", "2027-07-01"];

    [Theory]
    [MemberData(nameof(Years))]
    public void EveryDayOfAYear_TheOpenPeriodAimsAtItsOwnBoard_AndNoTwoQuartersShareOne(string from)
    {
        var first = DateOnly.Parse(from, CultureInfo.InvariantCulture);
        var failures = new List<string>();
        for (var day = first; day < first.AddYears(1); day = day.AddDays(1))
        {
            failures.AddRange(Check(day).Select(f => $"{day:yyyy-MM-dd} {day.DayOfWeek}: {f}"));
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(30)));
    }

    [Fact]
    public void Collecting_IsImpossibleOnlyFromTheLastWorkingDayOfAQuarter()
    {
        // 2027-28 Q4 ends on Friday 31 March 2028; Easter 2028 is in April, so the last working day is the 31st.
        Assert.True(DemoBoards.On(new DateOnly(2028, 3, 30), Rule, WorkingDays).Collecting);
        var last = DemoBoards.On(new DateOnly(2028, 3, 31), Rule, WorkingDays);
        Assert.False(last.Collecting);
        Assert.Equal(new DateOnly(2028, 3, 31), last.Deadline.Date);

        // 2023-24 Q4 ends on Sunday 31 March 2024 after Good Friday (the 29th): Thursday the 28th is the quarter's last
        // working day, so the 27th is the last day collecting; on Good Friday the deadline (the 28th) has passed.
        Assert.True(DemoBoards.On(new DateOnly(2024, 3, 27), Rule, WorkingDays).Collecting);
        var easter = DemoBoards.On(new DateOnly(2024, 3, 29), Rule, WorkingDays);
        Assert.False(easter.Collecting);
        Assert.Equal(new DateOnly(2024, 3, 28), easter.Deadline.Date);
        Assert.True(easter.Deadline.BoardMeeting > new DateOnly(2024, 3, 29));
    }

    [Fact]
    public void OnSevenDecember_Q2IsCollectedForItsOwnBoard_AndQ3ForTheNext()
    {
        var boards = DemoBoards.On(new DateOnly(2026, 12, 7), Rule, WorkingDays);
        Assert.Equal(ReportingPeriod.Parse("2026-27 Q2"), boards.Open);
        Assert.Equal((new DateOnly(2026, 12, 8), DeadlineBasis.BoardMeeting), (boards.Deadline.Date, boards.Deadline.Basis));
        Assert.Equal(new DateOnly(2026, 12, 22), boards.Deadline.BoardMeeting);
        var q3 = Rule.DeadlineFor(boards.Open.Next, boards.Meetings);
        Assert.NotEqual(boards.Deadline.BoardMeeting, q3.BoardMeeting);
        Assert.True(q3.BoardMeeting > new DateOnly(2027, 1, 1));
    }

    /// <summary>The files in samples/demo describe the demo on the day they were written for: meetings.csv is that day's layout.</summary>
    [Fact]
    public void MeetingsCsv_IsTheLayoutForTheDayTheDemoIsWrittenFor()
    {
        var boards = DemoBoards.On(DemoCalendar.AuthoredFor, Rule, WorkingDays);
        var written = File.ReadAllLines(RepositoryFiles.PathOf("samples", "demo", "meetings.csv")).Skip(1).Where(l => l.Length > 0);
        Assert.Equal(
            boards.Meetings.Select(m => $"{m.Date:yyyy-MM-dd},{(m.Kind == MeetingKind.Board ? "board" : "pmg")}"),
            written);
        Assert.Equal((new DateOnly(2025, 10, 21), DeadlineBasis.BoardMeeting), (boards.Deadline.Date, boards.Deadline.Basis));
    }

    private static IEnumerable<string> Check(DateOnly day)
    {
        var boards = DemoBoards.On(day, Rule, WorkingDays);
        var meetings = boards.Meetings.ToList();
        var open = DeadlineCalculator.OpenPeriodOn(day);
        var deadline = Rule.OpenPeriod(day, meetings);
        if (boards.Open != open || deadline != boards.Deadline)
        {
            yield return $"the rule gives {deadline.Period} {deadline.Date} ({deadline.HowDecided}), laid out {boards.Open} {boards.Deadline.Date}";
        }

        if (deadline.Basis != DeadlineBasis.BoardMeeting)
        {
            yield return $"the {open} deadline is {deadline.HowDecided}";
        }

        // Collecting with the deadline ahead, except when the next working day is in the next quarter.
        var canCollect = WorkingDays.AddWorkingDays(day, 1) <= ReportingPeriod.Containing(day).LastDay;
        if (boards.Collecting != canCollect || (canCollect ? deadline.Date <= day : deadline.Date > day))
        {
            yield return $"collecting {boards.Collecting} with the deadline {deadline.Date} (could collect: {canCollect})";
        }

        // Every quarter laid out aims at its own board: the rule derives its deadline from it, so no board is two quarters'.
        foreach (var quarter in boards.Quarters)
        {
            var own = Rule.DeadlineFor(quarter.Period, meetings);
            if (own.Basis != DeadlineBasis.BoardMeeting || own.BoardMeeting != quarter.Board || own.Date != quarter.Deadline)
            {
                yield return $"{quarter.Period}: the rule gives {own.Date} ({own.HowDecided}), laid out {quarter.Deadline} for {quarter.Board}";
            }

            if (!(quarter.Deadline < quarter.Pmg && quarter.Pmg < quarter.Board))
            {
                yield return $"{quarter.Period}: PMG {quarter.Pmg} is not between the deadline {quarter.Deadline} and the board {quarter.Board}";
            }
        }

        if (boards.Quarters.Select(q => q.Board).Distinct().Count() != boards.Quarters.Count)
        {
            yield return "two quarters share a board";
        }

        // The paper: compiled on the deadline day (or today), it goes to the open period's board, and the board after
        // it is the one the next quarter's returns are for.
        var boardDates = meetings.Where(m => m.Kind == MeetingKind.Board).Select(m => m.Date).ToList();
        var compiledOn = deadline.Date < day ? deadline.Date : day;
        var paper = ReportBoards.For(deadline.BoardMeeting, boardDates, compiledOn);
        var following = boardDates.Where(b => b > paper).Order().FirstOrDefault();
        var next = Rule.DeadlineFor(open.Next, meetings);
        if (paper != deadline.BoardMeeting || paper < day || next.BoardMeeting != following || next.Date <= deadline.Date)
        {
            yield return $"the paper goes to {paper} (board {deadline.BoardMeeting}), then {following}; {open.Next} is due {next.Date} for {next.BoardMeeting}";
        }

        var bounds = new CalendarBounds(day);
        foreach (var meeting in meetings.Where(m => !WorkingDays.IsWorkingDay(m.Date) || bounds.MeetingRefusal(m.Date) is not null))
        {
            yield return $"the {meeting.Kind} meeting on {meeting.Date} is not a working day in the calendar's range";
        }

        if (!meetings.Any(m => m.Kind == MeetingKind.Board && m.Date > day))
        {
            yield return "no board ahead";
        }
    }
}
