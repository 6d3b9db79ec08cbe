using CspBot.Core.Domain;
using CspBot.Core.Features.Localisation;
using CspBot.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CspBot.Core.Features.Variation;

/// <summary>
/// An officer rebases an indicator's chart (a new segment from a period, with a reason: after a change of recording
/// practice, say) or undoes a rebase. Both are kept in the change history; an undone rebase is withdrawn, not deleted.
/// The chart (<see cref="IndicatorSpc"/>) starts its current segment at <see cref="SegmentStart"/>.
/// </summary>
public sealed class SpcRebases(CspDbContext db, IndicatorSpc spc, TimeProvider clock, ILogger<SpcRebases> logger)
{
    public const int MaxReason = 1000;

    /// <summary>The current segment's first period for <paramref name="period"/>: the latest rebase at or before it that is not withdrawn; null for none.</summary>
    public static ReportingPeriod? SegmentStart(IEnumerable<SpcRebase> rebases, ReportingPeriod period) =>
        rebases.Where(r => !r.Withdrawn && r.FromPeriod <= period).Select(r => (ReportingPeriod?)r.FromPeriod).Max();

    /// <summary>The indicator's rebases in force (not withdrawn), oldest first; null when there is no such indicator.</summary>
    public async Task<IReadOnlyList<SpcRebase>?> ListAsync(string reference, CancellationToken cancellationToken)
    {
        var indicator = await FindAsync(reference, cancellationToken);
        return indicator is null ? null
            : [.. (await db.SpcRebases.AsNoTracking().Where(r => r.IndicatorId == indicator.Id && !r.Withdrawn).ToListAsync(cancellationToken)).OrderBy(r => r.FromPeriod)];
    }

    /// <summary>
    /// Starts a new segment of <paramref name="reference"/>'s chart at <paramref name="from"/>, which must be a quarter
    /// the indicator has a figure for, after its first; a reason is required. Rebasing at the same period again replaces
    /// the reason (and restores a withdrawn rebase). Null when there is no such indicator.
    /// </summary>
    public async Task<Refusable<SpcRebase>?> RebaseAsync(string reference, string? from, string? reason, string who, ChangeSource source, CancellationToken cancellationToken)
    {
        var indicator = await FindAsync(reference, cancellationToken);
        if (indicator is null)
        {
            return null;
        }

        var problems = new List<string>();
        var quarters = await spc.QuartersWithFiguresAsync(indicator, cancellationToken);
        if (!ReportingPeriod.TryParse(from, out var period))
        {
            problems.Add(Terms.Format(VariationText.RebaseFromNotPeriod, from));
        }
        else if (!quarters.Contains(period) || period == quarters[0])
        {
            problems.Add(quarters.Count < 2
                ? Terms.Format(VariationText.RebaseTooFewQuarters, indicator.Ref)
                : Terms.Format(VariationText.RebaseFromNotQuarter, period, indicator.Ref, quarters[1], quarters[^1]));
        }

        var text = FreeText.Normalise(reason) ?? string.Empty;
        if (text.Length == 0)
        {
            problems.Add(VariationText.RebaseReasonNeeded);
        }
        else if (text.Length > MaxReason)
        {
            problems.Add(Terms.Format(VariationText.RebaseReasonTooLong, MaxReason, text.Length));
        }

        if (problems.Count > 0)
        {
            return Refusable<SpcRebase>.No(Terms.Format(VariationText.RebaseNothingChanged, string.Join(" ", problems)));
        }

        var now = clock.GetUtcNow();
        var rebase = await db.SpcRebases.FirstOrDefaultAsync(r => r.IndicatorId == indicator.Id && r.FromPeriod == period, cancellationToken);
        if (rebase is null)
        {
            rebase = new SpcRebase { Indicator = indicator, FromPeriod = period, Reason = text, DecidedBy = who };
            db.SpcRebases.Add(rebase);
        }

        rebase.Reason = text;
        rebase.DecidedBy = who;
        rebase.DecidedAt = now;
        rebase.Withdrawn = false;
        await db.SaveChangesWithHistoryAsync(who, source, now, cancellationToken);
        logger.LogInformation("{Officer} rebased {Indicator}'s chart from {From}", who, indicator.Ref, period);
        return Refusable<SpcRebase>.Done(rebase);
    }

    /// <summary>Undoes the rebase of <paramref name="reference"/> at <paramref name="from"/> (withdrawn, kept in the history). Null when there is no such indicator.</summary>
    public async Task<Refusable<SpcRebase>?> WithdrawAsync(string reference, string? from, string who, ChangeSource source, CancellationToken cancellationToken)
    {
        var indicator = await FindAsync(reference, cancellationToken);
        if (indicator is null)
        {
            return null;
        }

        if (!ReportingPeriod.TryParse(from, out var period))
        {
            return Refusable<SpcRebase>.No(Terms.Format(VariationText.RebaseNothingChanged, Terms.Format(VariationText.RebaseFromNotPeriod, from)));
        }

        var rebase = await db.SpcRebases.FirstOrDefaultAsync(r => r.IndicatorId == indicator.Id && r.FromPeriod == period && !r.Withdrawn, cancellationToken);
        if (rebase is null)
        {
            return Refusable<SpcRebase>.No(Terms.Format(VariationText.RebaseNothingChanged, Terms.Format(VariationText.RebaseNotRebased, indicator.Ref, period)));
        }

        rebase.Withdrawn = true;
        var now = clock.GetUtcNow();
        await db.SaveChangesWithHistoryAsync(who, source, now, cancellationToken);
        logger.LogInformation("{Officer} withdrew the rebase of {Indicator}'s chart from {From}", who, indicator.Ref, period);
        return Refusable<SpcRebase>.Done(rebase);
    }

    private Task<Indicator?> FindAsync(string reference, CancellationToken cancellationToken)
    {
        var wanted = reference.Trim().ToUpperInvariant();
        return db.Indicators.FirstOrDefaultAsync(i => i.Ref.ToUpper() == wanted, cancellationToken);
    }
}
