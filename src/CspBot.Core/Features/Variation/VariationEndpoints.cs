using CspBot.Core.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CspBot.Core.Features.Variation;

public static class VariationEndpoints
{
    /// <summary>GET /indicators/{ref}/spc?period=2025-26-Q4[&amp;grain=month]: the indicator's XmR chart, variation, assurance and change on last year.</summary>
    public static RouteGroupBuilder MapVariation(this RouteGroupBuilder admin)
    {
        admin.MapGet("/indicators/{reference}/spc", async (string reference, string? period, string? grain, IndicatorSpc spc, CancellationToken ct) =>
        {
            if (!ReportingPeriod.TryParse(period, out var parsed))
            {
                return PeriodRoute.BadPeriod(period ?? string.Empty);
            }

            SpcGrain? chosen = grain?.Trim().ToLowerInvariant() switch
            {
                null or "" or "quarter" => SpcGrain.Quarter,
                "month" => SpcGrain.Month,
                _ => null,
            };
            if (chosen is not { } by)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: $"'{grain}' is not a grain; leave it out for quarters, or write grain=month.");
            }

            var answer = await spc.ReadAsync(reference, parsed, by, ct);
            if (answer is not { } found)
            {
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"There is no indicator '{reference}'.");
            }

            return found.Value is { } result ? Results.Ok(Answer(result)) : Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: found.Refusal);
        }).WithName("IndicatorSpc");

        admin.MapGet("/indicators/{reference}/spc/rebase", async (string reference, SpcRebases rebases, CancellationToken ct) =>
            await rebases.ListAsync(reference, ct) is { } found ? Results.Ok(found.Select(Rebase)) : NoIndicator(reference));

        admin.MapPut("/indicators/{reference}/spc/rebase", async (string reference, RebaseRequest? body, SpcRebases rebases, HttpContext http, CancellationToken ct) =>
        {
            if (body is null)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Send a JSON body with from (a period, 2025-26-Q1) and reason.");
            }

            return Answered(reference, await rebases.RebaseAsync(reference, body.From, body.Reason, http.User.Identity?.Name ?? "operations API", ChangeSource.Api, ct));
        });

        admin.MapDelete("/indicators/{reference}/spc/rebase", async (string reference, string? from, SpcRebases rebases, HttpContext http, CancellationToken ct) =>
            Answered(reference, await rebases.WithdrawAsync(reference, from, http.User.Identity?.Name ?? "operations API", ChangeSource.Api, ct)));

        return admin;
    }

    /// <summary>The body of PUT /indicators/{ref}/spc/rebase.</summary>
    public sealed record RebaseRequest(string? From, string? Reason);

    private static IResult Answered(string reference, Refusable<SpcRebase>? answer) => answer switch
    {
        null => NoIndicator(reference),
        { Value: { } rebase } => Results.Ok(Rebase(rebase)),
        { Refusal: var refusal } => Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: refusal),
    };

    private static IResult NoIndicator(string reference) => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"There is no indicator '{reference}'.");

    private static object Rebase(SpcRebase r) => new { from = r.FromPeriod.Id, reason = r.Reason, decidedBy = r.DecidedBy, decidedAt = r.DecidedAt, withdrawn = r.Withdrawn };

    /// <summary>The chart as JSON: figures rounded for display (two decimal places), rules and judgements in words.</summary>
    public static object Answer(IndicatorSpcResult result) => new
    {
        @ref = result.Ref,
        period = result.Period.Id,
        points = result.Points.Select(p => new { period = p.Point.Period, value = p.Point.Value, rules = RuleNames(p.Rules) }),
        mean = Round(result.Chart.Mean),
        lower = Round(result.Chart.Lower),
        upper = Round(result.Chart.Upper),
        trial = result.Chart.Trial,
        segmentStart = result.SegmentStart?.Id,
        earlier = result.Earlier.Select(p => new { period = p.Period, value = p.Value }),
        variation = Camel(result.Variation.ToString()),
        assurance = result.Assurance is { } assurance ? Camel(assurance.ToString()) : null,
        change = new
        {
            lastYear = result.Change.LastYear,
            z = Round(result.Change.Z),
            significance = Camel(result.Change.Significance.ToString()),
            comparisons = result.Comparisons.Select(c => new
            {
                with = c.With,
                now = c.OtherNow,
                lastYear = c.OtherLastYear,
                p = c.P is { } p ? Math.Round(p, 4, MidpointRounding.AwayFromZero) : (double?)null,
                significance = Camel(c.Significance.ToString()),
            }),
        },
    };

    /// <summary>"limit", "run", "trend", "twoOfThree", in that order.</summary>
    public static IReadOnlyList<string> RuleNames(SpecialCause rules) =>
        [.. Enum.GetValues<SpecialCause>().Where(r => r != SpecialCause.None && rules.HasFlag(r)).Select(r => Camel(r.ToString()))];

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 2, MidpointRounding.AwayFromZero) : null;

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
