using System.Security.Claims;
using CspBot.Core.Domain;
using CspBot.Core.Features.Conversation;
using CspBot.Core.Persistence;
using CspBot.Web.Hosting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Identity.Web;

namespace CspBot.Web.Console;

/// <summary>
/// How a person becomes a console member. All three ways end in the same sign-in cookie naming the member:
/// <list type="bullet">
/// <item>inside Teams, tab single sign-on: the page asks Teams for a token (<c>authentication.getAuthToken()</c>) and posts
/// it here, where Microsoft.Identity.Web validates it (issuer, audience, signature, lifetime);</item>
/// <item>in a browser, Entra sign-in with OpenID Connect (Microsoft.Identity.Web);</item>
/// <item>in Development, from this machine only, an "act as" picker of the partnership's members.</item>
/// </list>
/// The person is matched to a member by Entra object id, then user principal name or email (MemberDirectory).
/// </summary>
public static class ConsoleSignIn
{
    public const string TeamsSsoScheme = "TeamsSso";
    public const string EntraScheme = "EntraSignIn";
    public const string ExternalScheme = "ConsoleExternal";
    public const string SignInPath = "/console/sign-in";

    public static WebApplicationBuilder AddConsoleSignIn(this WebApplicationBuilder builder)
    {
        var development = builder.Environment.AllowsTestControls();
        // The console's cookie is who a browser request is (the Blazor circuit takes its user from it). The bot endpoint
        // checks its own Bot Framework tokens and the operations API's policy names its bearer scheme, so neither
        // accepts this cookie in their place.
        var auth = builder.Services.AddAuthentication(ConsoleAccess.Scheme);
        auth.AddCookie(ConsoleAccess.Scheme, cookie =>
        {
            cookie.Cookie.Name = "cspbot-console";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.Path = "/";
            // The tabs are frames inside teams.microsoft.com (and Outlook, Microsoft 365): the cookie must travel in a
            // third-party frame, so SameSite=None, which browsers accept only on Secure cookies. Development runs on plain
            // http://localhost, where the console is a first-party page.
            cookie.Cookie.SameSite = development ? SameSiteMode.Lax : SameSiteMode.None;
            cookie.Cookie.SecurePolicy = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = true;
            cookie.LoginPath = SignInPath;
            cookie.AccessDeniedPath = "/console/denied";
        });

        if (ConsoleOptions.EntraConfigured(builder.Configuration))
        {
            var entra = builder.Configuration.GetSection($"{ConsoleOptions.Section}:Entra");
            var audience = builder.Configuration[$"{ConsoleOptions.Section}:Audience"];
            auth.AddMicrosoftIdentityWebApi(
                jwt =>
                {
                    jwt.MapInboundClaims = false;
                    if (!string.IsNullOrWhiteSpace(audience))
                    {
                        jwt.TokenValidationParameters.ValidAudiences = [audience, entra["ClientId"]!, $"api://{entra["ClientId"]}"];
                    }
                },
                identity => entra.Bind(identity),
                TeamsSsoScheme);
            auth.AddMicrosoftIdentityWebApp(entra, EntraScheme, ExternalScheme);
        }

        builder.Services.AddConsoleAccess();
        return builder;
    }

