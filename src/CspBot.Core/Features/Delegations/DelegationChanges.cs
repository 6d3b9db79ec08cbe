using CspBot.Core.Domain;
using CspBot.Core.Features.Localisation;
using CspBot.Core.Persistence;
using CspBot.Core.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace CspBot.Core.Features.Delegations;

/// <summary>What setting a delegation did: the delegation, or the problem with each field (owner, delegate, until).</summary>
public sealed record DelegationChange(Delegation? Delegation, IReadOnlyDictionary<string, string[]> Problems)
{
    public bool Refused => Problems.Count > 0;
}

/// <summary>
/// Officers hand an owner's returns to a colleague while they are away (until a day), and end that early. Ending keeps
/// the record, with its history, rather than deleting who could act when.
/// </summary>
public sealed class DelegationChanges(CspDbContext db, TimeProvider clock)
{
    public async Task<DelegationChange> SetAsync(string? ownerEmail, string? delegateEmail, DateOnly? until, string who, ChangeSource source, CancellationToken cancellationToken)
    {
        var problems = new Dictionary<string, string[]>();
        var owner = await FindAsync(ownerEmail, cancellationToken);
        var deputy = await FindAsync(delegateEmail, cancellationToken);
        if (owner is null)
        {
            problems["owner"] = [Terms.Format(DelegationText.NotAMember, ownerEmail)];
        }

        if (deputy is null)
        {
            problems["delegate"] = [Terms.Format(DelegationText.NotAMember, delegateEmail)];
        }
        else if (owner is not null && owner.Id == deputy.Id)
        {
            problems["delegate"] = [DelegationText.NotToThemselves];
        }
        else if (!deputy.May(Permissions.AnswerReturns))
        {
            problems["delegate"] = [Terms.Format(DelegationText.NeedsRole, deputy.Email)];
        }

        if (until is not { } last)
        {
            problems["until"] = [DelegationText.GiveLastDay];
        }
        else if (Calendar.CalendarBounds.On(clock).DelegationRefusal(last) is { } outside)
        {
            problems["until"] = [outside];
        }

        if (problems.Count > 0)
        {
            return new DelegationChange(null, problems);
        }

        var delegation = await db.Delegations.FirstOrDefaultAsync(d => d.OwnerId == owner!.Id && d.DelegateId == deputy!.Id, cancellationToken);
        if (delegation is null)
        {
            delegation = new Delegation { Owner = owner!, Delegate = deputy! };
            db.Delegations.Add(delegation);
        }

        delegation.Until = until!.Value;
        await db.SaveChangesWithHistoryAsync(who, source, clock.GetUtcNow(), cancellationToken);
        return new DelegationChange(delegation, problems);
    }

    /// <summary>Ends a delegation yesterday; null when there is no such delegation.</summary>
    public async Task<Delegation?> EndAsync(int id, string who, ChangeSource source, CancellationToken cancellationToken)
    {
        var delegation = await db.Delegations.Include(d => d.Owner).Include(d => d.Delegate).FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (delegation is null)
        {
            return null;
        }

        delegation.Until = clock.LocalToday().AddDays(-1);
        await db.SaveChangesWithHistoryAsync(who, source, clock.GetUtcNow(), cancellationToken);
        return delegation;
    }

    private async Task<Member?> FindAsync(string? email, CancellationToken cancellationToken)
    {
        var key = email?.Trim().ToLowerInvariant();
        return string.IsNullOrEmpty(key) ? null : await db.Members.FirstOrDefaultAsync(m => m.Email == key, cancellationToken);
    }
}
