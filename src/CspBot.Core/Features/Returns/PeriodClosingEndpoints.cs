using CspBot.Core.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

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
        admin.MapGet("/periods/{period}/closed", async (string period, PeriodClosing closing, CancellationToken ct) =>
            ReportingPeriod.TryParse(period, out var parsed)
                ? Results.Ok(Describe(await closing.StateAsync(parsed, ct)))
                : PeriodRoute.BadPeriod(period));

        admin.MapPut("/periods/{period}/closed", async (string period, ClosingRequest? body, PeriodClosing closing, HttpContext http, CancellationToken ct) =>
        {
            if (!ReportingPeriod.TryParse(period, out var parsed))
            {
                return PeriodRoute.BadPeriod(period);
            }

            if (body?.Closed is not { } closed)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: """Send {"closed": true} to close the period or {"closed": false} to reopen it.""");
            }

            var result = await closing.SetAsync(parsed, closed, http.User.Identity?.Name ?? "operations API", ChangeSource.Api, ct);
            return result.Refused
                ? Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: result.Refusal)
                : Results.Ok(Describe(result.Value!));
        });
        return admin;
    }

    private static object Describe(ClosingState state) =>
        new { period = state.Period.ToString(), closed = state.Closed, closedAt = state.ClosedAt, openedForAmendmentAt = state.OpenedForAmendmentAt };
}
