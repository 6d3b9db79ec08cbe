using CspBot.Core.Domain;
using CspBot.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CspBot.Core.Features.Import;

/// <summary>Upserts validated rows into the tracked context; the caller saves (with history) in one transaction.</summary>
internal sealed class ImportApplier(CspDbContext db)
{
    private readonly Dictionary<string, SheetCounts> counts = new(StringComparer.Ordinal);

    public async Task<IReadOnlyDictionary<string, SheetCounts>> ApplyAsync(ValidatedImport rows, IEnumerable<string> sheets, CancellationToken ct)
    {
        foreach (var sheet in sheets)
        {
            counts[sheet] = new SheetCounts(0, 0, 0);
        }

        if (rows.Partnership is { } identity)
        {
            var partnerships = await db.Partnerships.OrderBy(p => p.Id).Take(1).ToDictionaryAsync(_ => "partnership", StringComparer.Ordinal, ct);
            Upsert(ImportSheets.Partnership, partnerships, "partnership", () => new Partnership { Name = identity.Name }, p =>
            {
                p.Name = identity.Name;
                p.ShortName = identity.ShortName;
                p.BoardName = identity.BoardName;
                p.ReportOfficer = identity.ReportOfficer;
                p.ProtectiveMarking = identity.ProtectiveMarking;
                p.DefaultLanguage = identity.DefaultLanguage ?? p.DefaultLanguage;
            });
        }

        var members = await db.Members.ToDictionaryAsync(m => m.Email, StringComparer.OrdinalIgnoreCase, ct);
        foreach (var row in rows.Members)
        {
            Upsert(ImportSheets.Members, members, row.Email, () => new Member { Email = row.Email, Name = row.Name, Agency = row.Agency }, m =>
            {
                m.Name = row.Name;
                m.Agency = row.Agency;
                m.Roles = row.Roles;
                m.Language = row.HasLanguage ? row.Language : m.Language;
            });
        }

        var outcomes = await db.Outcomes.ToDictionaryAsync(o => o.Code, StringComparer.OrdinalIgnoreCase, ct);
        foreach (var row in rows.Outcomes)
        {
            Upsert(ImportSheets.Outcomes, outcomes, row.Code, () => new StrategicOutcome { Code = row.Code, Title = row.Title }, o => o.Title = row.Title);
        }

        var plans = await db.Plans.ToDictionaryAsync(p => p.Name, StringComparer.OrdinalIgnoreCase, ct);
        var actions = await db.Actions.ToDictionaryAsync(a => a.Ref, StringComparer.OrdinalIgnoreCase, ct);
        foreach (var row in rows.Actions)
        {
            if (!plans.TryGetValue(row.Plan, out var plan))
            {
                plan = new Plan { Name = row.Plan };
                plans[row.Plan] = plan;
                db.Plans.Add(plan);
            }

            Upsert(ImportSheets.Actions, actions, row.Ref, () => new PlanAction { Ref = row.Ref, Title = row.Title, Agency = row.Agency }, a =>
            {
                a.Plan = plan;
                a.Outcome = outcomes[row.OutcomeCode];
                a.Title = row.Title;
                a.Owner = members[row.OwnerEmail];
                a.Agency = row.Agency;
                a.DuePeriod = row.DuePeriod;
                a.Restricted = row.Restricted;
            });
        }

        var indicators = await db.Indicators.ToDictionaryAsync(i => i.Ref, StringComparer.OrdinalIgnoreCase, ct);
        foreach (var row in rows.Indicators)
        {
            Upsert(ImportSheets.Indicators, indicators, row.Ref, () => new Indicator { Ref = row.Ref, Title = row.Title, Unit = row.Unit }, i =>
            {
                i.Outcome = outcomes[row.OutcomeCode];
                i.Title = row.Title;
                i.Owner = members[row.OwnerEmail];
                i.Unit = row.Unit;
                i.Polarity = row.Polarity;
                i.Target = row.Target;
                i.TolerancePct = row.TolerancePct;
            });
        }

        var values = (await db.IndicatorValues.Include(v => v.Indicator).ToListAsync(ct))
            .ToDictionary(v => $"{v.Indicator.Ref}@{v.Period.Id}", StringComparer.OrdinalIgnoreCase);
        foreach (var row in rows.IndicatorValues)
        {
            var indicator = indicators[row.Ref];
            Upsert(ImportSheets.IndicatorValues, values, $"{row.Ref}@{row.Period.Id}", () => new IndicatorValue { Indicator = indicator, Period = row.Period }, v =>
            {
                v.Actual = row.Actual;
                v.PreviousYear = row.PreviousYear;
                v.LondonChangePct = row.LondonChangePct;
                v.MsgChangePct = row.MsgChangePct;
            });
        }

        var meetings = await db.Meetings.ToDictionaryAsync(m => $"{m.Date:yyyy-MM-dd} {m.Kind}", StringComparer.Ordinal, ct);
        foreach (var row in rows.Meetings)
        {
            Upsert(ImportSheets.Meetings, meetings, $"{row.Date:yyyy-MM-dd} {row.Kind}", () => new Meeting { Date = row.Date, Kind = row.Kind }, _ => { });
        }

        var sources = (await db.PoliceSources.Include(p => p.Indicator).ToListAsync(ct)).ToDictionary(p => p.Indicator.Ref, StringComparer.OrdinalIgnoreCase);
        foreach (var row in rows.PoliceSources)
        {
            var indicator = indicators[row.Ref];
            Upsert(ImportSheets.PoliceSources, sources, row.Ref, () => new PoliceSource { Indicator = indicator, CrimeTypes = row.CrimeTypes, Area = row.Area, Comparison = row.Comparison }, p =>
            {
                p.CrimeTypes = row.CrimeTypes;
                p.Area = row.Area;
                p.Comparison = row.Comparison;
                p.Peers = row.Peers;
            });
        }

        return counts;
    }

    /// <summary>Finds by key or adds, applies the row, and counts whether anything actually changed.</summary>
    private void Upsert<T>(string sheet, Dictionary<string, T> existing, string key, Func<T> create, Action<T> apply)
        where T : class
    {
        var c = counts[sheet];
        if (!existing.TryGetValue(key, out var entity))
        {
            entity = create();
            apply(entity);
            existing[key] = entity;
            db.Add(entity);
            counts[sheet] = c with { Created = c.Created + 1 };
            return;
        }

        apply(entity);
        db.ChangeTracker.DetectChanges();
        var entry = db.Entry(entity);
        var changed = entry.Properties.Any(p => p.IsModified) || entry.References.Any(r => r.IsModified);
        counts[sheet] = changed ? c with { Updated = c.Updated + 1 } : c with { Unchanged = c.Unchanged + 1 };
    }
}
