using CspBot.Core.Domain;
using CspBot.Core.Features.Calendar;
using CspBot.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CspBot.Core.Tests.Calendar;

/// <summary>An officer's changes to the meeting calendar: checked, saved one at a time, and all in the change history.</summary>
public sealed class MeetingCalendarTests : IDisposable
{
    private readonly TestDatabase database = new();
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2025, 10, 20, 9, 0, 0, TimeSpan.Zero));

    public void Dispose() => database.Dispose();

    private MeetingCalendar Calendar(CspBot.Core.Persistence.CspDbContext db) => new(db, clock, NullLogger<MeetingCalendar>.Instance);

    [Fact]
    public async Task AddMoveRemove_AreEachRecordedWithWhoAndWhen()
    {
        await using var db = database.CreateContext();
        var calendar = Calendar(db);

        var added = await calendar.AddAsync(new DateOnly(2026, 1, 22), MeetingKind.Board, "officer@council.example", ChangeSource.Console, CancellationToken.None);
        Assert.False(added.Refused, added.Refusal);
        var moved = await calendar.MoveAsync(added.Value!.Id, new DateOnly(2026, 1, 29), "officer@council.example", ChangeSource.Console, CancellationToken.None);
        Assert.False(moved.Refused, moved.Refusal);
        Assert.Equal(new DateOnly(2026, 1, 29), (await calendar.AllAsync(CancellationToken.None)).Single().Date);
        var removed = await calendar.RemoveAsync(added.Value.Id, "officer@council.example", ChangeSource.Console, CancellationToken.None);
        Assert.False(removed.Refused, removed.Refusal);
        Assert.Empty(await calendar.AllAsync(CancellationToken.None));

        var history = await db.ChangeHistory.AsNoTracking().Where(c => c.Entity == nameof(Meeting) && c.Field == "Date").OrderBy(c => c.Id).ToListAsync();
        Assert.Equal([(null, "2026-01-22"), ("2026-01-22", "2026-01-29"), ("2026-01-29", null)], history.Select(c => (c.OldValue, c.NewValue)));
        Assert.All(history, c => Assert.Equal(("officer@council.example", ChangeSource.Console), (c.ChangedBy, c.Source)));
    }

    [Fact]
    public async Task ATwinOrAFarOffDate_IsRefused_AndChangesNothing()
    {
        await using var db = database.CreateContext();
        var calendar = Calendar(db);
        var board = await calendar.AddAsync(new DateOnly(2026, 1, 22), MeetingKind.Board, "officer", ChangeSource.Console, CancellationToken.None);
        var pmg = await calendar.AddAsync(new DateOnly(2026, 1, 8), MeetingKind.Pmg, "officer", ChangeSource.Console, CancellationToken.None);
        var history = await db.ChangeHistory.CountAsync();

        Assert.Equal("There is already a board meeting on 22 January 2026.", (await calendar.AddAsync(new DateOnly(2026, 1, 22), MeetingKind.Board, "officer", ChangeSource.Console, CancellationToken.None)).Refusal);
        Assert.StartsWith("A meeting must fall between 2023-10-20 and 2030-10-20", (await calendar.AddAsync(new DateOnly(2099, 1, 1), MeetingKind.Board, "officer", ChangeSource.Console, CancellationToken.None)).Refusal);
        Assert.Equal("A meeting is a board or a PMG meeting.", (await calendar.AddAsync(new DateOnly(2026, 2, 1), (MeetingKind)7, "officer", ChangeSource.Console, CancellationToken.None)).Refusal);
        Assert.Equal("There is already a PMG meeting on 8 January 2026.", (await calendar.AddAsync(new DateOnly(2026, 1, 8), MeetingKind.Pmg, "officer", ChangeSource.Console, CancellationToken.None)).Refusal);
        Assert.True((await calendar.MoveAsync(pmg.Value!.Id, new DateOnly(1999, 1, 1), "officer", ChangeSource.Console, CancellationToken.None)).Refused);
        Assert.Equal("That meeting is no longer in the calendar.", (await calendar.RemoveAsync(9999, "officer", ChangeSource.Console, CancellationToken.None)).Refusal);

        // A board and a PMG on the same day are two meetings.
        Assert.False((await calendar.MoveAsync(pmg.Value.Id, new DateOnly(2026, 1, 22), "officer", ChangeSource.Console, CancellationToken.None)).Refused);
        Assert.Equal(2, (await calendar.AllAsync(CancellationToken.None)).Count);
        Assert.Equal(history + 1, await db.ChangeHistory.CountAsync());
        Assert.Equal(new DateOnly(2026, 1, 22), (await calendar.AllAsync(CancellationToken.None)).Single(m => m.Id == board.Value!.Id).Date);
    }
}
