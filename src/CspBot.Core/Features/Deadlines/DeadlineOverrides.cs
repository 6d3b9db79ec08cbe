using System.Globalization;
using CspBot.Core.Domain;
using CspBot.Core.Features.Localisation;
using CspBot.Core.Features.Returns;
using CspBot.Core.Persistence;

namespace CspBot.Core.Features.Deadlines;

/// <summary>An officer's own deadline for a period, in place of the one the meeting calendar gives; null removes it.</summary>
public sealed class DeadlineOverrides(CspDbContext db, ReportingCycle cycle, TimeProvider clock)
{
    /// <summary>The earliest and latest deadline an officer may set: from the quarter's last day to six months after.</summary>
    public static (DateOnly From, DateOnly To) Allowed(ReportingPeriod period) => (period.LastDay, period.LastDay.AddMonths(6));

    public async Task<Refusable<PeriodDeadline>> SetAsync(ReportingPeriod period, DateOnly? date, string who, ChangeSource source, CancellationToken cancellationToken)
    {
        var (from, to) = Allowed(period);
        if (date is { } day && (day < from || day > to))
        {
            return Refusable<PeriodDeadline>.No(Terms.Format(DeadlineText.OverrideOutOfRange, Terms.Period(period),
                from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        }

        var settings = await db.SettingsForAsync(period, cancellationToken);
        settings.DeadlineOverride = date;
        await db.SaveChangesWithHistoryAsync(who, source, clock.GetUtcNow(), cancellationToken);
        return Refusable<PeriodDeadline>.Done(await cycle.DeadlineAsync(period, cancellationToken));
    }
}
