using System.Globalization;
using CspBot.Core.Domain;
using CspBot.Core.Persistence;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace CspBot.Core.Features.Audit;

/// <summary>
/// The change history for a period as CSV, for officers and auditors: every change to that period's returns,
/// indicator figures and deadline, plus every other change (imports, roles, delegations) made while it was being
/// collected (from its first day until six months after it ended).
/// </summary>
public static class AuditExport
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static string FileName(ReportingPeriod period) => $"{period.Id}-audit.csv";

    public static RouteGroupBuilder MapAuditExport(this RouteGroupBuilder admin)
    {
        admin.MapGet("/periods/{period}/audit.csv", async (string period, CspDbContext db, CancellationToken ct) =>
        {
            if (!ReportingPeriod.TryParse(period, out var parsed))
            {
                return PeriodRoute.BadPeriod(period);
            }

            var csv = await WriteAsync(db, parsed, ct);
            return Results.File(csv, ContentType, FileName(parsed));
        });
        return admin;
    }

    /// <summary>The period's changes, oldest first (what the CSV holds).</summary>
    public static async Task<IReadOnlyList<ChangeRecord>> ChangesAsync(CspDbContext db, ReportingPeriod period, CancellationToken cancellationToken)
    {
        var suffix = "@" + period.Id;
        var from = new DateTimeOffset(period.FirstDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var to = new DateTimeOffset(period.LastDay.AddMonths(6).ToDateTime(TimeOnly.MaxValue), TimeSpan.Zero);
        var forPeriod = await db.ChangeHistory.AsNoTracking()
            .Where(c => c.EntityKey.EndsWith(suffix) || c.EntityKey == period.Id)
            .ToListAsync(cancellationToken);
        var duringPeriod = await db.ChangeHistory.AsNoTracking()
            .Where(c => c.Entity != nameof(Return) && c.Entity != nameof(IndicatorValue) && c.Entity != nameof(PeriodSettings) && c.ChangedAt >= from && c.ChangedAt <= to)
            .ToListAsync(cancellationToken);
        return [.. forPeriod.Concat(duringPeriod).DistinctBy(c => c.Id).OrderBy(c => c.ChangedAt).ThenBy(c => c.Id)];
    }

    public static async Task<byte[]> WriteAsync(CspDbContext db, ReportingPeriod period, CancellationToken cancellationToken)
    {
        var rows = await ChangesAsync(db, period, cancellationToken);

        using var buffer = new MemoryStream();
        await using (var writer = new StreamWriter(buffer, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true))
        await using (var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.None }))
        {
            foreach (var header in new[] { "changed_at", "changed_by", "source", "entity", "key", "field", "old_value", "new_value" })
            {
                csv.WriteField(header);
            }

            await csv.NextRecordAsync();
            foreach (var change in rows)
            {
                csv.WriteField(change.ChangedAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
                csv.WriteField(Cell(change.ChangedBy));
                csv.WriteField(change.Source.ToString());
                csv.WriteField(change.Entity);
                csv.WriteField(Cell(change.EntityKey));
                csv.WriteField(change.Field);
                csv.WriteField(Cell(change.OldValue));
                csv.WriteField(Cell(change.NewValue));
                await csv.NextRecordAsync();
            }
        }

        return buffer.ToArray();
    }

    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    /// <summary>
    /// A cell Excel will not run as a formula: text starting with = + - @ (or a tab or return) gets a leading
    /// apostrophe. A number stays a number, so -3 or +2.5 is still summed, not turned into text.
    /// </summary>
    public static string? Cell(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var text = FreeText.Writable(value);
        if (string.IsNullOrEmpty(text) || text.IndexOfAny(FormulaStarts) != 0
            || decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _))
        {
            return text;
        }

        return "'" + text;
    }
}
