using System.Globalization;
using CspBot.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace CspBot.Core.Persistence;

/// <summary>
/// Saves changes and, in the same transaction, writes one <see cref="ChangeRecord"/> per changed field of every
/// partnership record (who, when, old → new, from where). Foreign keys are recorded by the other record's
/// natural key (an owner's email, not an id).
/// </summary>
public static class ChangeHistory
{
    /// <summary>
    /// Not recorded field by field: ids and bookkeeping, when a check happened (the record's own time says it), and a
    /// report version's content and document (re-written when it is signed off; the sign-off itself is recorded).
    /// </summary>
    private static readonly HashSet<string> Ignored =
        ["Id", nameof(Return.Version), nameof(Return.UpdatedAt), nameof(Return.CheckedAt), nameof(ReportSnapshot.Content), nameof(ReportSnapshot.Docx), nameof(ReportSnapshot.SignedOffAt)];

    public static async Task<int> SaveChangesWithHistoryAsync(this CspDbContext db, string actor, ChangeSource source, DateTimeOffset now, CancellationToken cancellationToken)
    {
        db.ChangeHistory.AddRange(await PendingChangesAsync(db, actor, source, now, cancellationToken));
        return await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The change records that saving now would write (an import's dry run shows them, then discards them).</summary>
    public static async Task<IReadOnlyList<ChangeRecord>> PendingChangesAsync(this CspDbContext db, string actor, ChangeSource source, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The history records what will be stored: text as it is normalised on saving.
        FreeTextOnSave.Apply(db.ChangeTracker);
        var records = new List<ChangeRecord>();
        foreach (var entry in db.ChangeTracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified).ToList())
        {
            var entity = entry.Metadata.ClrType.Name;
            var key = await NaturalKeyAsync(db, entry.Entity, cancellationToken);
            if (key is null)
            {
                continue;
            }

            foreach (var property in entry.Properties)
            {
                var name = property.Metadata.Name;
                if (Ignored.Contains(name) || (entry.State == EntityState.Modified && !property.IsModified))
                {
                    continue;
                }

                var isForeignKey = property.Metadata.IsForeignKey();
                var oldValue = entry.State == EntityState.Added ? null : await DescribeAsync(db, property, property.OriginalValue, isForeignKey, cancellationToken);
                var principal = isForeignKey ? entry.References.FirstOrDefault(r => r.Metadata is Microsoft.EntityFrameworkCore.Metadata.INavigation n && n.ForeignKey.Properties.Contains(property.Metadata))?.CurrentValue : null;
                var newValue = principal is not null
                    ? await NaturalKeyAsync(db, principal, cancellationToken)
                    : await DescribeAsync(db, property, property.CurrentValue, isForeignKey, cancellationToken);
                if (oldValue == newValue)
                {
                    continue;
                }

                records.Add(new ChangeRecord
                {
                    Entity = entity,
                    EntityKey = key,
                    Field = isForeignKey && name.EndsWith("Id", StringComparison.Ordinal) ? name[..^2] : name,
                    OldValue = oldValue,
                    NewValue = newValue,
                    ChangedBy = actor,
                    ChangedAt = now,
                    Source = source,
                });
            }
        }

        return records;
    }

    private static async Task<string?> NaturalKeyAsync(CspDbContext db, object entity, CancellationToken ct) => entity switch
    {
        Member m => m.Email,
        StrategicOutcome o => o.Code,
        Plan p => p.Name,
        PlanAction a => a.Ref,
        Indicator i => i.Ref,
        IndicatorValue v => $"{v.Indicator?.Ref ?? (await db.Indicators.FindAsync([v.IndicatorId], ct))?.Ref}@{v.Period.Id}",
        Meeting m => $"{m.Date:yyyy-MM-dd} {m.Kind}",
        PeriodSettings s => s.Period.Id,
        Return r => $"{r.ItemRef}@{r.Period.Id}",
        TargetChange t => $"{t.Indicator?.Ref ?? (await db.Indicators.FindAsync([t.IndicatorId], ct))?.Ref}@{t.FromPeriod.Id}",
        SpcRebase s => $"{s.Indicator?.Ref ?? (await db.Indicators.FindAsync([s.IndicatorId], ct))?.Ref}@{s.FromPeriod.Id}",
        ReportSnapshot r => $"{r.Period.Id} v{r.Version}",
        PoliceSource p => p.Indicator?.Ref ?? (await db.Indicators.FindAsync([p.IndicatorId], ct))?.Ref,
        PoliceFile f => $"{f.Month} {f.Force}",
        Partnership => "partnership",
        Delegation d => $"{d.Owner?.Email ?? (await db.Members.FindAsync([d.OwnerId], ct))?.Email}→{d.Delegate?.Email ?? (await db.Members.FindAsync([d.DelegateId], ct))?.Email}",
        _ => null,
    };

    private static async Task<string?> DescribeAsync(CspDbContext db, PropertyEntry property, object? value, bool isForeignKey, CancellationToken ct)
    {
        if (value is null)
        {
            return null;
        }

        if (isForeignKey)
        {
            var target = property.Metadata.GetContainingForeignKeys().First().PrincipalEntityType.ClrType;
            var principal = await db.FindAsync(target, [value], ct);
            return principal is null ? Convert.ToString(value, CultureInfo.InvariantCulture) : await NaturalKeyAsync(db, principal, ct);
        }

        return value switch
        {
            decimal d => d.ToString("0.####", CultureInfo.InvariantCulture),
            double d => d.ToString("0.####", CultureInfo.InvariantCulture),
            DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            DateTimeOffset d => d.ToString("O", CultureInfo.InvariantCulture),
            MemberRoles roles => MemberRolesText.Format(roles),
            Language language => language.Code(),
            PartnershipLanguage language => language.Code(),
            bool b => b ? "true" : "false",
            _ => Convert.ToString(value, CultureInfo.InvariantCulture),
        };
    }
}
