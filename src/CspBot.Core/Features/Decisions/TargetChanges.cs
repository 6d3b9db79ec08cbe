using CspBot.Core.Domain;
using CspBot.Core.Features.Localisation;
using CspBot.Core.Features.Reports;
using CspBot.Core.Features.Returns;
using CspBot.Core.Persistence;
using CspBot.Core.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CspBot.Core.Features.Decisions;

/// <summary>What an officer typed to record a target change (all text, as cards and forms send it).</summary>
public sealed record TargetChangeInput(string? Indicator, string? NewTarget, string? FromPeriod, string? DecidedBy, string? DecidedOn, string? Reason);

/// <summary>
/// Targets changed by decision of the PMG or the board. A change applies from its period on: the quarters before keep
/// the target they were reported against, and the report of its first period says what changed, by whom and when.
/// </summary>
public sealed class TargetChanges(CspDbContext db, ReportingCycle cycle, TimeProvider clock, ILogger<TargetChanges> logger)
{
    public const int MaxReason = 1000;

    /// <summary>Who may be named as having decided (the seeds' words).</summary>
    public static readonly IReadOnlyList<string> Deciders = ["the PMG", "the Board"];

    /// <summary>A decider (as stored) in the language now, for the card's choice.</summary>
    public static string Decider(string stored) => stored == Deciders[0] ? DecisionText.DecidedByThePmg : stored == Deciders[1] ? DecisionText.DecidedByTheBoard : stored;

    /// <summary>The target in force for <paramref name="period"/>, given the indicator's changes (any order).</summary>
    public static decimal TargetFor(decimal current, IEnumerable<TargetChange> changes, ReportingPeriod period)
    {
        var ordered = changes.OrderBy(c => c.FromPeriod).ToList();
        if (ordered.LastOrDefault(c => c.FromPeriod <= period) is { } inForce)
        {
            return inForce.NewTarget;
        }

        return ordered.FirstOrDefault() is { } later ? later.OldTarget : current;
    }

    /// <summary>Sets each (untracked) indicator's <see cref="Indicator.Target"/> to the one in force for <paramref name="period"/>.</summary>
    public static async Task ApplyAsync(CspDbContext db, IReadOnlyCollection<Indicator> indicators, ReportingPeriod period, CancellationToken cancellationToken)
    {
        if (indicators.Count == 0 || !await db.TargetChanges.AnyAsync(cancellationToken))
        {
            return;
        }

        var ids = indicators.Select(i => i.Id).ToList();
        var changes = (await db.TargetChanges.AsNoTracking().Where(t => ids.Contains(t.IndicatorId)).ToListAsync(cancellationToken)).ToLookup(t => t.IndicatorId);
        foreach (var indicator in indicators.Where(i => changes.Contains(i.Id)))
        {
            indicator.Target = TargetFor(indicator.Target, changes[indicator.Id], period);
        }
    }

