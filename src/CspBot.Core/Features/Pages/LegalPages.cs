using CspBot.Core.Domain;
using CspBot.Core.Features.Localisation;
using CspBot.Core.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CspBot.Core.Features.Pages;

/// <summary>What the privacy and terms pages say that only the deploying partnership knows (section <c>Privacy</c>).</summary>
public sealed class PrivacyOptions
{
    public const string Section = "Privacy";

    /// <summary>Who decides what CspBot holds and why: the data controller, e.g. "Haringey Council, for the partnership".</summary>
    public string? Controller { get; set; }

    /// <summary>Who to ask about the data or to exercise a right (an email address or a web page).</summary>
    public string? Contact { get; set; }

    /// <summary>Where the database lives, e.g. "Microsoft Azure, UK South (London)"; unset, LegalText's "the partnership's own Microsoft Azure subscription".</summary>
    public string? DataLocation { get; set; }

    /// <summary>How long returns, reports and their history are kept, in the partnership's words; unset, LegalText's six years.</summary>
    public string? Retention { get; set; }
}

/// <summary>
/// /privacy, /terms and / (the manifest's privacy, terms and website links), in plain English or Welsh (LegalText), without
/// sign-in: Teams and its administrators open them before anyone has installed the app, so the language is the
/// address's (<c>?lang=cy</c>) or the browser's first choice, never a member's.
/// </summary>
public static class LegalPages
{
    public static IEndpointRouteBuilder MapLegalPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/privacy", async (HttpRequest request, CspDbContext db, IOptions<PrivacyOptions> options, CancellationToken ct) =>
        {
            var name = await PartnershipNameAsync(db, ct);
            using (CultureScope.Use(LanguageOf(request)))
            {
                return Privacy(name, options.Value);
            }
        }).AllowAnonymous();
        app.MapGet("/terms", async (HttpRequest request, CspDbContext db, IOptions<PrivacyOptions> options, CancellationToken ct) =>
        {
            var name = await PartnershipNameAsync(db, ct);
            using (CultureScope.Use(LanguageOf(request)))
            {
                return Terms(name, options.Value);
            }
        }).AllowAnonymous();
        app.MapGet("/", async (HttpRequest request, CspDbContext db, CancellationToken ct) =>
        {
            var name = await PartnershipNameAsync(db, ct);
            using (CultureScope.Use(LanguageOf(request)))
            {
                return PlainPage.Result(StatusCodes.Status200OK, "CspBot", [
                    Text(LegalText.HomeIntro, name),
                    LegalText.HomeOpen,
                    LegalText.HomeLinks,
                ]);
            }
        }).AllowAnonymous();
        return app;
    }

    /// <summary>Welsh when the address asks for it (<c>?lang=cy</c>) or the browser's first choice is Welsh; else English.</summary>
    public static Language LanguageOf(HttpRequest request)
    {
        if (request.Query["lang"] is { Count: > 0 } asked)
        {
            return Welsh(asked.ToString()) ? Language.Welsh : Language.English;
        }

        var first = request.GetTypedHeaders().AcceptLanguage.OrderByDescending(l => l.Quality ?? 1).FirstOrDefault();
        return first?.Value.Value is { } code && Welsh(code) ? Language.Welsh : Language.English;
    }

    private static bool Welsh(string code) => code.StartsWith(LanguageCodes.Welsh, StringComparison.OrdinalIgnoreCase);

    private static async Task<string> PartnershipNameAsync(CspDbContext db, CancellationToken ct)
    {
        try
        {
            return await db.Partnerships.AsNoTracking().OrderBy(p => p.Id).Select(p => p.Name).FirstOrDefaultAsync(ct) ?? DefaultName;
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.Data.Common.DbException)
        {
            // The pages must answer while the database is starting: they do not depend on it.
            return DefaultName;
        }
    }

    private const string DefaultName = CspBot.Core.Domain.Partnership.DefaultName;

    private static string Text(string sentence, params object?[] values) => Localisation.Terms.Format(sentence, values);

    private static string ContactLine(PrivacyOptions options) => options.Contact is { Length: > 0 } contact
        ? Text(LegalText.ContactGiven, contact)
        : LegalText.ContactNone;

    /// <summary>A setting left at its English default is written in the page's language; one the partnership set, as set.</summary>
    /// <summary>The partnership's own words when set, else the default in the language of the page.</summary>
    private static string Setting(string? value, string words) => string.IsNullOrWhiteSpace(value) ? words : value;

    private static IResult Privacy(string partnership, PrivacyOptions options) =>
        PlainPage.Result(StatusCodes.Status200OK, LegalText.PrivacyTitle, [
            Text(LegalText.PrivacyIntro, partnership),
            options.Controller is { Length: > 0 } controller ? Text(LegalText.Controller, controller) : Text(LegalText.ControllerLead, partnership),
        ], [
            new(LegalText.HoldsHeading, LegalText.HoldsPeople, LegalText.HoldsWork, LegalText.HoldsNotCases),
            new(LegalText.WhyHeading, LegalText.Why),
            new(LegalText.WhereHeading, Text(LegalText.Where, Setting(options.DataLocation, LegalText.DefaultDataLocation))),
            new(LegalText.HowLongHeading, Text(LegalText.HowLong, Setting(options.Retention, LegalText.DefaultRetention))),
            new(LegalText.RightsHeading, Text(LegalText.Rights, ContactLine(options))),
        ]);

    private static IResult Terms(string partnership, PrivacyOptions options) =>
        PlainPage.Result(StatusCodes.Status200OK, LegalText.TermsTitle, [
            Text(LegalText.TermsIntro, partnership),
        ], [
            new(LegalText.UsingHeading, LegalText.UsingAnswer, LegalText.UsingFactual),
            new(LegalText.LinksHeading, LegalText.Links),
            new(LegalText.AvailabilityHeading, LegalText.Availability),
            new(LegalText.QuestionsHeading, ContactLine(options)),
        ]);
}
