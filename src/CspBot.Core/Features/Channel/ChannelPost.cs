using System.Text.Json.Nodes;
using CspBot.Core.Cards;
using CspBot.Core.Domain;
using CspBot.Core.Features.Conversation;
using CspBot.Core.Features.Localisation;

namespace CspBot.Core.Features.Channel;

/// <summary>
/// A post to the partnership channel in the partnership's language (<see cref="PartnershipLanguage"/>): English or Welsh,
/// or bilingual as one post with the Welsh first and the English after it (Welsh where it is read first, as Welsh
/// bodies' guidance for combined documents advises). The post is built by the caller once per language, inside that
/// language's <see cref="CultureScope"/>, so each block of a bilingual card is wholly in its own language.
/// </summary>
public static class ChannelPost
{
    public static BotReply Compose(PartnershipLanguage language, Func<BotReply> build)
    {
        if (language != PartnershipLanguage.Bilingual)
        {
            using var scope = CultureScope.Use(language == PartnershipLanguage.Welsh ? Language.Welsh : Language.English);
            return build();
        }

        BotReply welsh;
        using (CultureScope.Use(Language.Welsh))
        {
            welsh = build();
        }

        BotReply english;
        using (CultureScope.Use(Language.English))
        {
            english = build();
        }

        using (CultureScope.Use(Language.Welsh))
        {
            return Bilingual(welsh, english);
        }
    }

    /// <summary>
    /// One post of two: a card whose first block is the Welsh card's body and buttons and whose second, after a separator,
    /// is the English card's (its <c>lang</c> "cy", the first language); a message of the two texts, Welsh first.
    /// </summary>
    private static BotReply Bilingual(BotReply welsh, BotReply english)
    {
        var text = welsh.Text is null || english.Text is null ? welsh.Text ?? english.Text : Terms.Format(welsh.Card is null ? ChannelText.BilingualMessage : ChannelText.BilingualSummary, welsh.Text, english.Text);
        if (welsh.Card is null || english.Card is null)
        {
            return new BotReply(text, welsh.Card ?? english.Card);
        }

        var card = AdaptiveCard.Create([Block(welsh.Card, separator: false), Block(english.Card, separator: true)]);
        return BotReply.WithCard(card, text);
    }

    /// <summary>A card's body and buttons as one container (the buttons in an ActionSet at its end).</summary>
    private static JsonObject Block(JsonObject card, bool separator)
    {
        var items = card["body"]!.AsArray().Select(node => node!.DeepClone()).ToList();
        if (card["actions"] is JsonArray { Count: > 0 } actions)
        {
            items.Add(AdaptiveCard.ActionSet([.. actions.Select(node => node!.DeepClone())]));
        }

        var block = AdaptiveCard.Container(items, separator: separator);
        if (separator)
        {
            block["spacing"] = "ExtraLarge";
        }

        return block;
    }
}
