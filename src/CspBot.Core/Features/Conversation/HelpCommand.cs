using System.Text.Json.Nodes;
using CspBot.Core.Cards;
using CspBot.Core.Domain;
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

    public CommandInfo Info { get; } = new("help", "help", "Show this list of commands.", Permissions.Everyone, "?", "commands", "hi", "hello");

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
            AdaptiveCard.Heading("What I can do"),
            AdaptiveCard.Text($"Hi {context.Member.FirstName} — you are {Roles(context.Member.Roles)} for {context.Member.Agency}. Type one of these:", isSubtle: true),
        };
        body.Add(AdaptiveCard.Facts(context.Available.Select(c => (Example(c.Usage), Example(c.Description)))));

        // Teams draws at most five actions in one set: the buttons go in rows of five.
        foreach (var row in context.Available.Select(c => (JsonNode)SendText(Example(c.Usage))).Chunk(MaxActionsPerSet))
        {
            body.Add(AdaptiveCard.ActionSet(row));
        }

        return [BotReply.WithCard(AdaptiveCard.Create(body), "Commands you can use")];
    }

    /// <summary>A button that sends the command as if typed (Teams' imBack): "scorecard [outcome]" sends "scorecard".</summary>
    private static JsonObject SendText(string usage)
    {
        var text = usage.Split('[', 2)[0].Trim();
        return new JsonObject
        {
            ["type"] = "Action.Submit",
            ["title"] = text,
            ["data"] = new JsonObject { ["msteams"] = new JsonObject { ["type"] = "imBack", ["value"] = text } },
        };
    }

    private static string Roles(MemberRoles roles)
    {
        var names = MemberRolesText.Format(roles).Split(';', StringSplitOptions.RemoveEmptyEntries);
        return names.Length == 0 ? "a member" : string.Join(" and ", names.Select(n => (n.StartsWith('o') ? "an " : "a ") + n));
    }
}