    /// <summary>"target raised from 55% to 60% by the PMG on 12 September 2026", for each indicator whose change starts in <paramref name="period"/>.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> NotesAsync(CspDbContext db, ReportingPeriod period, CancellationToken cancellationToken)
    {
        var starting = await db.TargetChanges.AsNoTracking().Where(t => t.FromPeriod == period)
            .Select(t => new { t.Indicator.Ref, t.Indicator.Unit, t.OldTarget, t.NewTarget, t.DecidedBy, t.DecidedOn })
            .ToListAsync(cancellationToken);
        return starting.ToDictionary(t => t.Ref, t => Note(t.OldTarget, t.NewTarget, t.Unit, t.DecidedBy, t.DecidedOn), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>"target raised from 55% to 60% by the PMG on 12 September 2026", in the language now (the Welsh board paper says it in Welsh).</summary>
    public static string Note(decimal oldTarget, decimal newTarget, string? unit, string decidedBy, DateOnly decidedOn)
    {
        var raised = newTarget > oldTarget;
        var sentence = decidedBy == Deciders[0] ? (raised ? DecisionText.NoteRaisedByThePmg : DecisionText.NoteLoweredByThePmg)
            : decidedBy == Deciders[1] ? (raised ? DecisionText.NoteRaisedByTheBoard : DecisionText.NoteLoweredByTheBoard)
            : raised ? DecisionText.NoteRaisedBy : DecisionText.NoteLoweredBy;
        return Terms.Format(sentence, ExceptionReport.WithUnit(oldTarget, unit), ExceptionReport.WithUnit(newTarget, unit), ExceptionReport.LongDate(decidedOn), decidedBy);
    }

    /// <summary>The periods a change may start from: the open one and the next four (a decision is not backdated).</summary>
    public IReadOnlyList<ReportingPeriod> Periods()
    {
        var open = cycle.OpenPeriod();
        return [.. Enumerable.Range(0, 5).Select(open.AddQuarters)];
    }

    public async Task<Refusable<TargetChange>> RecordAsync(Member officer, TargetChangeInput input, ChangeSource source, CancellationToken cancellationToken)
    {
        if (!officer.May(Permissions.CheckReturns))
        {
            return Refusable<TargetChange>.No(DecisionText.NotAnOfficerNothingChanged);
        }

        var reference = (input.Indicator ?? string.Empty).Trim();
        var indicator = await db.Indicators.FirstOrDefaultAsync(i => i.Ref == reference, cancellationToken);
        var reason = FreeText.Normalise(input.Reason) ?? string.Empty;
        var decidedBy = Deciders.FirstOrDefault(d => string.Equals(d, input.DecidedBy?.Trim(), StringComparison.OrdinalIgnoreCase));
        var problems = new List<string>();
        if (indicator is null)
        {
            problems.Add(DecisionText.ChooseIndicator);
        }

        if (!ReturnRules.TryParseFigure((input.NewTarget ?? string.Empty).Trim().TrimEnd('%').Trim(), out var target))
        {
            problems.Add(DecisionText.TargetAsNumber);
        }

        if (!ReportingPeriod.TryParse(input.FromPeriod, out var from) || !Periods().Contains(from))
        {
            problems.Add(Terms.Format(DecisionText.ChoosePeriod, Terms.Period(Periods()[0])));
        }

        if (decidedBy is null)
        {
            problems.Add(DecisionText.SayWhoDecided);
        }

        var today = clock.LocalToday();
        if (!DateOnly.TryParseExact(input.DecidedOn?.Trim(), "yyyy-MM-dd", out var decidedOn) || decidedOn > today || decidedOn < today.AddYears(-1))
        {
            problems.Add(DecisionText.GiveDecisionDate);
        }

        if (reason.Length == 0 || reason.Length > MaxReason)
        {
            problems.Add(reason.Length == 0 ? DecisionText.GiveReason : Terms.Format(DecisionText.ReasonTooLong, MaxReason));
        }

        if (problems.Count > 0)
        {
            return Refusable<TargetChange>.No(Terms.Format(DecisionText.NothingChanged, string.Join(" ", problems)));
        }

        var existing = await db.TargetChanges.Where(t => t.IndicatorId == indicator!.Id).ToListAsync(cancellationToken);
        var before = TargetFor(indicator!.Target, existing, from);
        if (before == target)
        {
            return Refusable<TargetChange>.No(Terms.Format(DecisionText.TargetAlready, indicator.Ref, ExceptionReport.WithUnit(target, indicator.Unit), Terms.Period(from)));
        }

        var change = existing.FirstOrDefault(t => t.FromPeriod == from);
        if (change is null)
        {
            change = new TargetChange { Indicator = indicator, FromPeriod = from, OldTarget = before, DecidedBy = decidedBy!, Reason = reason, RecordedBy = officer.Email };
            db.TargetChanges.Add(change);
        }

        change.NewTarget = target;
        change.DecidedBy = decidedBy!;
        change.DecidedOn = decidedOn;
        change.Reason = reason;
        change.RecordedBy = officer.Email;
        change.RecordedAt = clock.GetUtcNow();

        // The indicator's own target is the latest decided one, so the Plans page and the workbook export show it.
        indicator.Target = TargetFor(indicator.Target, [.. existing.Where(t => t != change), change], Periods()[^1]);
        await db.SaveChangesWithHistoryAsync(officer.Email, source, clock.GetUtcNow(), cancellationToken);
        logger.LogInformation("{Officer} recorded {Indicator}'s target {Old} → {New} from {From}, decided by {DecidedBy} on {DecidedOn}",
            officer.Email, indicator.Ref, before, target, from, decidedBy, decidedOn);
        return Refusable<TargetChange>.Done(change);
    }
}
