using CspBot.Core.Domain;
using CspBot.Core.Features.Localisation;
using CspBot.Core.Features.Returns;
using CspBot.Core.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace CspBot.Core.Features.Reports;

/// <summary>
/// The officer's own words for a period's exception report: an introduction to the summary, the recommendations to
/// the board, and the Ambers to give in full. Kept on the period (<see cref="PeriodSettings"/>), used by every later
/// compilation, and so kept with each version in its content.
/// </summary>
public static class ReportNotes
{
    public const int MaxIntroduction = 4000;
    public const int MaxRecommendations = 10;
    public const int MaxRecommendation = 500;
    public const int MaxKeyAmbers = 100;

    /// <summary>The body of PUT /periods/{period}/report-notes. A null field is left as it is; an empty one is cleared.</summary>
    public sealed record Request(string? Introduction, IReadOnlyList<string>? Recommendations, IReadOnlyList<string>? KeyAmbers);

    public static IReadOnlyList<string> Lines(string? stored) =>
        stored is null ? [] : stored.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static IReadOnlySet<string> Refs(string? stored) =>
        (stored ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>GET and PUT /periods/{period}/report-notes on the operations API.</summary>
    public static RouteGroupBuilder MapReportNotes(this RouteGroupBuilder admin)
    {
        admin.MapGet("/periods/{period}/report-notes", async (string period, CspDbContext db, CancellationToken ct) =>
        {
            if (!ReportingPeriod.TryParse(period, out var parsed))
            {
                return PeriodRoute.BadPeriod(period);
            }

            return Results.Ok(Describe(parsed, await db.PeriodSettings.AsNoTracking().FirstOrDefaultAsync(s => s.Period == parsed, ct)));
        });

        admin.MapPut("/periods/{period}/report-notes", async (string period, Request? body, CspDbContext db, OwedItems owed, TimeProvider clock, HttpContext http, CancellationToken ct) =>
        {
            if (!ReportingPeriod.TryParse(period, out var parsed))
            {
                return PeriodRoute.BadPeriod(period);
            }

            if (body is null)
            {
                return Refused("Send a JSON body with introduction, recommendations (a list) and/or keyAmbers (a list of references).");
            }

            var saved = await SaveAsync(db, owed, clock, parsed, body, http.User.Identity?.Name ?? "operations API", ChangeSource.Api, ct);
            return saved.Refused ? Refused(saved.Refusal!) : Results.Ok(Describe(parsed, saved.Value));
        });
        return admin;
    }

    /// <summary>
    /// Saves the officer's words for <paramref name="period"/>'s next compilation (each part only when given): the
    /// introduction, the recommendations and the Ambers marked key. Free text is normalised; limits are checked first.
    /// </summary>
    public static async Task<Refusable<PeriodSettings>> SaveAsync(CspDbContext db, OwedItems owed, TimeProvider clock, ReportingPeriod period, Request body, string who, ChangeSource source, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var introduction = FreeText.Normalise(body.Introduction);
        if (introduction?.Length > MaxIntroduction)
        {
            problems.Add(Terms.Format(ReportText.NotesIntroductionLong, MaxIntroduction, introduction.Length));
        }

        var recommendations = body.Recommendations?.Select(r => FreeText.Normalise(r)?.Replace('\n', ' ') ?? string.Empty).Where(r => r.Length > 0).ToList();
        if (recommendations?.Count > MaxRecommendations)
        {
            problems.Add(Terms.Format(ReportText.NotesTooManyRecommendations, MaxRecommendations, recommendations.Count));
        }

        foreach (var (text, n) in (recommendations ?? []).Select((r, i) => (r, i + 1)).Where(r => r.r.Length > MaxRecommendation))
        {
            problems.Add(Terms.Format(ReportText.NotesRecommendationLong, n, MaxRecommendation));
        }

        var keys = body.KeyAmbers?.Select(k => FreeText.Normalise(k)?.ToUpperInvariant() ?? string.Empty).Where(k => k.Length > 0).Distinct().ToList();
        if (keys?.Count > MaxKeyAmbers)
        {
            problems.Add(Terms.Format(ReportText.NotesTooManyKeys, MaxKeyAmbers));
        }
        else if (keys is { Count: > 0 })
        {
            var known = (await owed.AllAsync(period, cancellationToken)).Select(i => i.Ref).ToHashSet(StringComparer.OrdinalIgnoreCase);
            problems.AddRange(keys.Where(k => !known.Contains(k)).Select(k => Terms.Format(ReportText.NotesUnknownKey, k, ExceptionReport.PeriodName(period))));
        }

        if (problems.Count > 0)
        {
            return Refusable<PeriodSettings>.No(Terms.Format(ReportText.NotesNothingSaved, string.Join(" ", problems)));
        }

        var settings = await db.SettingsForAsync(period, cancellationToken);

        if (body.Introduction is not null)
        {
            settings.ReportIntroduction = introduction is { Length: > 0 } ? introduction : null;
        }

        if (recommendations is not null)
        {
            settings.ReportRecommendations = recommendations.Count > 0 ? string.Join('\n', recommendations) : null;
        }

        if (keys is not null)
        {
            settings.KeyAmbers = keys.Count > 0 ? string.Join(',', keys) : null;
        }

        await db.SaveChangesWithHistoryAsync(who, source, clock.GetUtcNow(), cancellationToken);
        return Refusable<PeriodSettings>.Done(settings);
    }

    private static IResult Refused(string title) => Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: title);

    private static object Describe(ReportingPeriod period, PeriodSettings? settings)
    {
        var recommendations = Lines(settings?.ReportRecommendations);
        return new
        {
            period = period.ToString(),
            introduction = settings?.ReportIntroduction,
            recommendations = recommendations.Count > 0 ? recommendations : ExceptionReport.DefaultRecommendations(period),
            recommendationsAreDefault = recommendations.Count == 0,
            keyAmbers = Refs(settings?.KeyAmbers).Order(StringComparer.Ordinal).ToList(),
        };
    }
}
