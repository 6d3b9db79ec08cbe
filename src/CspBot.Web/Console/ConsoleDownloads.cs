using CspBot.Core.Domain;
using CspBot.Core.Features.Audit;
using CspBot.Core.Features.Import;
using CspBot.Core.Persistence;

namespace CspBot.Web.Console;

/// <summary>Files the console offers to officers (signed in with the console's cookie, not the operations API's token).</summary>
public static class ConsoleDownloads
{
    public static RouteGroupBuilder MapConsoleDownloads(this RouteGroupBuilder console)
    {
        console.MapGet("/audit/{period}.csv", async (string period, CspDbContext db, CancellationToken ct) =>
            ReportingPeriod.TryParse(period, out var parsed)
                ? Results.File(await AuditExport.WriteAsync(db, parsed, ct), AuditExport.ContentType, AuditExport.FileName(parsed))
                : Results.NotFound())
            .RequireAuthorization(ConsoleAccess.RunCycle);
        console.MapGet("/export.xlsx", async (CspDbContext db, CancellationToken ct) =>
                Results.File(await WorkbookExport.WriteAsync(db, ct), WorkbookExport.ContentType, WorkbookExport.FileName))
            .RequireAuthorization(ConsoleAccess.RunCycle);
        return console;
    }
}
