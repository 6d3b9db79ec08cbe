using System.Text.Json.Nodes;
using CspBot.Core.Domain;
using CspBot.Core.Features.Messaging;

namespace CspBot.Core.Features.Conversation;

/// <summary>What a command is called and who may use it. Its description, in English and Welsh, is written once:
/// HelpText's <c>Command_{Name}</c>, which the help card reads.</summary>
/// <param name="Roles">Roles allowed to use it (any of them); <see cref="MemberRoles.None"/> means every member.</param>
/// <remarks><see cref="Usage"/> and the description may hold <see cref="RefExample"/> and <see cref="OutcomeExample"/>,
/// which the help card replaces with the partnership's own refs and outcome codes.</remarks>
public sealed record CommandInfo(string Name, string Usage, MemberRoles Roles, params string[] Aliases)
{
    /// <summary>Stands for one of the member's own refs (or the partnership's first) in help examples.</summary>
    public const string RefExample = "{ref}";

    /// <summary>Stands for the partnership's first outcome code in help examples.</summary>
    public const string OutcomeExample = "{outcome}";

    public bool AllowedFor(Member member) => member.May(Roles);
}

/// <summary>A typed text command. Each feature contributes its own; <see cref="CommandRouter"/> holds the one table.</summary>
public interface IBotCommand
{
    CommandInfo Info { get; }

    Task<IReadOnlyList<BotReply>> HandleAsync(CommandContext context, CancellationToken cancellationToken);
}

/// <summary>Who wrote, where, and what followed the command name ("update DV-03" → Arguments "DV-03").</summary>
public sealed record CommandContext(Member Member, ConversationAddress Conversation, string Arguments, IReadOnlyList<CommandInfo> Available);

/// <summary>A message for the Teams layer to send: text, an Adaptive Card, or both.</summary>
public sealed record BotReply(string? Text, JsonObject? Card)
{
    public static BotReply Message(string text) => new(text, null);

    public static BotReply WithCard(JsonObject card, string? summary = null) => new(summary, card);
}
