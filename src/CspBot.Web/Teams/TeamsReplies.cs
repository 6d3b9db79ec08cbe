using CspBot.Core.Cards;
using CspBot.Core.Domain;
using CspBot.Core.Features.Conversation;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace CspBot.Web.Teams;

/// <summary>Turns the features' replies (text and card JSON) into Bot Framework activities.</summary>
public static class TeamsReplies
{
    public static IActivity ToActivity(BotReply reply)
    {
        if (reply.Card is null)
        {
            return Text(reply.Text ?? string.Empty);
        }

        var activity = MessageFactory.Attachment(new Attachment
        {
            ContentType = AdaptiveCard.ContentType,
            Content = JObject.Parse(reply.Card.ToJsonString()),
        });
        activity.Summary = FreeText.Writable(reply.Text);
        return activity;
    }

    /// <summary>A chat message. Teams reads it as markdown, so it goes through the same display rule as card text.</summary>
    public static IMessageActivity Text(string text) => MessageFactory.Text(FreeText.ForDisplay(text));

    public static AdaptiveCardInvokeResponse InvokeCard(System.Text.Json.Nodes.JsonObject card) => new()
    {
        StatusCode = 200,
        Type = AdaptiveCard.ContentType,
        Value = JObject.Parse(card.ToJsonString()),
    };

    public static AdaptiveCardInvokeResponse InvokeMessage(string message) => new()
    {
        StatusCode = 200,
        Type = "application/vnd.microsoft.activity.message",
        Value = FreeText.ForDisplay(message),
    };
}
