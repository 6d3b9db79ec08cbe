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
/// In Development and Testing the operations API answers only this machine (by address and by Host name), without
/// sign-in. Everywhere else it requires an Entra ID bearer token carrying the admin app role. In every environment it
/// refuses what a page on another site could make a browser send.
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

    /// <summary>The header a script or curl may send to mark a state change as its own (any value).</summary>
    public const string RequestHeader = "X-CspBot-Request";

    /// <summary>Applies the rule above to a group of endpoints, and <see cref="CrossSiteFilter"/> in every environment.</summary>
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

        group.AddEndpointFilter(new CrossSiteFilter());
        return group;
    }

    private static IResult Forbidden(string title) => Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: title);

    /// <summary>
    /// Whether a request comes from this machine and is addressed to it. Loopback is not enough against a browser: a
    /// page on another site can make the officer's browser post to localhost, and a DNS-rebinding name can point at it.
    /// So the Host must be a loopback name too.
    /// </summary>
    public static bool IsLoopback(HttpContext http) =>
        (http.Connection.RemoteIpAddress is not { } remote || IPAddress.IsLoopback(remote)) && IsLoopbackName(http.Request.Host.Host);

    private static bool IsLoopbackName(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    private sealed class LoopbackOnlyFilter : IEndpointFilter
    {
        public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
        {
            var http = context.HttpContext;
            var remote = http.Connection.RemoteIpAddress;
            if (remote is not null && !IPAddress.IsLoopback(remote))
            {
                return Forbidden("In Development the operations API only answers requests from this machine.");
            }

            if (!IsLoopbackName(http.Request.Host.Host))
            {
                return Forbidden("In Development the operations API only answers requests addressed to localhost, 127.0.0.1 or [::1].");
            }

            return await next(context);
        }
    }

    /// <summary>
    /// Refuses what a web page on another site could make a browser send: a request whose Origin is not this app's, and
    /// a state change (anything but GET/HEAD) that a browser sends without asking first — a "simple" request with no
    /// body type or a form/text one (multipart, urlencoded, text/plain) and neither an Authorization header nor
    /// <see cref="RequestHeader"/>. A browser must ask before sending any of those, and this app never says yes.
    /// </summary>
    private sealed class CrossSiteFilter : IEndpointFilter
    {
        private static readonly string[] SimpleTypes = ["application/x-www-form-urlencoded", "multipart/form-data", "text/plain"];

        public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
        {
            var request = context.HttpContext.Request;
            if (request.Headers.Origin is { Count: > 0 } origin && !SameOrigin(origin.ToString(), request))
            {
                return Forbidden("The operations API does not answer pages on other sites.");
            }

            if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && IsSimple(request))
            {
                return Forbidden($"A change through the operations API needs a JSON, CSV or workbook body type, a bearer token, or the header {RequestHeader}: 1 (e.g. curl -H '{RequestHeader}: 1' -F file=@workbook.xlsx …).");
            }

            return await next(context);
        }

        private static bool SameOrigin(string origin, HttpRequest request) =>
            Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            && string.Equals(uri.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);

        private static bool IsSimple(HttpRequest request)
        {
            if (request.Headers.ContainsKey(RequestHeader) || request.Headers.Authorization.Count > 0)
            {
                return false;
            }

            var type = request.ContentType?.Split(';', 2)[0].Trim();
            return string.IsNullOrEmpty(type) || SimpleTypes.Contains(type, StringComparer.OrdinalIgnoreCase);
        }
    }
}
