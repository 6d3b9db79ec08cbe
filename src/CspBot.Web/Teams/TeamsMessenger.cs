using System.Net;
using CspBot.Core.Features.Conversation;
using CspBot.Core.Features.Messaging;
using Microsoft.Bot.Schema;

namespace CspBot.Web.Teams;

/// <summary>Proactive sends through the Bot Connector, with its failures translated into outbox decisions.</summary>
public sealed class TeamsMessenger(CspBotAdapter adapter, IConfiguration configuration, ILogger<TeamsMessenger> logger) : ITeamsMessenger
{
    private readonly string? botAppId = configuration.GetSection(TeamsBotHosting.Section)["MicrosoftAppId"];

    public async Task<SendResult> SendAsync(ConversationAddress to, BotReply message, CancellationToken cancellationToken)
    {
        string? activityId = null;
        try
        {
            await adapter.ContinueConversationAsync(
                botAppId,
                TeamsConversations.ToReference(to),
                async (turnContext, ct) => activityId = (await turnContext.SendActivityAsync(TeamsReplies.ToActivity(message), ct))?.Id,
                cancellationToken);
            return new SendResult(SendOutcome.Sent, activityId);
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
