using CspBot.Core.Domain;
using CspBot.Core.Features.Audit;
using CspBot.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CspBot.Core.Features.Returns;

/// <summary>An item's rating and figure in one quarter (null when nothing was returned or counted).</summary>
public sealed record QuarterResult(ReportingPeriod Period, ActionStatus? Status, decimal? Actual);

/// <summary>One item's story: every recorded change to its return for a period (in the history's words), and its last eight quarters.</summary>
public sealed record ItemStory(IReadOnlyList<AuditEntry> Changes, IReadOnlyList<QuarterResult> Quarters)
{
    /// <summary>Members' names by email, so the panel names who sent a return (<see cref="AuditWords.Person"/>).</summary>
    public IReadOnlyDictionary<string, string> Names { get; init; } = new Dictionary<string, string>();
}

public sealed class ItemHistory(CspDbContext db)
{
    public const int Quarters = 8;

    public async Task<ItemStory> ReadAsync(OwedItem item, ReportingPeriod period, CancellationToken cancellationToken)
    {
        var key = $"{item.Ref}@{period.Id}";
        var changes = await db.ChangeHistory.AsNoTracking()
            .Where(c => c.Entity == nameof(Return) && c.EntityKey == key)
            .OrderByDescending(c => c.Id)
            .ToListAsync(cancellationToken);
        var periods = period.LastQuarters(Quarters);
        var returns = await db.Returns.AsNoTracking()
            .Where(r => r.ItemKind == item.Kind && r.ItemRef == item.Ref && periods.Contains(r.Period))
            .ToListAsync(cancellationToken);
        var figures = item.Indicator is { } indicator
            ? await db.IndicatorValues.AsNoTracking().Where(v => v.IndicatorId == indicator.Id && periods.Contains(v.Period)).ToListAsync(cancellationToken)
            : [];
        var quarters = periods.Select(p =>
        {
            var answer = returns.FirstOrDefault(r => r.Period == p);
            return new QuarterResult(p, answer?.Status, answer?.Actual ?? figures.FirstOrDefault(v => v.Period == p)?.Actual);
        }).ToList();
        var names = await AuditWords.NamesAsync(db, cancellationToken);
        return new ItemStory([.. changes.Select(c => AuditWords.Describe(c, names))], quarters) { Names = names };
    }
}
