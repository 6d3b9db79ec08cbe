using System.Security.Claims;
using CspBot.Core.Domain;
using CspBot.Core.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace CspBot.Web.Console;

/// <summary>
/// The console's policies are <see cref="Permissions"/>, the same rules the bot's commands use. The sign-in cookie
/// carries only who the member is; their roles are read from the database on every check, so a role taken away by an
/// import is taken away from the console at once.
/// </summary>
public static class ConsoleAccess
{
    public const string Scheme = "Console";
    public const string MemberClaim = "cspbot:member";
    public const string ViaClaim = "cspbot:via";

    public const string Everyone = "console:everyone";
    public const string ViewCycle = "console:view-cycle";
    public const string RunCycle = "console:run-cycle";
    public const string AnswerReturns = "console:answer-returns";
    public const string SignOff = "console:sign-off";

    public static IServiceCollection AddConsoleAccess(this IServiceCollection services)
    {
        services.AddSingleton<IAuthorizationHandler, MemberPermissionHandler>();
        var builder = services.AddAuthorizationBuilder();
        foreach (var (name, permission) in new[] { (Everyone, Permissions.Everyone), (ViewCycle, Permissions.ViewCycle), (RunCycle, Permissions.RunCycle), (AnswerReturns, Permissions.AnswerReturns), (SignOff, Permissions.SignOff) })
        {
            builder.AddPolicy(name, policy => policy.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser().AddRequirements(new MemberPermission(permission)));
        }

        return services;
    }

    public static int? MemberId(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(MemberClaim), out var id) ? id : null;
}

public sealed record MemberPermission(MemberRoles Roles) : IAuthorizationRequirement;

/// <summary>Passes when the signed-in member exists and <see cref="Permissions.May"/> allows them.</summary>
public sealed class MemberPermissionHandler(IServiceScopeFactory scopes) : AuthorizationHandler<MemberPermission>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, MemberPermission requirement)
    {
        if (context.User.MemberId() is not { } id)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var member = await scope.ServiceProvider.GetRequiredService<CspDbContext>().Members.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id);
        if (member is not null && member.May(requirement.Roles))
        {
            context.Succeed(requirement);
        }
    }
}
