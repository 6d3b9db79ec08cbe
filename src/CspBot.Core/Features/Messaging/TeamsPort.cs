using CspBot.Core.Domain;
using CspBot.Core.Features.Conversation;

namespace CspBot.Core.Features.Messaging;

/// <summary>Where to send a proactive message: a stored Teams conversation, as plain data.</summary>
public sealed record ConversationAddress(
    ConversationKind Kind,
    string ConversationId,
    string ServiceUrl,
    string ChannelId,
    string? TenantId,
    string? BotId,
    string? BotName,
    string? TeamsUserId,
    string? TeamId,
    string? TeamName)
{
    /// <summary>For team channels: the team's Microsoft 365 group id, which Microsoft Graph needs to reach its files.</summary>
    public string? TeamGroupId { get; init; }

    public static ConversationAddress From(StoredConversation stored) => new(
        stored.Kind, stored.ConversationId, stored.ServiceUrl, stored.ChannelId, stored.TenantId,
        stored.BotId, stored.BotName, stored.TeamsUserId, stored.TeamId, stored.TeamName)
    {
        TeamGroupId = stored.TeamGroupId,
    };
}

/// <summary>How a send went, in terms the outbox can act on.</summary>
public enum SendOutcome
{
    Sent,

    /// <summary>429: wait <see cref="SendResult.RetryAfter"/> and try again.</summary>
    Throttled,

    /// <summary>412/5xx or a network error: back off with jitter and try again.</summary>
    TransientFailure,

    /// <summary>403 MessageWritesBlocked: the user blocked the bot; never retry.</summary>
    Blocked,

    /// <summary>The conversation or user no longer exists (404, 403 other than blocked): never retry.</summary>
    Gone,
}

public sealed record SendResult(SendOutcome Outcome, string? ActivityId = null, TimeSpan? RetryAfter = null, string? Error = null);

/// <summary>The one way Core reaches Teams. Implemented in the Teams layer over the Bot Connector.</summary>
public interface ITeamsMessenger
{
    Task<SendResult> SendAsync(ConversationAddress to, BotReply message, CancellationToken cancellationToken);
}
