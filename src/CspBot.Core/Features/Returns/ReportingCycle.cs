using CspBot.Core.Domain;
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
}
