using CspBot.Core.Domain;
using CspBot.Core.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace CspBot.Core.Features.Delegations;

public static class DelegationEndpoints
{
    /// <summary>Body of PUT /delegations: hand <see cref="Owner"/>'s returns to <see cref="Delegate"/> until a date.</summary>
    public sealed record DelegationRequest(string? Owner, string? Delegate, DateOnly? Until);

    /// <summary>GET, PUT and DELETE /delegations: officers hand an owner's returns to a colleague while they are away.</summary>
    public static RouteGroupBuilder MapDelegations(this RouteGroupBuilder admin)
    {
        admin.MapGet("/delegations", async (CspDbContext db, CancellationToken ct) =>
            Results.Ok((await db.Delegations.AsNoTracking().Include(d => d.Owner).Include(d => d.Delegate).ToListAsync(ct))
                .OrderBy(d => d.Owner.Email)
                .Select(d => new { id = d.Id, owner = d.Owner.Email, @delegate = d.Delegate.Email, until = d.Until })));

        admin.MapPut("/delegations", async (DelegationRequest request, DelegationChanges changes, HttpContext http, CancellationToken ct) =>
        {
            var change = await changes.SetAsync(request.Owner, request.Delegate, request.Until, http.User.Identity?.Name ?? "operations API", ChangeSource.Api, ct);
            if (change.Refused)
            {
                return Results.ValidationProblem(change.Problems, title: "Nothing was changed.");
            }

            var delegation = change.Delegation!;
            return Results.Ok(new { id = delegation.Id, owner = delegation.Owner.Email, @delegate = delegation.Delegate.Email, until = delegation.Until });
        });

        admin.MapDelete("/delegations/{id:int}", async (int id, DelegationChanges changes, HttpContext http, CancellationToken ct) =>
            await changes.EndAsync(id, http.User.Identity?.Name ?? "operations API", ChangeSource.Api, ct) is null
                ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"There is no delegation {id}.")
                : Results.NoContent());
        return admin;
    }
}
