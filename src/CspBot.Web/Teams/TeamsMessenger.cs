using CspBot.Core.Features.Returns;
using System.Net;
using CspBot.Core.Features.Conversation;
using CspBot.Core.Features.Messaging;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Schema;

namespace CspBot.Web.Teams;

/// <summary>
/// Proactive sends through the Bot Connector, with its failures translated into outbox decisions. Sends go straight to
/// the conversation on a reused connector client (<see cref="ConnectorClients"/>), as a proactive turn would send them.
/// </summary>
public sealed class TeamsMessenger(ConnectorClients clients, TenantAllowList tenants, CardSeal seal, ILogger<TeamsMessenger> logger) : ITeamsMessenger
{
    public async Task<SendResult> SendAsync(ConversationAddress to, BotReply message, CancellationToken cancellationToken)
    {
        if (!tenants.Allows(to.TenantId))
        {
            logger.LogWarning("Not sending to {ConversationId}: tenant {TenantId} is not allowed", to.ConversationId, to.TenantId ?? "(none)");
            return new SendResult(SendOutcome.Gone, Error: $"tenant {to.TenantId ?? "(none)"} is not in Bot:AllowedTenants");
        }

        try
        {
            var reference = TeamsConversations.ToReference(to);
            var activity = (Activity)TeamsReplies.ToActivity(await seal.SealAsync(message, cancellationToken));
            activity.ApplyConversationReference(reference);
            var connector = await clients.ForAsync(to.ServiceUrl, cancellationToken);
            var response = await connector.Conversations.SendToConversationAsync(activity, cancellationToken);
            return new SendResult(SendOutcome.Sent, response?.Id);
        }
        catch (ErrorResponseException ex)
        {
            var status = ex.Response?.StatusCode ?? 0;
            var body = ex.Response?.Content ?? string.Empty;
            logger.LogWarning("Connector answered {Status} sending to {ConversationId}: {Body}", (int)status, to.ConversationId, body);
            return status switch
            {
                HttpStatusCode.TooManyRequests => new SendResult(SendOutcome.Throttled, RetryAfter: RetryAfter(ex), Error: "429"),
                HttpStatusCode.Forbidden when body.Contains("MessageWritesBlocked", StringComparison.OrdinalIgnoreCase) => new SendResult(SendOutcome.Blocked, Error: body),
                HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.BadRequest => new SendResult(SendOutcome.Gone, Error: $"{(int)status}: {body}"),
                _ => new SendResult(SendOutcome.TransientFailure, Error: $"{(int)status}: {body}"),
            };
        }
        catch (HttpRequestException ex)
        {
            logger.LogWarning(ex, "Could not reach the connector at {ServiceUrl}", to.ServiceUrl);
            return new SendResult(SendOutcome.TransientFailure, Error: ex.Message);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return new SendResult(SendOutcome.TransientFailure, Error: "timeout: " + ex.Message);
        }
    }

    private static TimeSpan? RetryAfter(ErrorResponseException ex)
    {
        if (ex.Response?.Headers is { } headers && headers.TryGetValue("Retry-After", out var values)
            && int.TryParse(values.FirstOrDefault(), out var seconds))
        {
            return TimeSpan.FromSeconds(Math.Clamp(seconds, 1, 3600));
        }

        return null;
    }
}