    public static RouteGroupBuilder MapConsoleSignIn(this RouteGroupBuilder console, IHostEnvironment environment)
    {
        console.MapPost("/sign-in/teams", SignInWithTeamsAsync).DisableAntiforgery();
        console.MapGet("/sign-in/entra", (string? returnUrl, IConfiguration configuration) => ConsoleOptions.EntraConfigured(configuration)
            ? Results.Challenge(new AuthenticationProperties { RedirectUri = $"/console/sign-in/entra/done?returnUrl={Uri.EscapeDataString(LocalOnly(returnUrl))}" }, [EntraScheme])
            : Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: NotConfigured));
        console.MapGet("/sign-in/entra/done", FinishEntraAsync);
        // The form carries no field the endpoint binds, so nothing would check its antiforgery token: this does.
        console.MapPost("/sign-out", async (HttpContext http, IAntiforgery antiforgery, IStringLocalizer<ConsoleWords> words) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: words["SignOutHere"]);
            }

            await http.SignOutAsync(ConsoleAccess.Scheme);
            return Results.Redirect(SignInPath);
        }).DisableAntiforgery();

        if (environment.AllowsTestControls())
        {
            console.MapPost("/sign-in/act-as", ActAsAsync);
        }

        return console;
    }

    private const string NotConfigured = "Sign-in with Microsoft Entra ID is not configured: set Console:Entra:TenantId and Console:Entra:ClientId (see docs/deployment.md).";

    /// <summary>Only a path of this console: a return address can never send the member to another site.</summary>
    public static string LocalOnly(string? returnUrl) =>
        returnUrl is { Length: > 1 } url && url.StartsWith("/console", StringComparison.Ordinal) && !url.StartsWith("//", StringComparison.Ordinal) && !url.Contains('\\', StringComparison.Ordinal)
            ? url
            : "/console";

    /// <summary>
    /// POST with the Teams SSO token as the bearer. A page on another site cannot send that header without asking
    /// first, and this app never says yes, so no antiforgery token is needed here.
    /// </summary>
    private static async Task<IResult> SignInWithTeamsAsync(HttpContext http, MemberDirectory directory, IConfiguration configuration, ILoggerFactory logs, IStringLocalizer<ConsoleWords> words, CancellationToken ct)
    {
        if (!ConsoleOptions.EntraConfigured(configuration))
        {
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: NotConfigured);
        }

        var result = await http.AuthenticateAsync(TeamsSsoScheme);
        if (!result.Succeeded)
        {
            logs.CreateLogger(typeof(ConsoleSignIn)).LogWarning("Teams SSO token refused: {Reason}", result.Failure?.Message ?? "no token");
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: words["NoTeamsToken"]);
        }

        return await SignInAsync(http, directory, result.Principal, "teams", ct) is { } refusal ? refusal : Results.NoContent();
    }

    private static async Task<IResult> FinishEntraAsync(string? returnUrl, HttpContext http, MemberDirectory directory, CancellationToken ct)
    {
        var result = await http.AuthenticateAsync(ExternalScheme);
        if (!result.Succeeded)
        {
            return Results.Redirect(SignInPath);
        }

        await http.SignOutAsync(ExternalScheme);
        return await SignInAsync(http, directory, result.Principal, "entra", ct) ?? Results.Redirect(LocalOnly(returnUrl));
    }

    private static async Task<IResult> ActAsAsync([FromForm] int member, [FromForm] string? returnUrl, HttpContext http, CspDbContext db, CancellationToken ct)
    {
        if (!AdminAccess.IsLoopback(http))
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "The Development picker only answers this machine.");
        }

        if (await db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.Id == member, ct) is not { } chosen)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "There is no such member.");
        }

        await http.SignInAsync(ConsoleAccess.Scheme, Principal(chosen, "development"));
        return Results.Redirect(LocalOnly(returnUrl));
    }

    /// <summary>Signs in the member the Entra user is; a refusal (403) when they are not a member.</summary>
    private static async Task<IResult?> SignInAsync(HttpContext http, MemberDirectory directory, ClaimsPrincipal user, string via, CancellationToken ct)
    {
        var objectId = user.FindFirstValue("oid") ?? user.FindFirstValue(ClaimConstants.ObjectId);
        var names = new[] { user.FindFirstValue("preferred_username"), user.FindFirstValue("upn"), user.FindFirstValue("email"), user.FindFirstValue(ClaimTypes.Upn), user.FindFirstValue(ClaimTypes.Email) };
        if (await directory.FindSignedInAsync(objectId, names, ct) is not { } member)
        {
            var words = http.RequestServices.GetRequiredService<IStringLocalizer<ConsoleWords>>();
            var refusal = names.FirstOrDefault(n => n is not null) is { } name ? words["NotAMember", name] : words["AccountNotAMember"];
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: refusal);
        }

        await http.SignInAsync(ConsoleAccess.Scheme, Principal(member, via));
        return null;
    }

    private static ClaimsPrincipal Principal(Member member, string via) => new(new ClaimsIdentity(
        [
            new Claim(ConsoleAccess.MemberClaim, member.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new Claim(ClaimTypes.Name, member.Name),
            new Claim(ClaimTypes.Email, member.Email),
            new Claim(ConsoleAccess.ViaClaim, via),
        ],
        ConsoleAccess.Scheme));
}
