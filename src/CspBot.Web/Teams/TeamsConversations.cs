using CspBot.Core.Domain;
using CspBot.Core.Features.Messaging;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;

namespace CspBot.Web.Teams;

/// <summary>Converts between Bot Framework conversation references and the plain addresses Core stores.</summary>
public static class TeamsConversations
{
    public static ConversationAddress FromActivity(IActivity activity)
    {
        var channelData = activity.GetChannelData<TeamsChannelData>();
        var kind = activity.Conversation?.ConversationType switch
        {
            "channel" => ConversationKind.Channel,
            "groupChat" => ConversationKind.GroupChat,
            _ => ConversationKind.Personal,
        };
        // A channel message's conversation id names its thread ("19:…@thread.tacv2;messageid=…"); posts go to the channel.
        var conversationId = activity.Conversation!.Id;
        if (kind == ConversationKind.Channel && conversationId.IndexOf(";messageid=", StringComparison.Ordinal) is var thread and >= 0)
        {
            conversationId = conversationId[..thread];
        }

        return new ConversationAddress(
            kind,
            conversationId,
            activity.ServiceUrl,
            activity.ChannelId,
            activity.Conversation.TenantId ?? channelData?.Tenant?.Id,
            activity.Recipient?.Id,
            activity.Recipient?.Name,
            kind == ConversationKind.Personal ? activity.From?.Id : null,
            channelData?.Team?.Id,
            channelData?.Team?.Name)
        {
            TeamGroupId = channelData?.Team?.AadGroupId,
        };
    }

    public static ConversationReference ToReference(ConversationAddress address) => new()
    {
        ChannelId = address.ChannelId,
        ServiceUrl = address.ServiceUrl,
        Bot = new ChannelAccount(address.BotId, address.BotName),
        User = address.TeamsUserId is null ? null : new ChannelAccount(address.TeamsUserId),
        Conversation = new ConversationAccount(
            isGroup: address.Kind != ConversationKind.Personal,
            conversationType: address.Kind switch
            {
                ConversationKind.Channel => "channel",
                ConversationKind.GroupChat => "groupChat",
                _ => "personal",
            },
            id: address.ConversationId,
            tenantId: address.TenantId),
    };
}
