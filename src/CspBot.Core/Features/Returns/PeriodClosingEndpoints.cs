using CspBot.Core.Domain;
using CspBot.Core.Persistence;
using CspBot.Core.Scheduling;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CspBot.Core.Features.Returns;

/// <summary>
/// Closing a reporting period once the board has had its report: returns for it can no longer be submitted or amended
/// (the card says so), and no more reminders go out for it. Reopening undoes that. Both are kept in the change history.
/// </summary>
public static class PeriodClosingEndpoints
{
    /// <summary>Body of PUT /periods/{period}/closed.</summary>
    public sealed record ClosingRequest(bool? Closed);

    public static RouteGroupBuilder MapPeriodClosing(this RouteGroupBuilder admin)
    {
        admin.MapGet("/periods/{period}/closed", async (string period, CspDbContext db, CancellationToken ct) =>
        {
            if (!ReportingPeriod.TryParse(period, out var parsed))
            {
                return PeriodRoute.BadPeriod(period);
            }

            var settings = await db.PeriodSettings.AsNoTracking().FirstOrDefaultAsync(s => s.Period == parsed, ct);
            return Results.Ok(Describe(parsed, settings?.ClosedAt, settings?.OpenedForAmendmentAt));
        });

        admin.MapPut("/periods/{period}/closed", async (string period, ClosingRequest? body, CspDbContext db, ReportingCycle cycle, TimeProvider clock, HttpContext http, ILoggerFactory logs, CancellationToken ct) =>
        {
            if (!ReportingPeriod.TryParse(period, out var parsed))
            {
                return PeriodRoute.BadPeriod(period);
            }

            if (body?.Closed is not { } closed)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: """Send {"closed": true} to close the period or {"closed": false} to reopen it.""");
            }

            if (closed && clock.LocalToday() <= parsed.LastDay)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: $"{parsed} has not ended yet (it ends on {parsed.LastDay:yyyy-MM-dd}), so it cannot be closed.");
            }

            var settings = await db.SettingsForAsync(parsed, ct);

            // Closing twice keeps the first closing time; reopening an open period changes nothing. Reopening any other
            // period opens it for amendment (ReportingCycle.IntakeAsync) until it is closed again.
            var now = clock.GetUtcNow();
            settings.ClosedAt = closed ? settings.ClosedAt ?? now : null;
            settings.OpenedForAmendmentAt = closed || parsed == cycle.OpenPeriod() ? null : settings.OpenedForAmendmentAt ?? now;
            var who = http.User.Identity?.Name ?? "operations API";
            await db.SaveChangesWithHistoryAsync(who, ChangeSource.Api, now, ct);
            logs.CreateLogger(typeof(PeriodClosingEndpoints)).LogInformation("{Period} {Action} by {Who}", parsed, closed ? "closed" : "reopened", who);
            return Results.Ok(Describe(parsed, settings.ClosedAt, settings.OpenedForAmendmentAt));
        });
        return admin;
    }

    private static object Describe(ReportingPeriod period, DateTimeOffset? closedAt, DateTimeOffset? openedForAmendmentAt) =>
        new { period = period.ToString(), closed = closedAt is not null, closedAt, openedForAmendmentAt };
}
