using System.Net;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace CspBot.Web.Hosting;

/// <summary>Who may use the operations API, the reports and the Hangfire dashboard.</summary>
public sealed class AdminAccessOptions
{
    public const string Section = "AdminApi";

    /// <summary>The Entra ID issuer, e.g. https://login.microsoftonline.com/{tenant}/v2.0.</summary>
    public string? Authority { get; set; }

    /// <summary>The API's application ID URI or client id that tokens must be issued for.</summary>
    public string? Audience { get; set; }

    /// <summary>The app role an officer's or automation's token must carry.</summary>
    public string Role { get; set; } = "CspBot.Admin";
}

/// <summary>
/// In Development and Testing the operations API answers only this machine, without sign-in. Everywhere else it
/// requires an Entra ID bearer token carrying the admin app role.
/// </summary>
public static class AdminAccess
{
    public const string Policy = "admin";

    public static WebApplicationBuilder AddAdminAccess(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(AdminAccessOptions.Section).Get<AdminAccessOptions>() ?? new AdminAccessOptions();
        // No default scheme: only the admin endpoints look at bearer tokens (the bot endpoint has its own Bot Framework JWTs).
        builder.Services.AddAuthentication().AddJwtBearer(jwt =>
        {
            jwt.Authority = options.Authority;
            jwt.Audience = options.Audience;
            jwt.MapInboundClaims = false;
            jwt.TokenValidationParameters.RoleClaimType = "roles";
            jwt.TokenValidationParameters.NameClaimType = "preferred_username";
        });
        builder.Services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy
            .AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme)
            .RequireAuthenticatedUser()
            .RequireRole(options.Role));
        return builder;
    }

    /// <summary>Applies the rule above to a group of endpoints.</summary>
    public static RouteGroupBuilder RequireAdmin(this RouteGroupBuilder group, IHostEnvironment environment)
    {
        if (environment.AllowsTestControls())
        {
            group.AddEndpointFilter(new LoopbackOnlyFilter());
        }
        else
        {
            group.RequireAuthorization(Policy);
        }

        return group;
    }

    private sealed class LoopbackOnlyFilter : IEndpointFilter
    {
        public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
        {
            var remote = context.HttpContext.Connection.RemoteIpAddress;
            if (remote is not null && !IPAddress.IsLoopback(remote))
            {
                return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "In Development the operations API only answers requests from this machine.");
            }

            return await next(context);
        }
    }
}
