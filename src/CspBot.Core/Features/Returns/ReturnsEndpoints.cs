using CspBot.Core.Domain;
using CspBot.Core.Features.Scorecard;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CspBot.Core.Features.Returns;

public static class ReturnsEndpoints
{
    /// <summary>GET /periods/{period}/returns: each item with its owner, status, submission time, RAG and check.</summary>
    public static RouteGroupBuilder MapReturns(this RouteGroupBuilder admin)
    {
        admin.MapGet("/periods/{period}/returns", async (string period, OwedItems owed, CancellationToken ct) =>
        {
            if (!ReportingPeriod.TryParse(period, out var parsed))
            {
                return PeriodRoute.BadPeriod(period);
            }

            var items = await owed.AllAsync(parsed, ct);
            return Results.Ok(new
            {
                period = parsed.ToString(),
                expected = items.Count,
                received = items.Count(i => i.Returned),
                awaitingCheck = items.Count(i => i.AwaitingCheck),
                queried = items.Count(i => i.Queried),
                items = items.Select(i => new
                {
                    @ref = i.Ref,
                    kind = i.Kind.ToString().ToLowerInvariant(),
                    title = i.Title,
                    owner = i.OwnerEmail,
                    agency = i.Agency,
                    restricted = i.Restricted,
                    status = i.Return is null ? "outstanding" : "returned",
                    submittedAt = i.Return?.UpdatedAt,
                    submittedBy = i.Return?.SubmittedBy,
                    rag = RagOf(i)?.ToString(),
                    actual = i.Actual,
                    check = i.Return?.Check switch
                    {
                        null => null,
                        ReturnCheck.AwaitingCheck => "awaiting check",
                        ReturnCheck.Queried => "queried",
                        _ => "accepted",
                    },
                    version = i.Return?.Version,
                }),
            });
        });
        return admin;
    }

    /// <summary>Actions: the owner's status. Indicators: computed from the returned (or imported) figure.</summary>
    public static string? RagOf(OwedItem item) => item.Kind == ItemKind.Action
        ? item.Return?.Status?.ToString()
        : item.Indicator is { } indicator
            ? IndicatorAssessment.Of(indicator, item.Actual, item.Figures?.PreviousYear).Rag?.ToString()
            : null;
}
