using System.Globalization;
using CspBot.Core.Domain;
using CspBot.Core.Features.Localisation;
using CspBot.Core.Persistence;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CspBot.Web.Console;

/// <summary>
/// The console's language for each request, by ASP.NET Core's request localisation: the viewer's recorded choice
/// (Member.Language), else Teams' locale (teams-js <c>app.locale</c>, which console.js keeps in a cookie; or Teams' own
/// <c>{locale}</c> in a tab's address), else the browser's Accept-Language, else the partnership's default. A Blazor
/// circuit keeps the culture of the request that opened it (the <c>_blazor</c> connection carries the same cookies),
/// so a change of language reloads the page. Components use <c>@inject IStringLocalizer&lt;TheComponent&gt; L</c> with
/// TheComponent.resx (English) and TheComponent.cy.resx beside them.
/// </summary>
public static class ConsoleLanguage
{
    /// <summary>Teams' locale as teams-js gives it ("cy-GB"), written by console.js; a hint, never above a recorded choice.</summary>
    public const string TeamsCookie = "cspbot-teams-locale";

    /// <summary>Teams' <c>{locale}</c> placeholder in a tab's address (<c>?locale={locale}</c>); kept in <see cref="TeamsCookie"/> for the circuit.</summary>
    public const string TeamsQuery = "locale";

    /// <summary>Where the language came from, on <c>&lt;html data-language-from&gt;</c>: console.js reloads for Teams' locale only when no choice is recorded.</summary>
    public const string FromPreference = "preference";

