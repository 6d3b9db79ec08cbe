using CspBot.Core.Domain;
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

    /// <summary>The bot's app id, for Teams deep links that open a chat with the bot (defaults to Bot:MicrosoftAppId).</summary>
    public string? BotAppId { get; set; }

    /// <summary>A Teams link that opens the personal chat with the bot with a command typed in; null without an app id.</summary>
    public string? ChatWithBot(string command) => string.IsNullOrWhiteSpace(BotAppId)
        ? null
        : $"https://teams.microsoft.com/l/chat/0/0?users=28:{Uri.EscapeDataString(BotAppId)}&message={Uri.EscapeDataString(command)}";
}

/// <summary><c>scorecard [outcome]</c>: the latest RAG scorecard for anyone in the partnership.</summary>
public sealed class ScorecardCommand(CspDbContext db, PeriodResultsBuilder results, ReportingCycle cycle) : IBotCommand
{
    public CommandInfo Info { get; } = new("scorecard", "scorecard [outcome]", $"The latest RAG scorecard, optionally for one outcome (e.g. scorecard {CommandInfo.OutcomeExample}).", MemberRoles.None);

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
                return [BotReply.Message($"I don't know an outcome called '{wanted}'. Outcomes: {string.Join(", ", outcomes.Select(o => $"{o.Code} ({o.Title})"))}.")];
            }
        }

        var period = cycle.OpenPeriod();
        var built = await results.BuildAsync(period, cancellationToken);
        var version = await db.ReportSnapshots.Where(r => r.Period == period).MaxAsync(r => (int?)r.Version, cancellationToken);
        return [BotReply.WithCard(ScorecardCard.Build(built, only, version), $"Scorecard {period}")];
    }
}
