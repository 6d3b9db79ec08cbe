using CspBot.Core.Domain;
using CspBot.Core.Features.Delegations;

namespace CspBot.Core.Features.Returns;

/// <summary>What a member answers for in a period: their own items and those of owners who delegated to them.</summary>
public sealed class MemberItems(OwedItems owed, DelegationRules delegations)
{
    public async Task<IReadOnlyList<OwedItem>> ForAsync(Member member, ReportingPeriod period, CancellationToken cancellationToken)
    {
        var owners = await delegations.ActingForAsync(member.Id, cancellationToken);
        if (owners.Count == 1)
        {
            return await owed.ForOwnerAsync(member.Id, period, cancellationToken);
        }

        var items = new List<OwedItem>();
        foreach (var owner in owners)
        {
            items.AddRange(await owed.ForOwnerAsync(owner, period, cancellationToken));
        }

        return items.InCardOrder();
    }
}
