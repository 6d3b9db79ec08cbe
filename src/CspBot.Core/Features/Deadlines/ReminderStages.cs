using System.Globalization;
using CspBot.Core.Domain;
using Microsoft.Extensions.Options;

namespace CspBot.Core.Features.Deadlines;

/// <summary>
/// One reminder stage, as working days from the deadline (negative before, 0 on the day, positive overdue).
/// <see cref="Key"/> is stable so a reminder's outbox key can include it and never be sent twice.
/// </summary>
public readonly record struct ReminderStage(int WorkingDaysFromDeadline)
{
    public bool IsOverdue => WorkingDaysFromDeadline > 0;

    /// <summary>"before-10", "deadline", "overdue-2".</summary>
    public string Key => WorkingDaysFromDeadline switch
    {
        < 0 => $"before-{Days(-WorkingDaysFromDeadline)}",
        0 => "deadline",
        _ => $"overdue-{Days(WorkingDaysFromDeadline)}",
    };

    /// <summary>For messages, in the language now: "10 working days before the deadline", "deadline day", "2 working days overdue".</summary>
    public string Description => WorkingDaysFromDeadline switch
    {
        < 0 => Counted.In(DeadlineText.ResourceManager, "StageBefore", -WorkingDaysFromDeadline),
        0 => DeadlineText.StageDeadlineDay,
        _ => Counted.In(DeadlineText.ResourceManager, "StageOverdue", WorkingDaysFromDeadline),
    };

    public override string ToString() => Description;

    private static string Days(int days) => days.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// When reminders are due relative to a deadline. Pure: given today and the deadline it says which stage, if any,
/// falls today, so the reminder job can run daily (or be retried) and still send each stage on exactly one day.
/// </summary>
public sealed class ReminderStages
{
    private readonly WorkingDayCalendar calendar;

    public ReminderStages(WorkingDayCalendar calendar, IOptions<DeadlineOptions> options)
    {
        this.calendar = calendar;
        All = [.. options.Value.ReminderStages.Distinct().Order().Select(d => new ReminderStage(d))];
    }

    /// <summary>The stages in the order they fall.</summary>
    public IReadOnlyList<ReminderStage> All { get; }

    /// <summary>
    /// The stage due on <paramref name="today"/>, or null on a weekend, a holiday or a day between stages. A deadline
    /// that is not a working day counts as the next working day, so every stage still falls on exactly one day.
    /// </summary>
    public ReminderStage? StageOn(DateOnly today, DateOnly deadline)
    {
        if (!calendar.IsWorkingDay(today))
        {
            return null;
        }

        var offset = calendar.WorkingDaysBetween(calendar.AddWorkingDays(deadline, 0), today);
        return All.Any(s => s.WorkingDaysFromDeadline == offset) ? new ReminderStage(offset) : null;
    }

    /// <summary>The day <paramref name="stage"/> falls for <paramref name="deadline"/> (for digests and tests).</summary>
    public DateOnly DateOf(ReminderStage stage, DateOnly deadline) =>
        calendar.AddWorkingDays(calendar.AddWorkingDays(deadline, 0), stage.WorkingDaysFromDeadline);

    /// <summary>The last stage, at which the officer and chair are also told who is late.</summary>
    public bool IsFinalStage(ReminderStage stage) => All.Count > 0 && stage == All[^1];
}
