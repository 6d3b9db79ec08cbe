using CspBot.Core.Cards;
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
            return MessageFactory.Text(reply.Text ?? string.Empty);
        }

        var activity = MessageFactory.Attachment(new Attachment
        {
            ContentType = AdaptiveCard.ContentType,
            Content = JObject.Parse(reply.Card.ToJsonString()),
        });
        activity.Summary = reply.Text;
        return activity;
    }

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
        Value = message,
    };
}
