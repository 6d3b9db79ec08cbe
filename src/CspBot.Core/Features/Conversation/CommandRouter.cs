using System.Text.RegularExpressions;
using CspBot.Core.Domain;
using CspBot.Core.Features.Localisation;
using CspBot.Core.Features.Messaging;
using Microsoft.Extensions.Logging;

namespace CspBot.Core.Features.Conversation;

/// <summary>
/// The one command table: maps the words a user types to a command, checks the user's role, and answers unknown text
/// with a pointer to <c>help</c>. Multi-word commands win over shorter ones ("my actions" before "my").
/// </summary>
public sealed partial class CommandRouter(IEnumerable<IBotCommand> commands, ILogger<CommandRouter> logger)
{
    /// <summary>In registration order, which is the order the help card lists them in.</summary>
    private readonly IReadOnlyList<CommandInfo> registered = commands.Select(c => c.Info).ToList();

    private readonly IReadOnlyList<(string Phrase, IBotCommand Command)> table = commands
        .SelectMany(c => new[] { c.Info.Name }.Concat(c.Info.Aliases).Select(phrase => (Phrase: phrase.ToLowerInvariant(), Command: c)))
        .OrderByDescending(entry => entry.Phrase.Length)
        .ToList();

    public IReadOnlyList<CommandInfo> Commands => registered;

    public async Task<IReadOnlyList<BotReply>> HandleAsync(Member member, ConversationAddress conversation, string text, CancellationToken cancellationToken)
    {
        var normalised = Normalise(text);
        var match = table.FirstOrDefault(e => normalised == e.Phrase || normalised.StartsWith(e.Phrase + " ", StringComparison.Ordinal));
        if (match.Command is null)
        {
            logger.LogInformation("Unrecognised text from {Member}", member.Email);
            return [BotReply.Message(normalised.Length == 0 ? HelpText.Hello : HelpText.NotUnderstood)];
        }

        var info = match.Command.Info;
        if (!info.AllowedFor(member))
        {
            logger.LogInformation("{Member} tried {Command} without the role", member.Email, info.Name);
            return [BotReply.Message(Terms.Format(HelpText.ForRoles, info.Name, Describe(info.Roles)))];
        }

        var available = Commands.Where(c => c.AllowedFor(member)).ToList();
        var arguments = normalised.Length > match.Phrase.Length ? OriginalArguments(text, match.Phrase) : string.Empty;
        logger.LogInformation("{Member} ran {Command}", member.Email, info.Name);
        return await match.Command.HandleAsync(new CommandContext(member, conversation, arguments, available), cancellationToken);
    }

    /// <summary>Lower case, single spaces, no trailing punctuation: "  My   Actions? " → "my actions".</summary>
    public static string Normalise(string text) =>
        Whitespace().Replace(text.Trim().TrimEnd('.', '!', '?').Trim(), " ").ToLowerInvariant();

    private static string OriginalArguments(string text, string phrase)
    {
        var words = phrase.Split(' ').Length;
        var parts = Whitespace().Split(text.Trim().TrimEnd('.', '!', '?').Trim());
        return string.Join(' ', parts.Skip(words));
    }

    /// <summary>"officers", "chairs and officers"; Welsh "swyddogion".</summary>
    private static string Describe(MemberRoles roles) =>
        string.Join(HelpText.RolesListAnd, MemberRolesText.Format(roles).Split(';').Select(r => HelpText.ResourceManager.GetString($"Roles_{r}", System.Globalization.CultureInfo.CurrentUICulture) ?? r + "s"));

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
