using System.Runtime.ExceptionServices;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;

namespace CspBot.Web.Teams;

/// <summary>The Bot Framework adapter: logs failed turns and tells the user something went wrong instead of going silent.</summary>
public sealed class CspBotAdapter : CloudAdapter
{
    public CspBotAdapter(BotFrameworkAuthentication authentication, TenantAllowList tenants, ILogger<CspBotAdapter> logger)
        : base(authentication, logger)
    {
        Use(tenants);
        OnTurnError = async (turnContext, exception) =>
        {
            if (IsProactive(turnContext.Activity))
            {
                // A proactive send (ContinueConversationAsync) failing belongs to its caller: TeamsMessenger turns the
                // connector's answer into an outbox decision (retry, throttled, blocked). Swallowing it here made every
                // 5xx, 429 and 403 look like a delivered message.
                ExceptionDispatchInfo.Capture(exception).Throw();
            }

            logger.LogError(exception, "Turn failed for {ActivityType} in {ConversationId}", turnContext.Activity.Type, turnContext.Activity.Conversation?.Id);
            if (turnContext.Activity.Type == Microsoft.Bot.Schema.ActivityTypes.Message)
            {
                await turnContext.SendActivityAsync("Sorry, something went wrong on my side and nothing was changed. Please try again in a minute.");
            }
        };
    }

    /// <summary>The turn ContinueConversationAsync runs for a proactive send (an event named ContinueConversation).</summary>
    private static bool IsProactive(Microsoft.Bot.Schema.IActivity activity) =>
        activity.Type == Microsoft.Bot.Schema.ActivityTypes.Event && activity is Microsoft.Bot.Schema.Activity { Name: "ContinueConversation" };
}
