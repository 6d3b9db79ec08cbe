using CspBot.Core.Domain;
using CspBot.Core.Features.Returns;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CspBot.Core.Features.Deadlines;

public static class DeadlineEndpoints
{
    /// <summary>Body of PUT /periods/{period}/deadline; a null date removes the override.</summary>
    public sealed record DeadlineOverride(DateOnly? Date);

    /// <summary>GET /periods/{period}/deadline and PUT it to override (officers).</summary>
    public static RouteGroupBuilder MapDeadlines(this RouteGroupBuilder admin)
    {
        admin.MapGet("/periods/{period}/deadline", async (string period, ReportingCycle cycle, CancellationToken ct) =>
            ReportingPeriod.TryParse(period, out var parsed)
                ? Results.Ok(Describe(await cycle.DeadlineAsync(parsed, ct)))
                : PeriodRoute.BadPeriod(period));

        admin.MapPut("/periods/{period}/deadline", async (string period, DeadlineOverride body, DeadlineOverrides overrides, HttpContext http, CancellationToken ct) =>
        {
            if (!ReportingPeriod.TryParse(period, out var parsed))
            {
                return PeriodRoute.BadPeriod(period);
            }

            var result = await overrides.SetAsync(parsed, body.Date, http.User.Identity?.Name ?? "operations API", ChangeSource.Api, ct);
            return result.Refused
                ? Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: result.Refusal)
                : Results.Ok(Describe(result.Value!));
        });
        return admin;
    }

    private static object Describe(PeriodDeadline deadline) => new
    {
        period = deadline.Period.ToString(),
        deadline = deadline.Date,
        basis = deadline.Basis.ToString(),
        boardMeeting = deadline.BoardMeeting,
    };
}
