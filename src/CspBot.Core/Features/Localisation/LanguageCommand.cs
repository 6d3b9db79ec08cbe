using System.Text.Json.Nodes;
using CspBot.Core.Cards;
using CspBot.Core.Domain;
using CspBot.Core.Features.Conversation;

namespace CspBot.Core.Features.Localisation;

/// <summary>
/// <c>language cy</c> / <c>iaith en</c>: a person chooses the language of the messages sent to them (recorded in the
/// change history); with no argument, a card to choose. The answer is written in the language just chosen.
/// </summary>
public sealed class LanguageCommand(PersonalLanguage languages) : IBotCommand
{
    public CommandInfo Info { get; } = new("language", "language [cy|en]", Permissions.Everyone, "iaith");

    public async Task<IReadOnlyList<BotReply>> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var member = context.Member;
        var wanted = context.Arguments.Trim();
        if (wanted.Length == 0)
        {
            return [BotReply.WithCard(ChoiceCard(member, await languages.DefaultAsync(cancellationToken)), LanguageText.Summary)];
        }

        if (!LanguageCodes.TryParse(wanted, out var chosen))
        {
            return [BotReply.Message(Terms.Format(LanguageText.Unknown, FreeText.Shorten(wanted, 20)))];
        }

        var changed = await languages.SetAsync(member, chosen, member.Email, ChangeSource.Teams, cancellationToken);
        using (CultureScope.Use(chosen))
        {
            return [BotReply.Message(Terms.Format(changed ? LanguageText.SetTo : LanguageText.Already, Name(chosen)))];
        }
    }

    /// <summary>Bilingual, Welsh first: whoever reads it can choose. Each button sends the command as if typed.</summary>
    public static JsonObject ChoiceCard(Member member, PartnershipLanguage partnershipDefault)
    {
        var now = member.Language is { } recorded
            ? Terms.Format(LanguageText.ChoiceNow, Name(recorded))
            : Terms.Format(LanguageText.ChoiceNone, Name(LanguageCodes.For(null, partnershipDefault)));
        return AdaptiveCard.Create(
        [
            AdaptiveCard.Heading(LanguageText.ChoiceHeading),
            AdaptiveCard.Text(LanguageText.ChoiceIntro, isSubtle: true, spacing: "None"),
            AdaptiveCard.Text(now),
            AdaptiveCard.ActionSet(AdaptiveCard.SendText(LanguageText.ButtonWelsh, "iaith cy"), AdaptiveCard.SendText(LanguageText.ButtonEnglish, "language en")),
        ]);
    }

    private static string Name(Language language) => language == Language.Welsh ? LanguageText.NameWelsh : LanguageText.NameEnglish;
}
