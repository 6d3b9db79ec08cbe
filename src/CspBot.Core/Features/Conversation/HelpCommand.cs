using System.Text.Json.Nodes;
using CspBot.Core.Cards;
using CspBot.Core.Domain;
using CspBot.Core.Features.Localisation;
using CspBot.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CspBot.Core.Features.Conversation;

/// <summary>
/// <c>help</c>: a card listing the commands this user's role may use, with examples from the partnership's own refs
/// and outcome codes, each command a button that sends it.
/// </summary>
public sealed class HelpCommand(CspDbContext db) : IBotCommand
{
    private const int MaxActionsPerSet = 5;

    public CommandInfo Info { get; } = new("help", "help", Permissions.Everyone, "?", "commands", "hi", "hello");

    public async Task<IReadOnlyList<BotReply>> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var memberId = context.Member.Id;
        var reference = await db.Actions.AsNoTracking().Where(a => a.OwnerId == memberId).OrderBy(a => a.Ref).Select(a => a.Ref).FirstOrDefaultAsync(cancellationToken)
            ?? await db.Indicators.AsNoTracking().Where(i => i.OwnerId == memberId).OrderBy(i => i.Ref).Select(i => i.Ref).FirstOrDefaultAsync(cancellationToken)
            ?? await db.Actions.AsNoTracking().OrderBy(a => a.Ref).Select(a => a.Ref).FirstOrDefaultAsync(cancellationToken);
        var outcome = await db.Outcomes.AsNoTracking().OrderBy(o => o.Id).Select(o => o.Code).FirstOrDefaultAsync(cancellationToken);
        string Example(string text) => text
            .Replace(CommandInfo.RefExample, reference ?? "<ref>", StringComparison.Ordinal)
            .Replace(CommandInfo.OutcomeExample, outcome ?? "<outcome>", StringComparison.Ordinal);

        var body = new List<JsonNode>
        {
            AdaptiveCard.Heading(HelpText.Heading),
            AdaptiveCard.Text(Terms.Format(HelpText.Intro, context.Member.FirstName, Roles(context.Member.Roles), context.Member.Agency), isSubtle: true),
        };
        body.Add(AdaptiveCard.Facts(context.Available.Select(c => (Example(c.Usage), Example(Description(c))))));

        // Teams draws at most five actions in one set: the buttons go in rows of five.
        foreach (var row in context.Available.Select(c => (JsonNode)SendText(Example(c.Usage))).Chunk(MaxActionsPerSet))
        {
            body.Add(AdaptiveCard.ActionSet(row));
        }

        return [BotReply.WithCard(AdaptiveCard.Create(body), HelpText.Summary)];
    }

    /// <summary>A button that sends the command as if typed (Teams' imBack): "scorecard [outcome]" sends "scorecard".</summary>
    private static JsonObject SendText(string usage)
    {
        var text = usage.Split('[', 2)[0].Trim();
        return AdaptiveCard.SendText(text, text);
    }

    /// <summary>The command's description in the language now: HelpText's <c>Command_{name}</c> (English and Welsh).</summary>
    private static string Description(CommandInfo command) =>
        HelpText.ResourceManager.GetString($"Command_{command.Name}", System.Globalization.CultureInfo.CurrentUICulture) ?? command.Name;

    /// <summary>"a chair and an officer"; Welsh "gadeirydd ac yn swyddog" (after "rydych chi'n").</summary>
    private static string Roles(MemberRoles roles)
    {
        var names = MemberRolesText.Format(roles).Split(';', StringSplitOptions.RemoveEmptyEntries);
        return string.Join(HelpText.RolesAnd, (names.Length == 0 ? ["member"] : names).Select(n => HelpText.ResourceManager.GetString($"Role_{n}", System.Globalization.CultureInfo.CurrentUICulture) ?? n));
    }
}
