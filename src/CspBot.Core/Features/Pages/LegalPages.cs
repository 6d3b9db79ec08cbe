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

    /// <summary>Where the database lives, e.g. "Microsoft Azure, UK South (London)".</summary>
    public string DataLocation { get; set; } = "the partnership's own Microsoft Azure subscription";

    /// <summary>How long returns, reports and their history are kept, in the partnership's words.</summary>
    public string Retention { get; set; } = "six years after the end of the financial year they belong to, as for the partnership's other performance records";
}

/// <summary>
/// /privacy, /terms and / (the manifest's privacy, terms and website links), in plain English, without sign-in:
/// Teams and its administrators open them before anyone has installed the app.
/// </summary>
public static class LegalPages
{
    public static IEndpointRouteBuilder MapLegalPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/privacy", async (CspDbContext db, IOptions<PrivacyOptions> options, CancellationToken ct) =>
            Privacy(await PartnershipNameAsync(db, ct), options.Value)).AllowAnonymous();
        app.MapGet("/terms", async (CspDbContext db, IOptions<PrivacyOptions> options, CancellationToken ct) =>
            Terms(await PartnershipNameAsync(db, ct), options.Value)).AllowAnonymous();
        app.MapGet("/", async (CspDbContext db, CancellationToken ct) =>
        {
            var name = await PartnershipNameAsync(db, ct);
            return PlainPage.Result(StatusCodes.Status200OK, "CspBot", [
                $"CspBot runs the {name}'s quarterly performance cycle in Microsoft Teams: reminders to action owners, their returns, the RAG scorecard and the exception report for the board.",
                "Open it in Teams: search the apps for CspBot, or ask your performance officer.",
                "Privacy: /privacy · Terms of use: /terms",
            ]);
        }).AllowAnonymous();
        return app;
    }

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

    private static string ContactLine(PrivacyOptions options) => options.Contact is { Length: > 0 } contact
        ? $"Contact: {contact}."
        : "Contact your partnership's performance officer, or your own organisation's data protection officer.";

    private static IResult Privacy(string partnership, PrivacyOptions options) =>
        PlainPage.Result(StatusCodes.Status200OK, "Privacy notice", [
            $"CspBot is the {partnership}'s performance bot in Microsoft Teams. This notice says what it holds about you, where, for how long, and who to contact.",
            options.Controller is { Length: > 0 } controller ? $"The data controller is {controller}." : $"The data controller is the {partnership}'s lead organisation.",
        ], [
            new("What CspBot holds",
                "About people: your name, work email address, agency and role in the partnership (imported by the performance officer), and the Teams ids Microsoft gives CspBot so it can message you. If your partnership turned on Microsoft Graph, also your directory object id.",
                "About the work: the delivery plan actions and indicators, each quarter's returns (RAG status, commentary, measures to improve, revised dates and figures), who gave or changed each one and when, the compiled exception reports, and a record of the messages it sent and whether they arrived.",
                "Returns are about partnership work. Do not put personal details of victims, offenders or residents in commentary: CspBot is not a case management system."),
            new("Why",
                "To run the partnership's quarterly performance cycle: remind owners before the deadline, collect returns, show the scorecard and compile the report to the board. Nothing is used for any other purpose, sold, or used to profile anyone."),
            new("Where",
                $"In a database in {options.DataLocation}, and in Microsoft Teams (the messages and cards in your chats and the partnership channel). Download links to a report work for 15 minutes and only for the person they were made for."),
            new("How long",
                $"Returns, reports and their change history are kept for {options.Retention}. Your contact details are kept while you are a member of the partnership. When you leave, the performance officer can remove them; your past returns keep your name as the person who gave them."),
            new("Your rights",
                $"You can ask to see what CspBot holds about you, to correct it, or to have it removed where the law allows. {ContactLine(options)}"),
        ]);

    private static IResult Terms(string partnership, PrivacyOptions options) =>
        PlainPage.Result(StatusCodes.Status200OK, "Terms of use", [
            $"CspBot is provided by the {partnership} to its partner organisations for running the quarterly performance cycle.",
        ], [
            new("Using CspBot",
                "Answer for the actions and indicators you own, or those delegated to you. Returns you give are part of the partnership's record and may appear in papers to the board, which can be published.",
                "Keep commentary factual and about the work. Do not include personal details of victims, offenders or residents, or anything marked above OFFICIAL."),
            new("Links and reports",
                "A link to a report is made for you and works for 15 minutes. Do not pass it on: colleagues can open the report from the card themselves."),
            new("Availability",
                "CspBot is run by the partnership on a best-efforts basis. If it is unavailable near a deadline, send your return to the performance officer another way."),
            new("Questions", ContactLine(options)),
        ]);
}
