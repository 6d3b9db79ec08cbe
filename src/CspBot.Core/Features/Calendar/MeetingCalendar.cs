using CspBot.Core.Domain;
using CspBot.Core.Features.Localisation;
using CspBot.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CspBot.Core.Features.Calendar;

/// <summary>
/// The board and PMG meetings, changed one at a time by an officer (the import replaces them in bulk). Deadlines follow
/// the board meetings (DeadlineCalculator), so adding, moving or removing a board moves the deadlines that hang on it.
/// Every change is in the change history, a removal included.
/// </summary>
public sealed class MeetingCalendar(CspDbContext db, TimeProvider clock, ILogger<MeetingCalendar> logger)
{
    /// <summary>The dates a meeting may be set on (<see cref="CalendarBounds"/>, as the import checks them).</summary>
    public (DateOnly From, DateOnly To) Allowed()
    {
        var bounds = CalendarBounds.On(clock);
        return (bounds.FirstMeeting, bounds.LastMeeting);
    }

    public async Task<IReadOnlyList<Meeting>> AllAsync(CancellationToken cancellationToken) =>
        await db.Meetings.AsNoTracking().OrderBy(m => m.Date).ThenBy(m => m.Kind).ToListAsync(cancellationToken);

    public async Task<Refusable<Meeting>> AddAsync(DateOnly date, MeetingKind kind, string who, ChangeSource source, CancellationToken cancellationToken)
    {
        if (await RefusalAsync(date, kind, null, cancellationToken) is { } refusal)
        {
            return Refusable<Meeting>.No(refusal);
        }

        var meeting = new Meeting { Date = date, Kind = kind };
        db.Meetings.Add(meeting);
        await db.SaveChangesWithHistoryAsync(who, source, clock.GetUtcNow(), cancellationToken);
        logger.LogInformation("{Who} added the {Kind} meeting on {Date}", who, kind, date);
        return Refusable<Meeting>.Done(meeting);
    }

    public async Task<Refusable<Meeting>> MoveAsync(int id, DateOnly date, string who, ChangeSource source, CancellationToken cancellationToken)
    {
        if (await db.Meetings.FirstOrDefaultAsync(m => m.Id == id, cancellationToken) is not { } meeting)
        {
            return Refusable<Meeting>.No(CalendarText.MeetingGone);
        }

        if (await RefusalAsync(date, meeting.Kind, id, cancellationToken) is { } refusal)
        {
            return Refusable<Meeting>.No(refusal);
        }

        var from = meeting.Date;
        meeting.Date = date;
        await db.SaveChangesWithHistoryAsync(who, source, clock.GetUtcNow(), cancellationToken);
        logger.LogInformation("{Who} moved the {Kind} meeting from {From} to {Date}", who, meeting.Kind, from, date);
        return Refusable<Meeting>.Done(meeting);
    }

    public async Task<Refusable<Meeting>> RemoveAsync(int id, string who, ChangeSource source, CancellationToken cancellationToken)
    {
        if (await db.Meetings.FirstOrDefaultAsync(m => m.Id == id, cancellationToken) is not { } meeting)
        {
            return Refusable<Meeting>.No(CalendarText.MeetingGone);
        }

        db.Meetings.Remove(meeting);

        // The history records what was added or changed; a removal is written here, as a change to nothing.
        db.ChangeHistory.Add(new ChangeRecord
        {
            Entity = nameof(Meeting),
            EntityKey = $"{meeting.Date:yyyy-MM-dd} {meeting.Kind}",
            Field = "Date",
            OldValue = meeting.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            NewValue = null,
            ChangedBy = who,
            ChangedAt = clock.GetUtcNow(),
            Source = source,
        });
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("{Who} removed the {Kind} meeting on {Date}", who, meeting.Kind, meeting.Date);
        return Refusable<Meeting>.Done(meeting);
    }

    private async Task<string?> RefusalAsync(DateOnly date, MeetingKind kind, int? moving, CancellationToken cancellationToken)
    {
        if (CalendarBounds.On(clock).MeetingRefusal(date) is { } outside)
        {
            return outside;
        }

        if (!Enum.IsDefined(kind))
        {
            return CalendarText.MeetingKindUnknown;
        }

        return await db.Meetings.AnyAsync(m => m.Date == date && m.Kind == kind && m.Id != moving, cancellationToken)
            ? Terms.Format(kind == MeetingKind.Board ? CalendarText.AlreadyBoardMeeting : CalendarText.AlreadyPmgMeeting, Words.Date(date, "d MMMM yyyy"))
            : null;
    }

    public static string Name(MeetingKind kind) => kind == MeetingKind.Board ? "board" : "PMG";
}
