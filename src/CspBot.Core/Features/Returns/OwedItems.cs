using CspBot.Core.Domain;
using CspBot.Core.Features.Localisation;
using CspBot.Core.Features.Decisions;
using CspBot.Core.Features.Scorecard;
using CspBot.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CspBot.Core.Features.Returns;

/// <summary>One action or indicator an owner reports on for a period, with their return so far (if any).</summary>
public sealed record OwedItem(
    ItemKind Kind,
    string Ref,
    string Title,
    string Context,
    string OwnerEmail,
    string Agency,
    bool Restricted,
    Indicator? Indicator,
    IndicatorValue? Figures,
    Return? Return)
{
    public bool Returned => Return is not null;

    /// <summary>An officer has asked the owner about this return and the owner has not amended it since.</summary>
    public bool Queried => Return?.Check == ReturnCheck.Queried;

    /// <summary>Returned, and not yet accepted or queried by an officer.</summary>
    public bool AwaitingCheck => Return?.Check == ReturnCheck.AwaitingCheck;

    /// <summary>What the owner still has to do something about: not returned, or queried (reminders include both).</summary>
    public bool Owes => !Returned || Queried;

    /// <summary>The strategic outcome the item serves (the scorecard groups by it).</summary>
    public StrategicOutcome? Outcome { get; init; }

    /// <summary>The owner as loaded with the item (read-only).</summary>
    public Member? Owner { get; init; }

    /// <summary>The delivery plan an action belongs to; null for an indicator.</summary>
    public string? Plan { get; init; }

    /// <summary>An action's due period (null for an indicator).</summary>
    public ReportingPeriod? DuePeriod { get; init; }

    /// <summary>
    /// <see cref="Context"/> in the language now ("DV plan · due 2025-26 Q3", "Indicator · Reduce re-offending"): items are
    /// read once for everyone a reminder goes to, and each card is written in its owner's language.
    /// </summary>
    public string ContextText => (Kind, Plan, DuePeriod, Outcome) switch
    {
        (ItemKind.Action, { } plan, { } due, _) => Terms.Format(ReturnText.ActionContext, plan, Terms.Period(due)),
        (ItemKind.Indicator, _, _, { } outcome) => Terms.Format(ReturnText.IndicatorContext, outcome.Title),
        _ => Context,
    };

    /// <summary>Counted from police open data (the indicator has a police source): its figure is counted, never typed.</summary>
    public bool PoliceFed { get; init; }

    /// <summary>
    /// The indicator's figure for the period, the one rule every reader uses: a police-fed indicator's is the counted
    /// one (or an officer's over it, with a reason), whatever an owner typed, and none of theirs while it waits for
    /// months; any other indicator's is its owner's return, else the imported figure.
    /// </summary>
    public decimal? Actual => Indicator is null ? null
        : PoliceFed || Figures is { Counted: true } ? Figures?.Actual
        : Return?.Actual ?? Figures?.Actual;

    /// <summary>A police-fed indicator whose figure is not counted yet (nor set by an officer): its owner gives the commentary only.</summary>
    public bool AwaitingCount => PoliceFed && Figures is not ({ Counted: true } or { OverrideReason: not null });

    /// <summary>The return's rating: an action's status as the owner gave it, an indicator's RAG computed from its figure.</summary>
    public string? Rating => Return switch
    {
        { Status: { } status } => status.ToString(),
        not null when Indicator is { } indicator && Actual is { } actual => IndicatorAssessment.Of(indicator, actual, Figures?.PreviousYear).Rag?.ToString(),
        _ => null,
    };

    /// <summary>
    /// The refusal for someone who may not change this item. It names the owner and their agency, never their email:
    /// a refusal must not hand one agency another's contact details.
    /// </summary>
    public string NotYours => Terms.Format(ReturnText.NotYours, Ref, Owner?.Name ?? ReturnText.AnotherOwner, Owner?.Agency ?? Agency);
}

public static class OwedItemOrder
{
    /// <summary>The order every card lists items in: outstanding (and queried) first, then actions before indicators, then by reference.</summary>
    public static IReadOnlyList<OwedItem> InCardOrder(this IEnumerable<OwedItem> items) =>
        items.OrderBy(i => !i.Owes).ThenBy(i => i.Kind).ThenBy(i => i.Ref, StringComparer.Ordinal).ToList();
}

/// <summary>
/// Works out what each owner owes for a period: every action they own that was not completed in an earlier period,
/// and every indicator they own.
/// </summary>
public sealed class OwedItems(CspDbContext db)
{
    public async Task<IReadOnlyList<OwedItem>> ForOwnerAsync(int memberId, ReportingPeriod period, CancellationToken cancellationToken) =>
        await ForAsync(memberId, period, cancellationToken);

