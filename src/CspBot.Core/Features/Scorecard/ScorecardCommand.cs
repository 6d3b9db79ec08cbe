using System.Text.Json.Nodes;
using CspBot.Core.Cards;
using CspBot.Core.Domain;
using CspBot.Core.Features.Localisation;
using CspBot.Core.Features.Conversation;
using CspBot.Core.Features.Returns;
using CspBot.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CspBot.Core.Features.Scorecard;

public sealed class PublicLinks
{
    public const string Section = "App";

    /// <summary>The address people reach the app on, for links in cards (reports).</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:3978";

}

/// <summary><c>scorecard [outcome]</c>: the latest RAG scorecard for anyone in the partnership.</summary>
public sealed class ScorecardCommand(CspDbContext db, LatestScorecard latest) : IBotCommand
{
    public CommandInfo Info { get; } = new("scorecard", "scorecard [outcome]", Permissions.Everyone);

    public async Task<IReadOnlyList<BotReply>> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        StrategicOutcome? only = null;
        if (context.Arguments.Length > 0)
        {
            var wanted = context.Arguments.Trim();
            var outcomes = await db.Outcomes.AsNoTracking().ToListAsync(cancellationToken);
            only = outcomes.FirstOrDefault(o => string.Equals(o.Code, wanted, StringComparison.OrdinalIgnoreCase))
                ?? outcomes.FirstOrDefault(o => o.Title.Contains(wanted, StringComparison.OrdinalIgnoreCase));
            if (only is null)
            {
                return [BotReply.Message(Terms.Format(ScorecardText.UnknownOutcome, wanted, string.Join(", ", outcomes.Select(o => $"{o.Code} ({o.Title})"))))];
            }
        }

        var (card, period) = await latest.BuildAsync(only, cancellationToken);
        return [BotReply.WithCard(card, Terms.Format(ScorecardText.Summary, Terms.Period(period)))];
    }
}

/// <summary>The open period's scorecard as it stands, with the button of its latest compiled report.</summary>
public sealed class LatestScorecard(CspDbContext db, PeriodResultsBuilder results, ReportingCycle cycle)
{
    public async Task<(JsonObject Card, ReportingPeriod Period)> BuildAsync(StrategicOutcome? only, CancellationToken cancellationToken)
    {
        var period = cycle.OpenPeriod();
        var built = await results.BuildAsync(period, cancellationToken);
        var version = await db.ReportSnapshots.Where(r => r.Period == period).MaxAsync(r => (int?)r.Version, cancellationToken);
        return (ScorecardCard.Build(built, only, version), period);
    }
}

/// <summary>
/// "Open the scorecard" on the weekly digest: the scorecard as it is now, in place of the digest for the person who
/// clicked (an Action.Execute answer is theirs alone), wherever the digest was posted.
/// </summary>
public sealed class ScorecardAction(LatestScorecard latest) : ICardAction
{
    public const string Verb = "cspbot.scorecard.open";

    public IReadOnlyCollection<string> Verbs { get; } = [Verb];

    public static JsonObject Button() => AdaptiveCard.Execute(ScorecardText.OpenScorecard, Verb, []);

    public async Task<CardActionResult> HandleAsync(Member member, ConversationKind conversation, string verb, JsonObject data, CancellationToken cancellationToken) =>
        CardActionResult.Replace((await latest.BuildAsync(null, cancellationToken)).Card) with { ForClickerOnly = true };
}
