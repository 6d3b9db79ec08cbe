namespace CspBot.Core.Features.Deadlines;

/// <summary>
/// The partnership's deadline rules (configuration section "Deadlines"). Defaults follow the officer's practice:
/// returns are in 10 working days before the board so the report can be written and circulated.
/// </summary>
public sealed class DeadlineOptions
{
    public const string Section = "Deadlines";

    /// <summary>The deadline is this many working days before the first board meeting after the quarter ends.</summary>
    public int WorkingDaysBeforeBoard { get; set; } = 10;

    /// <summary>Used when no board meeting is known (or none is near enough to be the one for this quarter).</summary>
    public int WorkingDaysAfterQuarterEndWhenNoMeeting { get; set; } = 15;

    /// <summary>Owners need time after the quarter ends to gather figures: a board this soon is left to the next one.</summary>
    public int MinimumWorkingDaysAfterQuarterEnd { get; set; } = 5;

    /// <summary>One-off holidays announced after this release (a royal occasion, say); treated as non-working days.</summary>
    public List<DateOnly> ExtraHolidays { get; set; } = [];

    /// <summary>
    /// When reminders go, in working days from the deadline: negative before, 0 on the day, positive overdue.
    /// The largest is the final stage, at which the officer and chair are told who is late.
    /// </summary>
    public List<int> ReminderStages { get; set; } = [.. DefaultReminderStages];

    public static IReadOnlyList<int> DefaultReminderStages { get; } = [-10, -3, 0, 2, 5];
}
