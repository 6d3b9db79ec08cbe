using CspBot.Core.Domain;
using CspBot.Core.Features.Delegations;
using CspBot.Core.Features.Scorecard;
using CspBot.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using CspBot.Core.Scheduling;
using Microsoft.Extensions.Logging;

namespace CspBot.Core.Features.Returns;

public enum SubmitOutcome
{
    Saved,

    /// <summary>The same answer was already saved (a double click): nothing changed.</summary>
    AlreadySaved,

    Invalid,

    /// <summary>Someone saved a newer answer after this form was shown; nothing was overwritten.</summary>
    Conflict,

    NotAllowed,

    PeriodClosed,

    /// <summary>The period is neither the open one nor reopened for amendment.</summary>
    PeriodNotOpen,

    UnknownItem,
}

public sealed record SubmitResult(SubmitOutcome Outcome, OwedItem? Item, IReadOnlyDictionary<string, string> Errors, Return? Current = null);

/// <summary>
/// Saves an owner's return (create or amend) with full history. The form carries the version it was shown with, so
/// a stale card or a second click never silently overwrites a newer answer.
/// </summary>
public sealed class ReturnService(CspDbContext db, OwedItems owed, DelegationRules delegations, ReportingCycle cycle, TimeProvider clock, ILogger<ReturnService> logger)
{
    private static readonly IReadOnlyDictionary<string, string> NoErrors = new Dictionary<string, string>();

    public async Task<SubmitResult> SubmitAsync(Member member, string reference, ReportingPeriod period, int shownVersion, ReturnInput input, ChangeSource source, CancellationToken cancellationToken)
    {
        var item = await owed.FindAsync(reference, period, cancellationToken);
        if (item is null)
        {
            return new SubmitResult(SubmitOutcome.UnknownItem, null, NoErrors);
        }

        if (!await CanChangeAsync(member, item, cancellationToken))
        {
            logger.LogWarning("{Member} may not change the return for {Ref}", member.Email, reference);
            return new SubmitResult(SubmitOutcome.NotAllowed, item, NoErrors);
        }

        switch (await cycle.IntakeAsync(period, cancellationToken))
        {
            case PeriodIntake.Closed:
                return new SubmitResult(SubmitOutcome.PeriodClosed, item, NoErrors);
            case PeriodIntake.NotOpen:
                logger.LogWarning("{Member} tried to save {Ref} for {Period}, which is not open for returns", member.Email, reference, period);
                return new SubmitResult(SubmitOutcome.PeriodNotOpen, item, NoErrors);
        }

        // A figure counted from police open data is not the owner's to type: theirs is the commentary (and, Red or
        // Amber, the measures to improve). An officer overrides a counted figure with a reason, elsewhere.
        // While a police-fed figure waits for months, the return holds no figure at all: the count fills it in later.
        var measuresRequired = false;
        var figureWaits = item.AwaitingCount;
        if (figureWaits)
        {
            input = input with { Actual = null };
        }
        else if ((item.PoliceFed || item.Figures is { Counted: true }) && item.Actual is { } counted && item.Indicator is { } indicator)
        {
            input = input with { Actual = counted.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            measuresRequired = IndicatorAssessment.Of(indicator, counted, item.Figures?.PreviousYear).Rag is Rag.Red or Rag.Amber;
        }

        var errors = ReturnRules.Validate(item.Kind, input, clock.LocalToday(), out var values, measuresRequired, figureWaits);
        if (errors.Count > 0)
        {
            return new SubmitResult(SubmitOutcome.Invalid, item, errors);
        }

        var existing = await db.Returns.FirstOrDefaultAsync(r => r.ItemKind == item.Kind && r.ItemRef == item.Ref && r.Period == period, cancellationToken);
        // Submitting the same answer again is a double click, unless an officer queried it: then it is the owner's reply.
        if (existing is not null && Same(existing, values) && existing.Check != ReturnCheck.Queried)
        {
            return new SubmitResult(SubmitOutcome.AlreadySaved, item, NoErrors, existing);
        }

        if ((existing?.Version ?? 0) != shownVersion)
        {
            return new SubmitResult(SubmitOutcome.Conflict, item, NoErrors, existing);
        }

        var now = clock.GetUtcNow();
        if (existing is null)
        {
            existing = new Return { ItemKind = item.Kind, ItemRef = item.Ref, Period = period, SubmittedBy = member.Email, SubmittedAt = now };
            db.Returns.Add(existing);
        }
        else
        {
            existing.Version++;
        }

        existing.Status = values.Status;
        existing.Commentary = values.Commentary;
        existing.MeasuresToImprove = values.Measures;
        existing.RevisedDate = values.RevisedDate;
        existing.Actual = values.Actual;
        existing.SubmittedBy = member.Email;
        existing.UpdatedAt = now;
        existing.Source = source;

        // Every new or amended answer waits for an officer to check it before it counts as checked for the board.
        existing.Check = ReturnCheck.AwaitingCheck;
        try
        {
            await db.SaveChangesWithHistoryAsync(member.Email, source, now, cancellationToken);
        }
        catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException || IsUniqueViolation(ex))
        {
            // Another submission for the same item won the race; report it rather than overwrite.
            db.ChangeTracker.Clear();
            var winner = await db.Returns.AsNoTracking().FirstOrDefaultAsync(r => r.ItemKind == item.Kind && r.ItemRef == item.Ref && r.Period == period, cancellationToken);
            return new SubmitResult(winner is not null && Same(winner, values) ? SubmitOutcome.AlreadySaved : SubmitOutcome.Conflict, item, NoErrors, winner);
        }

        logger.LogInformation("{Member} saved return {Ref} for {Period} (version {Version})", member.Email, item.Ref, period, existing.Version);
        return new SubmitResult(SubmitOutcome.Saved, item, NoErrors, existing);
    }

    /// <summary>Owners change their own returns and those delegated to them; officers any.</summary>
    public Task<bool> CanChangeAsync(Member member, OwedItem item, CancellationToken cancellationToken) =>
        delegations.CanChangeAsync(member, item.OwnerEmail, cancellationToken);

    private static bool Same(Return r, ReturnValues v) =>
        r.Status == v.Status && r.Commentary == v.Commentary && r.MeasuresToImprove == v.Measures && r.RevisedDate == v.RevisedDate && r.Actual == v.Actual;

    private static bool IsUniqueViolation(DbUpdateException ex) =>
        ex.InnerException?.Message.Contains("UNIQUE", StringComparison.OrdinalIgnoreCase) == true
        || ex.InnerException?.Message.Contains("duplicate key", StringComparison.OrdinalIgnoreCase) == true;
}
