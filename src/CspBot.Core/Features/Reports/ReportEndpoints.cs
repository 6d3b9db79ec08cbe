using System.Text.Json;
using CspBot.Core.Domain;
using CspBot.Core.Features.Pages;
using CspBot.Core.Features.Returns;
using CspBot.Core.Persistence;
using CspBot.Core.Scheduling;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace CspBot.Core.Features.Reports;

public static class ReportEndpoints
{
    public const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    /// <summary>
    /// GET /{period}/exception-report.docx[?version=n][&amp;language=en|cy|bilingual] under the reports group: the latest
    /// (or a given) compilation as compiled, or the same version in another language (Welsh when it was compiled Welsh or
    /// bilingual: both languages of a compilation share its version number).
    /// </summary>
    public static RouteGroupBuilder MapReports(this RouteGroupBuilder reports)
    {
        reports.MapGet("/{period}/exception-report.docx", async (string period, int? version, string? language, CspDbContext db, CancellationToken ct) =>
        {
            if (!ReportingPeriod.TryParse(period, out var parsed))
            {
                return PeriodRoute.BadPeriod(period);
            }

            PartnershipLanguage? paper = null;
            if (language is not null)
            {
                if (!LanguageCodes.TryParsePartnership(language, out var asked))
                {
                    return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: $"'{language}' is not a paper language: use en, cy or bilingual.");
                }

                paper = asked;
            }

            var snapshot = await db.ReportSnapshots.AsNoTracking()
                .Where(r => r.Period == parsed && (version == null || r.Version == version))
                .OrderByDescending(r => r.Version)
                .FirstOrDefaultAsync(ct);
            if (snapshot is not null && paper is { } other)
            {
                var report = JsonSerializer.Deserialize<ExceptionReport>(snapshot.Content, ReportCompiler.Json)!;
                return other != PartnershipLanguage.English && report.Welsh is null
                    ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"Version {snapshot.Version} of the {parsed} exception report was compiled in English only: compile it in Welsh or bilingual for a Welsh paper.")
                    : Results.File(ExceptionReportDocument.Write(report with { Paper = other }), DocxType, FileName(parsed, snapshot.Version));
            }

            return snapshot?.Docx is { } docx
                ? Results.File(docx, DocxType, FileName(parsed, snapshot.Version))
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: version is null
                    ? $"No exception report has been compiled for {parsed} yet."
                    : $"There is no version {version} of the {parsed} exception report.");
        });
        return reports;
    }

    /// <summary>
    /// GET /reports/{period}/v{version}/exception-report.docx?member=&amp;expires=&amp;sig= with no sign-in: a link
    /// <see cref="ReportLinks"/> made for one member. Anything else is answered with a page saying why and what to do.
    /// </summary>
    public static IEndpointRouteBuilder MapReportDownloads(this IEndpointRouteBuilder app)
    {
        app.MapGet("/reports/{period}/v{version:int}/exception-report.docx", async (string period, int version, int? member, long? expires, string? sig, ReportLinks links, CspDbContext db, HttpContext http, CancellationToken ct) =>
        {
            // The link is a credential for 15 minutes: never cached, never passed on as a referrer.
            http.Response.Headers.CacheControl = "no-store";
            http.Response.Headers["Referrer-Policy"] = "no-referrer";
            if (!ReportingPeriod.TryParse(period, out var parsed) || member is not { } memberId || expires is not { } until)
            {
                return Invalid();
            }

            switch (await links.CheckAsync(memberId, parsed, version, until, sig, ct))
            {
                case ReportLinkCheck.Invalid:
                    return Invalid();
                case ReportLinkCheck.Expired:
                    return PlainPage.Result(StatusCodes.Status410Gone, "This link has expired", [
                        $"Report links work for {ReportLinks.Lifetime.TotalMinutes:0} minutes, for the person they were made for. This one stopped working at {PartnershipTime.Spoken(DateTimeOffset.FromUnixTimeSeconds(until))}.",
                        "Go back to the report's card in Teams and select Open the report (Word) again: you will get a fresh link.",
                    ]);
            }

            if (!await db.Members.AnyAsync(m => m.Id == memberId, ct))
            {
                return PlainPage.Result(StatusCodes.Status403Forbidden, "This link is no longer yours to use", [
                    "It was made for someone who is no longer among the partnership's members.",
                    "If you should still have access, ask your performance officer to add you again.",
                ]);
            }

            var snapshot = await db.ReportSnapshots.AsNoTracking().FirstOrDefaultAsync(r => r.Period == parsed && r.Version == version, ct);
            return snapshot?.Docx is { } docx
                ? Results.File(docx, DocxType, FileName(parsed, version))
                : PlainPage.Result(StatusCodes.Status404NotFound, "That report is not here", [$"There is no version {version} of the {parsed} exception report."]);
        }).AllowAnonymous();
        return app;

        static IResult Invalid() => PlainPage.Result(StatusCodes.Status403Forbidden, "This link doesn't work", [
            "It is incomplete, has been changed, or was not made by CspBot.",
            "Go back to the report's card in Teams and select Open the report (Word): you will get a link made for you.",
        ]);
    }

    public static string FileName(ReportingPeriod period, int version) => $"{period.Id}-exception-report-v{version}.docx";

    /// <summary>
    /// POST /jobs/exception-report/run[?period=2025-26-Q3][&amp;language=en|cy|bilingual] under the admin group: compile
    /// now, the paper in the language asked for (the partnership's default when none is).
    /// </summary>
    public static RouteGroupBuilder MapReportJob(this RouteGroupBuilder admin)
    {
        admin.MapPost("/jobs/exception-report/run", async (string? period, string? language, ReportCompiler compiler, ReportingCycle cycle, TimeProvider clock, HttpContext http, CancellationToken ct) =>
        {
            PartnershipLanguage? paper = null;
            if (language is not null)
            {
                if (!LanguageCodes.TryParsePartnership(language, out var parsed))
                {
                    return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: $"'{language}' is not a paper language: use en, cy or bilingual.");
                }

                paper = parsed;
            }

            var target = cycle.OpenPeriod();
            if (period is not null && !ReportingPeriod.TryParse(period, out target))
            {
                return PeriodRoute.BadPeriod(period);
            }

            if (Calendar.CalendarBounds.On(clock).ReportRefusal(target) is { } outside)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: outside);
            }

            return Results.Ok(await compiler.CompileAsync(target, http.User.Identity?.Name ?? "operations API", paper, ct));
        });
        return admin;
    }
}
