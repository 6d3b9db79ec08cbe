using CspBot.Core.Domain;
using CspBot.Core.Features.Localisation;
using CspBot.Core.Features.Messaging;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;

namespace CspBot.Web.Teams;

/// <summary>
/// The Bot Framework adapter for incoming activities: logs failed turns and tells the user something went wrong instead
/// of going silent. Proactive sends do not run turns here: <see cref="TeamsMessenger"/> sends them on a
/// <see cref="ConnectorClients"/> client and turns the connector's failures into outbox decisions itself.
/// </summary>
public sealed class CspBotAdapter : CloudAdapter
{
    public CspBotAdapter(BotFrameworkAuthentication authentication, TenantAllowList tenants, ILogger<CspBotAdapter> logger)
        : base(authentication, logger)
    {
        Use(tenants);
        OnTurnError = async (turnContext, exception) =>
        {
            logger.LogError(exception, "Turn failed for {ActivityType} in {ConversationId}", turnContext.Activity.Type, turnContext.Activity.Conversation?.Id);
            if (turnContext.Activity.Type == Microsoft.Bot.Schema.ActivityTypes.Message)
            {
                // The turn's own language scope ended with the exception: Teams' locale is the hint here.
                using var language = CultureScope.Use(LanguageCodes.For(null, PartnershipLanguage.English, turnContext.Activity.Locale));
                await turnContext.SendActivityAsync(TeamsReplies.Text(MessagingText.SomethingWentWrong));
            }
        };
    }
}
