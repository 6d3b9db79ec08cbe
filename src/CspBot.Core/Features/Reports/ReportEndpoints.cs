using CspBot.Core.Domain;
using CspBot.Core.Features.Returns;
using CspBot.Core.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace CspBot.Core.Features.Reports;

public static class ReportEndpoints
{
    public const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    /// <summary>GET /{period}/exception-report.docx[?version=n] under the reports group: the latest (or a given) compilation.</summary>
    public static RouteGroupBuilder MapReports(this RouteGroupBuilder reports)
    {
        reports.MapGet("/{period}/exception-report.docx", async (string period, int? version, CspDbContext db, CancellationToken ct) =>
        {
            if (!ReportingPeriod.TryParse(period, out var parsed))
            {
                return PeriodRoute.BadPeriod(period);
            }

            var snapshot = await db.ReportSnapshots.AsNoTracking()
                .Where(r => r.Period == parsed && (version == null || r.Version == version))
                .OrderByDescending(r => r.Version)
                .FirstOrDefaultAsync(ct);
            return snapshot?.Docx is { } docx
                ? Results.File(docx, DocxType, $"{parsed.Id}-exception-report-v{snapshot.Version}.docx")
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: version is null
                    ? $"No exception report has been compiled for {parsed} yet."
                    : $"There is no version {version} of the {parsed} exception report.");
        });
        return reports;
    }

    /// <summary>POST /jobs/exception-report/run[?period=2025-26-Q3] under the admin group: compile now.</summary>
    public static RouteGroupBuilder MapReportJob(this RouteGroupBuilder admin)
    {
        admin.MapPost("/jobs/exception-report/run", async (string? period, ReportCompiler compiler, ReportingCycle cycle, HttpContext http, CancellationToken ct) =>
        {
            var target = cycle.OpenPeriod();
            if (period is not null && !ReportingPeriod.TryParse(period, out target))
            {
                return PeriodRoute.BadPeriod(period);
            }

            return Results.Ok(await compiler.CompileAsync(target, http.User.Identity?.Name ?? "operations API", ct));
        });
        return admin;
    }
}
