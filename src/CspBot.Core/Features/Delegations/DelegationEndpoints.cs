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

        admin.MapPut("/delegations", async (DelegationRequest request, CspDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct) =>
        {
            var problems = new Dictionary<string, string[]>();
            var owner = await FindAsync(db, request.Owner, ct);
            var deputy = await FindAsync(db, request.Delegate, ct);
            if (owner is null)
            {
                problems["owner"] = [$"'{request.Owner}' is not a member."];
            }

            if (deputy is null)
            {
                problems["delegate"] = [$"'{request.Delegate}' is not a member."];
            }
            else if (owner is not null && owner.Id == deputy.Id)
            {
                problems["delegate"] = ["An owner cannot delegate to themselves."];
            }
            else if (!deputy.Has(MemberRoles.Owner) && !deputy.Has(MemberRoles.Officer))
            {
                problems["delegate"] = [$"'{deputy.Email}' needs the owner or officer role to answer returns."];
            }

            if (request.Until is not { } until)
            {
                problems["until"] = ["Give the last day of the delegation (YYYY-MM-DD)."];
            }
            else if (until < Scheduling.PartnershipTime.LocalToday(clock))
            {
                problems["until"] = ["The last day of the delegation is in the past."];
            }

            if (problems.Count > 0)
            {
                return Results.ValidationProblem(problems, title: "Nothing was changed.");
            }

            var delegation = await db.Delegations.FirstOrDefaultAsync(d => d.OwnerId == owner!.Id && d.DelegateId == deputy!.Id, ct);
            if (delegation is null)
            {
                delegation = new Delegation { Owner = owner!, Delegate = deputy! };
                db.Delegations.Add(delegation);
            }

            delegation.Until = request.Until!.Value;
            await db.SaveChangesWithHistoryAsync(http.User.Identity?.Name ?? "operations API", ChangeSource.Api, clock.GetUtcNow(), ct);
            return Results.Ok(new { id = delegation.Id, owner = owner!.Email, @delegate = deputy!.Email, until = delegation.Until });
        });

        admin.MapDelete("/delegations/{id:int}", async (int id, CspDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct) =>
        {
            var delegation = await db.Delegations.Include(d => d.Owner).Include(d => d.Delegate).FirstOrDefaultAsync(d => d.Id == id, ct);
            if (delegation is null)
            {
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"There is no delegation {id}.");
            }

            // Ending it today keeps the record (and its history) rather than deleting who could act when.
            delegation.Until = Scheduling.PartnershipTime.LocalToday(clock).AddDays(-1);
            await db.SaveChangesWithHistoryAsync(http.User.Identity?.Name ?? "operations API", ChangeSource.Api, clock.GetUtcNow(), ct);
            return Results.NoContent();
        });
        return admin;
    }

    private static async Task<Member?> FindAsync(CspDbContext db, string? email, CancellationToken ct)
    {
        var key = email?.Trim().ToLowerInvariant();
        return string.IsNullOrEmpty(key) ? null : await db.Members.FirstOrDefaultAsync(m => m.Email == key, ct);
    }
}