    public static WebApplicationBuilder AddConsoleLanguage(this WebApplicationBuilder builder)
    {
        // English keeps the server's formatting culture (as at start-up), exactly as the console has always rendered;
        // Welsh is formatted cy-GB (or the start-up check's fallback). Resources: neutral English, "cy" satellites.
        var english = new RequestCulture(CultureInfo.DefaultThreadCurrentCulture ?? CultureInfo.CurrentCulture, Words.EnglishText);
        builder.Services.AddLocalization();
        builder.Services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = english;
            options.SupportedCultures = [english.Culture, Words.WelshFormatting];
            options.SupportedUICultures = [Words.EnglishText, Words.WelshText];
            options.FallBackToParentCultures = false;
            options.FallBackToParentUICultures = false;
            options.RequestCultureProviders =
            [
                new PreferenceProvider(),
                new TeamsLocaleProvider(),
                new BrowserProvider(),
                new PartnershipDefaultProvider(),
            ];
        });
        return builder;
    }

    /// <summary>The console's pages and its Blazor connection only: the bot and the API write in each recipient's language themselves.</summary>
    public static WebApplication UseConsoleLanguage(this WebApplication app)
    {
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments("/console") || context.Request.Path.StartsWithSegments("/_blazor"),
            console => console.Use(async (context, next) =>
            {
                // Teams' {locale} in the address: kept for the circuit's own connection, which has no query.
                if (context.Request.Query[TeamsQuery] is [{ Length: > 0 } locale] && LanguageCodes.TryParse(locale, out _))
                {
                    context.Response.Cookies.Append(TeamsCookie, locale, TeamsCookieOptions(context));
                }

                await next(context);
            }).UseRequestLocalization());
        return app;
    }

    /// <summary>
    /// The header's switch: records the signed-in viewer's choice (the change history says it came from the console) and
    /// sends them back to the page, which opens in the new language. A form post, so it works before the page is interactive.
    /// </summary>
    public static RouteGroupBuilder MapConsoleLanguage(this RouteGroupBuilder console)
    {
        console.MapPost("/language", async ([FromForm] string? language, [FromForm] string? returnUrl, HttpContext http, IAntiforgery antiforgery, CspDbContext db, PersonalLanguage languages, IStringLocalizer<ConsoleWords> words, CancellationToken ct) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: words["LanguageHere"]);
            }

            if (!LanguageCodes.TryParse(language, out var chosen))
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Choose cy or en.");
            }

            if (http.User.MemberId() is not { } id || await db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct) is not { } member)
            {
                return Results.Redirect(ConsoleSignIn.SignInPath);
            }

            await languages.SetAsync(member, chosen, member.Email, ChangeSource.Console, ct);
            return Results.Redirect(ConsoleSignIn.LocalOnly(returnUrl));
        }).DisableAntiforgery();
        return console;
    }

    /// <summary>What <c>&lt;html lang&gt;</c> says: "cy" in Welsh, "en-GB" in English (as the console always said).</summary>
    public static string HtmlLang => Words.Current == Language.Welsh ? LanguageCodes.Welsh : "en-GB";

    /// <summary>"preference", "teams", "browser" or "default": which provider chose the request's language.</summary>
    public static string From(HttpContext context) => context.Features.Get<IRequestCultureFeature>()?.Provider switch
    {
        PreferenceProvider => FromPreference,
        TeamsLocaleProvider => "teams",
        BrowserProvider => "browser",
        _ => "default",
    };

    /// <summary>
    /// English's result names en-GB for formatting too, which is not a supported formatting culture unless the server's
    /// own is en-GB: the middleware then keeps the default (the server's), so English output is unchanged.
    /// </summary>
    public static ProviderCultureResult Result(Language language) => language == Language.Welsh
        ? new ProviderCultureResult(Words.WelshFormatting.Name, Words.WelshText.Name)
        : new ProviderCultureResult(Words.EnglishText.Name, Words.EnglishText.Name);

    public static CookieOptions TeamsCookieOptions(HttpContext context) => new()
    {
        Path = "/",
        HttpOnly = false,
        IsEssential = true,
        MaxAge = TimeSpan.FromDays(365),

        // Inside Teams the console is a third-party frame: the cookie must travel there (as the sign-in cookie does).
        SameSite = context.Request.IsHttps ? SameSiteMode.None : SameSiteMode.Lax,
        Secure = context.Request.IsHttps,
    };

    private static Task<ProviderCultureResult?> Found(Language? language) =>
        Task.FromResult(language is { } chosen ? Result(chosen) : null);

    /// <summary>The signed-in member's recorded choice.</summary>
    private sealed class PreferenceProvider : RequestCultureProvider
    {
        public override async Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
        {
            if (httpContext.User.MemberId() is not { } id)
            {
                return null;
            }

            var db = httpContext.RequestServices.GetRequiredService<CspDbContext>();
            var language = await db.Members.AsNoTracking().Where(m => m.Id == id).Select(m => m.Language).FirstOrDefaultAsync(httpContext.RequestAborted);
            return await Found(language);
        }
    }

    /// <summary>Teams' locale: the address's <c>?locale=</c>, else the cookie console.js wrote from teams-js.</summary>
    private sealed class TeamsLocaleProvider : RequestCultureProvider
    {
        public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
        {
            var hint = httpContext.Request.Query[TeamsQuery] is [{ Length: > 0 } query] ? query : httpContext.Request.Cookies[TeamsCookie];
            return Found(LanguageCodes.TryParse(hint, out var language) ? language : null);
        }
    }

    /// <summary>The browser's languages in the order of preference it gives: the first that is Welsh or English.</summary>
    private sealed class BrowserProvider : RequestCultureProvider
    {
        public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
        {
            var accepted = httpContext.Request.GetTypedHeaders().AcceptLanguage
                .Where(l => (l.Quality ?? 1) > 0)
                .OrderByDescending(l => l.Quality ?? 1);
            foreach (var language in accepted)
            {
                if (LanguageCodes.TryParse(language.Value.Value, out var found))
                {
                    return Found(found);
                }
            }

            return Found(null);
        }
    }

    /// <summary>Nothing else said: the partnership's default language (Welsh first when it is bilingual).</summary>
    private sealed class PartnershipDefaultProvider : RequestCultureProvider
    {
        public override async Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
        {
            var partnership = await httpContext.RequestServices.GetRequiredService<PersonalLanguage>().DefaultAsync(httpContext.RequestAborted);
            return await Found(LanguageCodes.For(null, partnership));
        }
    }
}
