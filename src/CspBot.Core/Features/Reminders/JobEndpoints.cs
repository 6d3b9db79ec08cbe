using CspBot.Core.Features.Digest;
using CspBot.Core.Features.Graph;
using CspBot.Core.Features.Messaging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CspBot.Core.Features.Reminders;

public static class JobEndpoints
{
    /// <summary>POST /jobs/{name}/run: run a scheduled job now and answer with what it did.</summary>
    public static RouteGroupBuilder MapJobRuns(this RouteGroupBuilder admin)
    {
        admin.MapPost("/jobs/reminders/run", async (ReminderRun run, CancellationToken ct) => Results.Ok(await run.RunAsync(ct)));
        admin.MapPost("/jobs/checks/run", async (Checking.CheckRun run, CancellationToken ct) => Results.Ok(await run.RunAsync(ct)));
        admin.MapPost("/jobs/digest/run", async (WeeklyDigest digest, CancellationToken ct) => Results.Ok(await digest.RunAsync(ct)));
        admin.MapPost("/jobs/outbox/run", async (OutboxSender sender, OutboxTurn turn, CancellationToken ct) => Results.Ok(new { delivered = await sender.SendDueInTurnAsync(turn, ct) }));
        admin.MapPost("/jobs/member-reach/run", async (MemberReachRun run, CancellationToken ct) => Results.Ok(await run.RunAsync(ct)));
        admin.MapPost("/jobs/{name}/run", (string name) =>
            Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"There is no job called '{name}'. Jobs: reminders, checks, outbox, exception-report, digest, member-reach."));
        return admin;
    }
}
