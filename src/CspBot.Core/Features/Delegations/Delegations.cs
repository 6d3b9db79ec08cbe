using CspBot.Core.Domain;
using CspBot.Core.Persistence;
using CspBot.Core.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace CspBot.Core.Features.Delegations;

/// <summary>Who may act for whom today: an owner for themselves, and a delegate for the owners who handed over to them.</summary>
public sealed class DelegationRules(CspDbContext db, TimeProvider clock)
{
    /// <summary>The member's own id plus those of owners with an active delegation to them.</summary>
    public async Task<IReadOnlyList<int>> ActingForAsync(int memberId, CancellationToken cancellationToken)
    {
        var today = clock.LocalToday();
        var owners = await db.Delegations.AsNoTracking()
            .Where(d => d.DelegateId == memberId && d.Until >= today)
            .Select(d => d.OwnerId)
            .ToListAsync(cancellationToken);
        return [memberId, .. owners];
    }

    /// <summary>Active delegations today, owner email → delegates.</summary>
    public async Task<ILookup<string, Member>> ActiveByOwnerEmailAsync(CancellationToken cancellationToken)
    {
        var today = clock.LocalToday();
        var active = await db.Delegations.AsNoTracking().Include(d => d.Owner).Include(d => d.Delegate)
            .Where(d => d.Until >= today)
            .ToListAsync(cancellationToken);
        return active.ToLookup(d => d.Owner.Email, d => d.Delegate, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Owners change their own returns and those delegated to them; officers any.</summary>
    public async Task<bool> CanChangeAsync(Member member, string ownerEmail, CancellationToken cancellationToken)
    {
        if (member.May(Permissions.RunCycle) || string.Equals(ownerEmail, member.Email, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var today = clock.LocalToday();
        return await db.Delegations.AnyAsync(d => d.DelegateId == member.Id && d.Owner.Email == ownerEmail.ToLower() && d.Until >= today, cancellationToken);
    }
}