    public async Task<IReadOnlyList<OwedItem>> AllAsync(ReportingPeriod period, CancellationToken cancellationToken) =>
        await ForAsync(null, period, cancellationToken);

    public async Task<OwedItem?> FindAsync(string reference, ReportingPeriod period, CancellationToken cancellationToken) =>
        (await ForAsync(null, period, cancellationToken, reference)).FirstOrDefault();

    private async Task<IReadOnlyList<OwedItem>> ForAsync(int? memberId, ReportingPeriod period, CancellationToken ct, string? reference = null)
    {
        // Owners, plans and outcomes are read once each and joined here: joined in SQL, every action's row carried its
        // owner, plan and outcome again, which made the scorecard's read of a thousand actions the bulk of its time.
        var actions = await db.Actions.AsNoTracking()
            .Where(a => memberId == null || a.OwnerId == memberId)
            .Where(a => reference == null || a.Ref == reference)
            .ToListAsync(ct);
        var indicators = await db.Indicators.AsNoTracking()
            .Where(i => memberId == null || i.OwnerId == memberId)
            .Where(i => reference == null || i.Ref == reference)
            .ToListAsync(ct);
        // A target changed by decision applies from its period: each quarter is judged against its own target.
        await TargetChanges.ApplyAsync(db, indicators, period, ct);
        var everyone = memberId == null && reference == null;
        var ownerIds = actions.Select(a => a.OwnerId).Concat(indicators.Select(i => i.OwnerId)).Distinct().ToList();
        var owners = await db.Members.AsNoTracking()
            .Where(m => everyone || ownerIds.Contains(m.Id))
            .ToDictionaryAsync(m => m.Id, ct);
        var plans = await db.Plans.AsNoTracking().ToDictionaryAsync(p => p.Id, ct);
        var outcomes = await db.Outcomes.AsNoTracking().ToDictionaryAsync(o => o.Id, ct);
        foreach (var action in actions)
        {
            action.Owner = owners[action.OwnerId];
            action.Plan = plans[action.PlanId];
            action.Outcome = outcomes[action.OutcomeId];
        }

        foreach (var indicator in indicators)
        {
            indicator.Owner = owners[indicator.OwnerId];
            indicator.Outcome = outcomes[indicator.OutcomeId];
        }

        // Only this period's returns and completions matter, not every quarter's history; for everyone, no list of refs.
        var refs = actions.Select(a => a.Ref).Concat(indicators.Select(i => i.Ref)).ToList();
        var returns = await db.Returns.AsNoTracking()
            .Where(r => everyone || refs.Contains(r.ItemRef))
            .Where(r => r.Period == period || (r.ItemKind == ItemKind.Action && r.Status == ActionStatus.Complete))
            .ToListAsync(ct);
        var indicatorIds = indicators.Select(i => i.Id).ToList();
        var figures = await db.IndicatorValues.AsNoTracking()
            .Where(v => v.Period == period && (everyone || indicatorIds.Contains(v.IndicatorId)))
            .ToDictionaryAsync(v => v.IndicatorId, ct);
        var policeFed = (await db.PoliceSources.AsNoTracking()
            .Where(s => everyone || indicatorIds.Contains(s.IndicatorId))
            .Select(s => s.IndicatorId).ToListAsync(ct)).ToHashSet();

        var completedEarlier = returns
            .Where(r => r.ItemKind == ItemKind.Action && r.Status == ActionStatus.Complete && r.Period < period)
            .Select(r => r.ItemRef)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

        // A lookup, not a search per item: with every owner's items at once a search is items × returns.
        var current = returns.Where(r => r.Period == period)
            .GroupBy(r => (r.ItemKind, Ref: r.ItemRef.ToUpperInvariant()))
            .ToDictionary(g => g.Key, g => g.First());
        Return? Current(ItemKind kind, string itemRef) => current.GetValueOrDefault((kind, itemRef.ToUpperInvariant()));

        var items = actions
            .Where(a => !completedEarlier.Contains(a.Ref))
            .Select(a => new OwedItem(ItemKind.Action, a.Ref, a.Title, $"{a.Plan.Name} · due {a.DuePeriod}", a.Owner.Email, a.Agency, a.Restricted, null, null, Current(ItemKind.Action, a.Ref))
            {
                Outcome = a.Outcome,
                Owner = a.Owner,
                Plan = a.Plan.Name,
                DuePeriod = a.DuePeriod,
            })
            .Concat(indicators.Select(i => new OwedItem(ItemKind.Indicator, i.Ref, i.Title, $"Indicator · {i.Outcome.Title}", i.Owner.Email, i.Owner.Agency, false, i, figures.GetValueOrDefault(i.Id), Current(ItemKind.Indicator, i.Ref))
            {
                Outcome = i.Outcome,
                Owner = i.Owner,
                PoliceFed = policeFed.Contains(i.Id),
            }));
        return items.InCardOrder();
    }
}
