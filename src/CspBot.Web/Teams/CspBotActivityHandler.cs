using CspBot.Core.Domain;
using CspBot.Core.Features.Conversation;
using CspBot.Core.Features.Messaging;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Teams;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;

namespace CspBot.Web.Teams;

/// <summary>
/// Translates Teams activities into calls on the partnership features and their replies back into activities.
/// Knows Teams; knows nothing of returns, reminders or reports.
/// </summary>
public sealed class CspBotActivityHandler(
    CommandRouter router,
    MemberDirectory directory,
    ConversationBook conversations,
    ILogger<CspBotActivityHandler> logger) : TeamsActivityHandler
{
    /// <summary>Installed in a personal chat (or the user re-opened it): remember how to reach them.</summary>
    protected override async Task OnMembersAddedAsync(IList<ChannelAccount> membersAdded, ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        if (turnContext.Activity.Conversation?.ConversationType is "personal" or null)
        {
            var member = await ResolveMemberAsync(turnContext, cancellationToken);
            await conversations.RememberAsync(TeamsConversations.FromActivity(turnContext.Activity), member, cancellationToken);
        }
    }

    protected override async Task OnInstallationUpdateAddAsync(ITurnContext<IInstallationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        if (turnContext.Activity.Conversation?.ConversationType is "personal" or null)
        {
            var member = await ResolveMemberAsync(turnContext, cancellationToken);
            await conversations.RememberAsync(TeamsConversations.FromActivity(turnContext.Activity), member, cancellationToken);
        }
    }

    protected override async Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
    {
        var member = await ResolveMemberAsync(turnContext, cancellationToken);
        if (member is null)
        {
            await turnContext.SendActivityAsync(
                "Hello! I can't find you among the partnership's members, so I can't show you anything yet. " +
                "Please ask your performance officer to add you with the email address you use in Teams.",
                cancellationToken: cancellationToken);
            return;
        }

        if (turnContext.Activity.Conversation?.ConversationType is "personal" or null)
        {
            await conversations.RememberAsync(TeamsConversations.FromActivity(turnContext.Activity), member, cancellationToken);
        }

        var text = turnContext.Activity.RemoveRecipientMention() ?? turnContext.Activity.Text ?? string.Empty;
        var replies = await router.HandleAsync(member, TeamsConversations.FromActivity(turnContext.Activity).Kind, text, cancellationToken);
        foreach (var reply in replies)
        {
            await turnContext.SendActivityAsync(TeamsReplies.ToActivity(reply), cancellationToken);
        }
    }

    /// <summary>By Teams id first; otherwise ask Teams for the user's email/UPN and link them to the member with it.</summary>
    private async Task<Member?> ResolveMemberAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var from = turnContext.Activity.From;
        var member = await directory.FindByTeamsUserAsync(from.Id, from.AadObjectId, cancellationToken);
        if (member is not null || turnContext.Activity.ChannelId != Microsoft.Bot.Connector.Channels.Msteams)
        {
            return member;
        }

        TeamsChannelAccount account;
        try
        {
            account = await TeamsInfo.GetMemberAsync(turnContext, from.Id, cancellationToken);
        }
        catch (Exception ex) when (ex is Microsoft.Bot.Schema.ErrorResponseException or Microsoft.Rest.HttpOperationException or HttpRequestException)
        {
            logger.LogWarning(ex, "Could not look up Teams user {TeamsUserId} in {ConversationId}", from.Id, turnContext.Activity.Conversation.Id);
            return null;
        }

        return await directory.LinkByEmailAsync(from.Id, account.AadObjectId ?? from.AadObjectId, [account.Email, account.UserPrincipalName], cancellationToken);
    }
}
