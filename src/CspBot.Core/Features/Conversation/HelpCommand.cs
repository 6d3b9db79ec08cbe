using CspBot.Core.Cards;
using CspBot.Core.Domain;

namespace CspBot.Core.Features.Conversation;

/// <summary><c>help</c>: a card listing the commands this user's role may use.</summary>
public sealed class HelpCommand : IBotCommand
{
    public CommandInfo Info { get; } = new("help", "help", "Show this list of commands.", MemberRoles.None, "?", "commands", "hi", "hello");

    public Task<IReadOnlyList<BotReply>> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var card = AdaptiveCard.Create(
        [
            AdaptiveCard.Heading("What I can do"),
            AdaptiveCard.Text($"Hi {context.Member.FirstName} — you are {Roles(context.Member.Roles)} for {context.Member.Agency}. Type one of these:", isSubtle: true),
            AdaptiveCard.Facts(context.Available.Select(c => (c.Usage, c.Description))),
        ]);
        return Task.FromResult<IReadOnlyList<BotReply>>([BotReply.WithCard(card, "Commands you can use")]);
    }

    private static string Roles(MemberRoles roles)
    {
        var names = MemberRolesText.Format(roles).Split(';', StringSplitOptions.RemoveEmptyEntries);
        return names.Length == 0 ? "a member" : string.Join(" and ", names.Select(n => (n.StartsWith('o') ? "an " : "a ") + n));
    }
}
