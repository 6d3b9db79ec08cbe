using CspBot.Core.Cards;
using CspBot.Core.Domain;
using CspBot.Core.Features.Channel;
using CspBot.Core.Features.Conversation;
using CspBot.Core.Features.Decisions;
using CspBot.Core.Features.Localisation;
using CspBot.Core.Features.Messaging;
using CspBot.Core.Features.Returns;
using Newtonsoft.Json.Linq;
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
    CardActionRouter cardActions,
    DirectMessages direct,
    MemberDirectory directory,
    ConversationBook conversations,
    PartnershipChannel channel,
    TeamsLifecycle lifecycle,
    CardSeal seal,
    MemberSearch members,
    PersonalLanguage languages,
    ILogger<CspBotActivityHandler> logger) : TeamsActivityHandler
{
    /// <summary>Installed in a personal chat (or the user re-opened it): remember how to reach them, welcome them once.</summary>
    protected override async Task OnMembersAddedAsync(IList<ChannelAccount> membersAdded, ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        if (turnContext.Activity.Conversation?.ConversationType is "personal" or null)
        {
            await RememberPersonalChatAsync(turnContext, cancellationToken);
        }
        else if (turnContext.Activity.Conversation.ConversationType == "channel" && membersAdded.Any(m => m.Id == turnContext.Activity.Recipient?.Id))
        {
            if (await lifecycle.AddedToTeamAsync(TeamsConversations.FromActivity(turnContext.Activity), cancellationToken) is { } welcome)
            {
                await turnContext.SendActivityAsync(TeamsReplies.ToActivity(welcome), cancellationToken);
            }
        }
    }

    /// <summary>The app removed: from a personal scope (an uninstall), or from the team (its channels are gone to us).</summary>
    protected override async Task OnInstallationUpdateRemoveAsync(ITurnContext<IInstallationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        if (activity.Conversation?.ConversationType is "personal" or null)
        {
            await lifecycle.UninstalledPersonallyAsync(activity.Conversation!.Id, activity.From?.Id, cancellationToken);
        }
        else if (activity.GetChannelData<TeamsChannelData>()?.Team?.Id is { } teamId)
        {
            await lifecycle.ChannelsGoneAsync(null, teamId, ChannelLoss.AppRemovedFromTeam, cancellationToken);
        }
    }

    /// <summary>The bot among the members removed: from a team, or (with an uninstall) from a personal chat.</summary>
    protected override async Task OnTeamsMembersRemovedAsync(IList<TeamsChannelAccount> membersRemoved, TeamInfo teamInfo, ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        if (!membersRemoved.Any(m => m.Id == activity.Recipient?.Id))
        {
            return;
        }

        if (activity.Conversation?.ConversationType is "personal" or null)
        {
            await lifecycle.UninstalledPersonallyAsync(activity.Conversation!.Id, activity.From?.Id, cancellationToken);
        }
        else if (teamInfo?.Id is { } teamId)
        {
            await lifecycle.ChannelsGoneAsync(null, teamId, ChannelLoss.AppRemovedFromTeam, cancellationToken);
        }
    }

    protected override Task OnTeamsChannelDeletedAsync(ChannelInfo channelInfo, TeamInfo teamInfo, ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken) =>
        lifecycle.ChannelsGoneAsync(channelInfo.Id, teamInfo?.Id, ChannelLoss.ChannelDeleted, cancellationToken);

    protected override Task OnTeamsChannelRenamedAsync(ChannelInfo channelInfo, TeamInfo teamInfo, ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken) =>
        lifecycle.ChannelRenamedAsync(channelInfo.Id, channelInfo.Name ?? string.Empty, cancellationToken);

    protected override Task OnTeamsTeamDeletedAsync(TeamInfo teamInfo, ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken) =>
        lifecycle.ChannelsGoneAsync(null, teamInfo.Id, ChannelLoss.TeamDeleted, cancellationToken);

    protected override Task OnTeamsTeamHardDeletedAsync(TeamInfo teamInfo, ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken) =>
        lifecycle.ChannelsGoneAsync(null, teamInfo.Id, ChannelLoss.TeamDeleted, cancellationToken);

    protected override Task OnTeamsTeamArchivedAsync(TeamInfo teamInfo, ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken) =>
        lifecycle.ChannelsGoneAsync(null, teamInfo.Id, ChannelLoss.TeamArchived, cancellationToken);

    protected override Task OnTeamsTeamUnarchivedAsync(TeamInfo teamInfo, ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken) =>
        lifecycle.TeamRestoredAsync(teamInfo.Id, cancellationToken);

    protected override Task OnTeamsTeamRenamedAsync(TeamInfo teamInfo, ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken) =>
        lifecycle.TeamRenamedAsync(teamInfo.Id, teamInfo.Name ?? string.Empty, cancellationToken);

    protected override async Task OnInstallationUpdateAddAsync(ITurnContext<IInstallationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        if (turnContext.Activity.Conversation?.ConversationType is "personal" or null)
        {
            await RememberPersonalChatAsync(turnContext, cancellationToken);
        }
    }

    private async Task RememberPersonalChatAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var (member, _) = await ResolveMemberAsync(turnContext, cancellationToken);
        var address = TeamsConversations.FromActivity(turnContext.Activity);
        var wasGone = await conversations.IsGoneAsync(address.ConversationId, cancellationToken);
        var isNew = await conversations.RememberAsync(address, member, cancellationToken);
        if ((isNew || wasGone) && member is not null)
        {
            var partnership = await channel.PartnershipAsync(cancellationToken);

            // Their first message: in their language, Teams' locale the hint when they have chosen none.
            using var language = CultureScope.Use(await languages.ForAsync(member, turnContext.Activity.Locale, cancellationToken));
            await turnContext.SendActivityAsync(TeamsReplies.Text(PersonalWelcome(member, partnership)), cancellationToken);
        }
    }

    /// <summary>Who CspBot is, what this member will receive, and where to start.</summary>
    private static string PersonalWelcome(Member member, Partnership partnership) =>
        Terms.Format(member.Has(MemberRoles.Officer) ? HelpText.WelcomeOfficer : HelpText.WelcomeOwner, member.FirstName, partnership.Short);

    protected override async Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
    {
        var (member, lookupFailed) = await ResolveMemberAsync(turnContext, cancellationToken);
        if (lookupFailed || member is null)
        {
            // Nobody to ask for a choice: the partnership's default, with Teams' locale as the hint.
            using var unknown = CultureScope.Use(LanguageCodes.For(null, await languages.DefaultAsync(cancellationToken), turnContext.Activity.Locale));
            await turnContext.SendActivityAsync(TeamsReplies.Text(lookupFailed ? MessagingText.LookupFailed : MessagingText.NotAMember), cancellationToken);
            return;
        }

        if (turnContext.Activity.Conversation?.ConversationType is "personal" or null)
        {
            await conversations.RememberAsync(TeamsConversations.FromActivity(turnContext.Activity), member, cancellationToken);
        }

        // Everything this turn answers is written in the sender's language (Teams' locale only a hint for someone who chose none).
        using var language = CultureScope.Use(await languages.ForAsync(member, turnContext.Activity.Locale, cancellationToken));

        // Action.Submit (clients without Universal Actions) arrives as a message with a value and no text; a help-card
        // button (imBack) arrives as the command's text, or, from a client that treats it as a plain submit, in the value.
        var typed = turnContext.Activity.Text;
        if (string.IsNullOrWhiteSpace(typed) && turnContext.Activity.Value is JObject { } pressed && pressed["msteams"]?["type"]?.ToString() == "imBack")
        {
            typed = pressed["msteams"]?["value"]?.ToString();
        }
        else if (string.IsNullOrWhiteSpace(typed) && turnContext.Activity.Value is JObject submitted)
        {
            var result = await HandleCardActionAsync(turnContext, member, submitted["verb"]?.ToString(), submitted, cancellationToken);
            if (result.ForClickerOnly && TeamsConversations.FromActivity(turnContext.Activity).Kind != ConversationKind.Personal)
            {
                // An Action.Submit answer is seen by everyone here: a card made for the clicker goes to their own chat.
                var key = $"for-clicker:{member.Id}:{turnContext.Activity.Id}";
                await direct.SendAsync(member, key, "card-answer", await seal.SealAsync(new BotReply(null, result.Card), cancellationToken), cancellationToken);
                await turnContext.SendActivityAsync(TeamsReplies.Text(Terms.Format(MessagingText.SentToPersonalChat, member.FirstName)), cancellationToken);
                return;
            }

            await ReplyToCardAsync(turnContext, result, cancellationToken);
            return;
        }

        var text = string.IsNullOrWhiteSpace(turnContext.Activity.Text) ? typed ?? string.Empty : turnContext.Activity.RemoveRecipientMention() ?? turnContext.Activity.Text;
        var replies = await router.HandleAsync(member, TeamsConversations.FromActivity(turnContext.Activity), text, cancellationToken);
        foreach (var reply in replies)
        {
            await turnContext.SendActivityAsync(TeamsReplies.ToActivity(await seal.SealAsync(reply, cancellationToken)), cancellationToken);
        }
    }

    /// <summary>Card actions and the cards' type-ahead search are supported; other invokes (task modules…) get a clear 400, not a 501.</summary>
    protected override async Task<InvokeResponse> OnInvokeActivityAsync(ITurnContext<IInvokeActivity> turnContext, CancellationToken cancellationToken)
    {
        if (turnContext.Activity.Name == "adaptiveCard/action")
        {
            return await base.OnInvokeActivityAsync(turnContext, cancellationToken);
        }

        if (turnContext.Activity.Name == "application/search")
        {
            return await SearchAsync(turnContext, cancellationToken);
        }

        logger.LogWarning("Unsupported invoke {Name} from {From}", turnContext.Activity.Name, turnContext.Activity.From?.Id);
        return new InvokeResponse { Status = 400, Body = new { error = $"CspBot does not handle '{turnContext.Activity.Name}'." } };
    }

    /// <summary>
    /// The dynamic type-ahead of an <c>Input.ChoiceSet</c> (<c>choices.data</c>): Teams sends what was typed and the
    /// dataset; the answer is a search response of title/value pairs. Only the members dataset is known.
    /// </summary>
    private async Task<InvokeResponse> SearchAsync(ITurnContext<IInvokeActivity> turnContext, CancellationToken cancellationToken)
    {
        var value = turnContext.Activity.Value as JObject ?? (turnContext.Activity.Value is null ? new JObject() : JObject.FromObject(turnContext.Activity.Value));
        var (member, _) = await ResolveMemberAsync(turnContext, cancellationToken);
        var found = member is not null && value["dataset"]?.ToString() == DecisionCards.MembersDataset
            ? await members.FindAsync(member, value["queryText"]?.ToString(), cancellationToken)
            : [];
        return new InvokeResponse
        {
            Status = 200,
            Body = new JObject
            {
                ["type"] = "application/vnd.microsoft.search.searchResponse",
                ["value"] = new JObject { ["results"] = new JArray(found.Select(f => new JObject { ["title"] = f.Title, ["value"] = f.Value })) },
            },
        };
    }

    /// <summary>Action.Execute from a card (Universal Actions): the answer replaces the card in place.</summary>
    protected override async Task<AdaptiveCardInvokeResponse> OnAdaptiveCardInvokeAsync(ITurnContext<IInvokeActivity> turnContext, AdaptiveCardInvokeValue invokeValue, CancellationToken cancellationToken)
    {
        var (member, lookupFailed) = await ResolveMemberAsync(turnContext, cancellationToken);
        if (lookupFailed || member is null)
        {
            using var unknown = CultureScope.Use(LanguageCodes.For(null, await languages.DefaultAsync(cancellationToken), (turnContext.Activity as Activity)?.Locale));
            return TeamsReplies.InvokeMessage(lookupFailed ? MessagingText.InvokeLookupFailed : MessagingText.InvokeNotAMember);
        }

        using var language = CultureScope.Use(await languages.ForAsync(member, (turnContext.Activity as Activity)?.Locale, cancellationToken));
        var data = invokeValue.Action?.Data as JObject ?? (invokeValue.Action?.Data is null ? new JObject() : JObject.FromObject(invokeValue.Action.Data));
        var result = await HandleCardActionAsync(turnContext, member, invokeValue.Action?.Verb ?? data["verb"]?.ToString(), data, cancellationToken);
        return result.Card is not null
            ? TeamsReplies.InvokeCard(await seal.SealAsync(result.Card, cancellationToken))
            : TeamsReplies.InvokeMessage(result.Message ?? string.Empty);
    }

    private async Task<CardActionResult> HandleCardActionAsync(ITurnContext turnContext, Member member, string? verb, JObject data, CancellationToken cancellationToken)
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(data.ToString(Newtonsoft.Json.Formatting.None))!.AsObject();
        return await cardActions.HandleAsync(member, TeamsConversations.FromActivity(turnContext.Activity).Kind, verb, json, cancellationToken);
    }

    /// <summary>For Action.Submit: update the card that was clicked where the client allows, else send the answer.</summary>
    private async Task ReplyToCardAsync(ITurnContext turnContext, CardActionResult result, CancellationToken cancellationToken)
    {
        if (result.Card is null)
        {
            await turnContext.SendActivityAsync(TeamsReplies.Text(result.Message ?? string.Empty), cancellationToken);
            return;
        }

        var activity = (Activity)TeamsReplies.ToActivity(await seal.SealAsync(new BotReply(null, result.Card), cancellationToken));
        if (turnContext.Activity.ReplyToId is { Length: > 0 } cardId)
        {
            activity.Id = cardId;
            try
            {
                await turnContext.UpdateActivityAsync(activity, cancellationToken);
                return;
            }
            catch (ErrorResponseException ex)
            {
                logger.LogInformation("Could not update card {CardId} ({Status}); sending a new one", cardId, ex.Response?.StatusCode);
                activity.Id = null;
            }
        }

        await turnContext.SendActivityAsync(activity, cancellationToken);
    }

    /// <summary>
    /// Who is speaking, from the Bot Connector's roster only: by the Teams id that an earlier roster answer linked to a
    /// member, otherwise by asking the roster of this conversation for the user's email/UPN and Entra object id. Fields
    /// the activity declares about its sender (<c>from.aadObjectId</c>, <c>from.name</c>, <c>channelData</c>) are
    /// never believed. A 404 from the roster means not a member; any other failure is reported as such.
    /// </summary>
    private async Task<(Member? Member, bool LookupFailed)> ResolveMemberAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var from = turnContext.Activity.From;
        if (turnContext.Activity.ChannelId != Microsoft.Bot.Connector.Channels.Msteams)
        {
            return (null, false);
        }

        var member = await directory.FindByTeamsUserAsync(from.Id, cancellationToken);
        if (member is not null)
        {
            return (member, false);
        }

        TeamsChannelAccount account;
        try
        {
            account = await TeamsInfo.GetMemberAsync(turnContext, from.Id, cancellationToken);
        }
        catch (ErrorResponseException ex) when (ex.Response?.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            logger.LogWarning("Teams user {TeamsUserId} is not in the roster of {ConversationId}", from.Id, turnContext.Activity.Conversation.Id);
            return (null, false);
        }
        catch (Exception ex) when (ex is ErrorResponseException or Microsoft.Rest.HttpOperationException or HttpRequestException or TaskCanceledException)
        {
            logger.LogWarning(ex, "Could not look up Teams user {TeamsUserId} in {ConversationId}", from.Id, turnContext.Activity.Conversation.Id);
            return (null, true);
        }

        return (await directory.LinkByEmailAsync(from.Id, account.AadObjectId, [account.Email, account.UserPrincipalName], cancellationToken, account.GivenName), false);
    }
}
