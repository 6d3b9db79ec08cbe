using CspBot.Core.Domain;
using CspBot.Core.Features.Localisation;
using CspBot.Core.Persistence;
using CspBot.Core.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CspBot.Core.Features.Returns;

/// <summary>Whether a period is closed, or reopened for amendment, and since when.</summary>
public sealed record ClosingState(ReportingPeriod Period, DateTimeOffset? ClosedAt, DateTimeOffset? OpenedForAmendmentAt)
{
    public bool Closed => ClosedAt is not null;
}

/// <summary>
/// Closing a reporting period once the board has had its report: returns for it can no longer be submitted or amended
/// (the card says so), and no more reminders go out for it. Reopening undoes that. Both are kept in the change history.
/// </summary>
public sealed class PeriodClosing(CspDbContext db, ReportingCycle cycle, TimeProvider clock, ILogger<PeriodClosing> logger)
{
    public async Task<ClosingState> StateAsync(ReportingPeriod period, CancellationToken cancellationToken)
    {
        var settings = await db.PeriodSettings.AsNoTracking().FirstOrDefaultAsync(s => s.Period == period, cancellationToken);
        return new ClosingState(period, settings?.ClosedAt, settings?.OpenedForAmendmentAt);
    }

    public async Task<Refusable<ClosingState>> SetAsync(ReportingPeriod period, bool closed, string who, ChangeSource source, CancellationToken cancellationToken)
    {
        if (closed && clock.LocalToday() <= period.LastDay)
        {
            return Refusable<ClosingState>.No(Terms.Format(ReturnText.PeriodNotEnded, period, period.LastDay.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        }

        var settings = await db.SettingsForAsync(period, cancellationToken);

        // Closing twice keeps the first closing time; reopening an open period changes nothing. Reopening any other
        // period opens it for amendment (ReportingCycle.IntakeAsync) until it is closed again.
        var now = clock.GetUtcNow();
        settings.ClosedAt = closed ? settings.ClosedAt ?? now : null;
        settings.OpenedForAmendmentAt = closed || period == cycle.OpenPeriod() ? null : settings.OpenedForAmendmentAt ?? now;
        await db.SaveChangesWithHistoryAsync(who, source, now, cancellationToken);
        logger.LogInformation("{Period} {Action} by {Who}", period, closed ? "closed" : "reopened", who);
        return Refusable<ClosingState>.Done(new ClosingState(period, settings.ClosedAt, settings.OpenedForAmendmentAt));
    }
}
