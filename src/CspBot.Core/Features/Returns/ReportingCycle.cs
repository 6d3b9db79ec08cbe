using CspBot.Core.Domain;
using CspBot.Core.Features.Localisation;
using CspBot.Core.Features.Deadlines;
using CspBot.Core.Persistence;
using CspBot.Core.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace CspBot.Core.Features.Returns;

/// <summary>Which period is being reported on now, and its deadline from the meeting calendar and any override.</summary>
public sealed class ReportingCycle(CspDbContext db, DeadlineCalculator deadlines, TimeProvider clock)
{
    public ReportingPeriod OpenPeriod() => DeadlineCalculator.OpenPeriodOn(clock.LocalToday());

    public async Task<PeriodDeadline> DeadlineAsync(ReportingPeriod period, CancellationToken cancellationToken)
    {
        var meetings = await db.Meetings.AsNoTracking().Where(m => m.Kind == MeetingKind.Board).ToListAsync(cancellationToken);
        var settings = await db.PeriodSettings.AsNoTracking().FirstOrDefaultAsync(s => s.Period == period, cancellationToken);
        return deadlines.DeadlineFor(period, meetings, settings);
    }

    public async Task<PeriodSummary> SummaryAsync(ReportingPeriod period, CancellationToken cancellationToken) =>
        new(period, (await DeadlineAsync(period, cancellationToken)).Date);

    public Task<bool> IsClosedAsync(ReportingPeriod period, CancellationToken cancellationToken) =>
        db.PeriodSettings.AnyAsync(s => s.Period == period && s.ClosedAt != null, cancellationToken);

    /// <summary>
    /// Whether returns for <paramref name="period"/> may be saved now. The server decides, never the card: the open
    /// period takes returns until an officer closes it; any other period only while an officer has reopened it for
    /// amendment. So card data edited to name a future quarter, or a long-past one, is refused.
    /// </summary>
    public async Task<PeriodIntake> IntakeAsync(ReportingPeriod period, CancellationToken cancellationToken)
    {
        var settings = await db.PeriodSettings.AsNoTracking().FirstOrDefaultAsync(s => s.Period == period, cancellationToken);
        if (settings?.ClosedAt is not null)
        {
            return PeriodIntake.Closed;
        }

        return period == OpenPeriod() || settings?.OpenedForAmendmentAt is not null ? PeriodIntake.Open : PeriodIntake.NotOpen;
    }

    /// <summary>What an owner is told when <see cref="IntakeAsync"/> refuses a period.</summary>
    public string IntakeRefusal(ReportingPeriod period, PeriodIntake intake) => intake == PeriodIntake.Closed
        ? Terms.Format(ReturnText.IntakeClosed, Terms.Period(period))
        : Terms.Format(ReturnText.IntakeNotOpen, Terms.Period(period), Terms.Period(OpenPeriod()));
}

public enum PeriodIntake
{
    Open,

    /// <summary>An officer closed the period.</summary>
    Closed,

    /// <summary>Neither the open period nor one an officer reopened for amendment.</summary>
    NotOpen,
}
