using CspBot.Core.Domain;
using CspBot.Core.Persistence;
using CspBot.Core.Features.Calendar;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using CspBot.Core.Features.Localisation;

namespace CspBot.Core.Features.Import;

/// <summary>
/// Imports partnership data (members, outcomes, actions, indicators, indicator values, meetings): validates every row
/// first and applies nothing unless all are good; then upserts by key in one transaction, recording history.
/// </summary>
public sealed class PartnershipImporter(CspDbContext db, TimeProvider clock, ILogger<PartnershipImporter> logger, IOptions<ImportLimits>? options = null)
{
    private readonly ImportLimits limits = options?.Value ?? new ImportLimits();

    public ImportLimits Limits => limits;

    public async Task<ImportResult> ImportCsvAsync(string sheet, Stream csv, string actor, CancellationToken cancellationToken, bool dryRun = false)
    {
        var spec = ImportSheets.Find(sheet);
        if (spec is null)
        {
            return ImportResult.Failed([new(sheet, null, null, Terms.Format(ImportText.UnknownSheetOneOf, string.Join(", ", ImportSheets.All.Select(s => s.Name))))]);
        }

        var problems = new List<ImportProblem>();
        var table = ImportFileReaders.ReadCsv(spec.Name, csv, problems, limits);
        return await ImportAsync([table], problems, actor, cancellationToken, dryRun);
    }

    public async Task<ImportResult> ImportWorkbookAsync(Stream xlsx, string actor, CancellationToken cancellationToken, bool dryRun = false)
    {
        var problems = new List<ImportProblem>();
        var tables = ImportFileReaders.ReadWorkbook(xlsx, problems, limits);
        return await ImportAsync(tables, problems, actor, cancellationToken, dryRun);
    }

    /// <summary>
    /// One row of one sheet, as the console and the decision cards add a single record, with every rule of the import
    /// (the row is row 2 of its sheet, under the header). The history records where it came from (<paramref name="source"/>), not "import".
    /// </summary>
    public Task<ImportResult> ImportRowAsync(string sheet, IReadOnlyDictionary<string, string> cells, string actor, ChangeSource source, CancellationToken cancellationToken) =>
        ImportAsync([new ImportTable(sheet, [.. cells.Keys], [new ImportRow(2, cells.ToDictionary(c => c.Key, c => FreeText.Normalise(c.Value) ?? string.Empty))])], [], actor, cancellationToken, source: source);

    /// <param name="bounds">The calendar's range the dates and periods must fall in; today's unless given (the demo loads for its own day).</param>
    /// <param name="source">Where the change came from, as the history records it: a workbook or CSV is an import; one row added on a page or a card is that page or card.</param>
    public async Task<ImportResult> ImportAsync(IReadOnlyList<ImportTable> tables, List<ImportProblem> problems, string actor, CancellationToken cancellationToken, bool dryRun = false, CalendarBounds? bounds = null, ChangeSource source = ChangeSource.Import)
    {
        var skipped = new List<ImportProblem>();
        var bySheet = new Dictionary<string, ImportTable>(StringComparer.OrdinalIgnoreCase);
        foreach (var table in ImportExamples.Without(tables, skipped))
        {
            if (ImportSheets.Find(table.Sheet) is not { } spec)
            {
                problems.Add(new(table.Sheet, null, null, Terms.Format(ImportText.UnknownSheet, string.Join(", ", ImportSheets.All.Select(s => s.Name)))));
            }
            else if (!bySheet.TryAdd(spec.Name, table))
            {
                problems.Add(new(table.Sheet, null, null, ImportText.Twice));
            }
        }

        if (problems.Count == 0 && bySheet.Count == 0)
        {
            problems.Add(new("workbook", null, null, Terms.Format(ImportText.NoSheets, string.Join(", ", ImportSheets.All.Select(s => s.Name)))));
        }

        var validator = new ImportValidator(await ExistingKeysAsync(cancellationToken), bounds ?? CalendarBounds.On(clock));
        var rows = validator.Validate(bySheet);
        problems.AddRange(validator.Problems);
        if (problems.Count > 0)
        {
            logger.LogWarning("Import by {Actor} rejected with {ProblemCount} problems in {Sheets}", actor, problems.Count, string.Join(",", bySheet.Keys));
            return ImportResult.Failed(problems) with { Skipped = skipped };
        }

        // All-or-nothing in one transaction, run through the provider's execution strategy: SQL Server and PostgreSQL
        // retry transient failures, and a retrying strategy refuses a transaction it does not own. A retry starts again
        // from a clean change tracker. A dry run applies the same way, reads what saving would record, and rolls back.
        var (counts, changes) = await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var applied = await new ImportApplier(db).ApplyAsync(rows, bySheet.Keys, ct);
            var now = clock.GetUtcNow();
            if (dryRun)
            {
                var pending = await db.PendingChangesAsync(actor, source, now, ct);
                db.ChangeTracker.Clear();
                await transaction.RollbackAsync(ct);
                return (applied, pending);
            }

            await db.SaveChangesWithHistoryAsync(actor, source, now, ct);

            // A police-fed indicator defined or changed is counted at once from the street files already uploaded.
            if (rows.PoliceSources.Count > 0 && await db.PoliceFiles.AnyAsync(ct))
            {
                var months = (await db.PoliceFiles.AsNoTracking().Select(f => f.Month).Distinct().ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
                await Police.PoliceIndicators.UpdateAsync(db, months, ct);
                await db.SaveChangesWithHistoryAsync(actor, source, now, ct);
            }

            await transaction.CommitAsync(ct);
            return (applied, (IReadOnlyList<ChangeRecord>)[]);
        }, cancellationToken);
        logger.LogInformation("Import by {Actor} {Mode}: {Counts}; {Skipped} example rows skipped", actor, dryRun ? "previewed" : "applied", string.Join("; ", counts.Select(c => $"{c.Key} +{c.Value.Created} ~{c.Value.Updated}")), skipped.Count);
        return new ImportResult(counts, []) { DryRun = dryRun, Changes = changes, Skipped = skipped };
    }

    private async Task<ExistingKeys> ExistingKeysAsync(CancellationToken ct)
    {
        var members = await db.Members.AsNoTracking().Select(m => new { m.Email, m.Roles }).ToListAsync(ct);
        return new ExistingKeys(
            members.Select(m => m.Email).ToHashSet(StringComparer.OrdinalIgnoreCase),
            members.Where(m => (m.Roles & (MemberRoles.Owner | MemberRoles.Officer)) != 0).Select(m => m.Email).ToHashSet(StringComparer.OrdinalIgnoreCase),
            members.Where(m => (m.Roles & MemberRoles.Officer) != 0).Select(m => m.Email).ToHashSet(StringComparer.OrdinalIgnoreCase),
            (await db.Outcomes.AsNoTracking().Select(o => o.Code).ToListAsync(ct)).ToHashSet(StringComparer.OrdinalIgnoreCase),
            (await db.Actions.AsNoTracking().Select(a => a.Ref).ToListAsync(ct)).ToHashSet(StringComparer.OrdinalIgnoreCase),
            (await db.Indicators.AsNoTracking().Select(i => i.Ref).ToListAsync(ct)).ToHashSet(StringComparer.OrdinalIgnoreCase));
    }
}
