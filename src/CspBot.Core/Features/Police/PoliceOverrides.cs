using CspBot.Core.Domain;
using CspBot.Core.Features.Localisation;
using CspBot.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CspBot.Core.Features.Police;

/// <summary>
/// An officer's own figure for a police-fed indicator, over the counted one, with the reason (a recording error the
/// force has confirmed, say). A later count leaves it alone; the history keeps both figures and the reason.
/// </summary>
public static class PoliceOverrides
{
    public const int MaxReason = 1000;

    public static async Task<Refusable<IndicatorValue>> SetAsync(CspDbContext db, TimeProvider clock, string reference, ReportingPeriod period, decimal? actual, string? reason, string who, ChangeSource source, CancellationToken cancellationToken)
    {
        var why = FreeText.Normalise(reason) ?? string.Empty;
        var indicator = await db.Indicators.FirstOrDefaultAsync(i => i.Ref == reference.Trim(), cancellationToken);
        if (indicator is null)
        {
            return Refusable<IndicatorValue>.No(Terms.Format(PoliceText.NoIndicator, reference));
        }

        if (actual is not { } figure || Math.Abs(figure) >= 1_000_000_000_000m)
        {
            return Refusable<IndicatorValue>.No(PoliceText.FigureNotNumber);
        }

        if (why.Length == 0 || why.Length > MaxReason)
        {
            return Refusable<IndicatorValue>.No(why.Length == 0 ? PoliceText.ReasonNeeded : Terms.Format(PoliceText.ReasonTooLong, MaxReason));
        }

        var value = await db.IndicatorValues.FirstOrDefaultAsync(v => v.IndicatorId == indicator.Id && v.Period == period, cancellationToken);
        if (value is null)
        {
            value = new IndicatorValue { Indicator = indicator, Period = period };
            db.IndicatorValues.Add(value);
        }

        value.Actual = figure;
        value.OverrideReason = why;
        await PoliceIndicators.SetReturnedAsync(db, indicator.Ref, period, figure, cancellationToken);
        await db.SaveChangesWithHistoryAsync(who, source, clock.GetUtcNow(), cancellationToken);
        return Refusable<IndicatorValue>.Done(value);
    }
}
