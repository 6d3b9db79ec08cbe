using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CspBot.Web.Tests.Support;

/// <summary>
/// A stand-in for the Bot Connector service on a real loopback port: records every activity the bot sends and answers
/// roster look-ups (GET members/{id}) from the users it is given, as Teams does.
/// </summary>
public sealed class FakeConnector : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, JsonObject> users = new();
    private int nextId;
    private int attempts;
    private int inFlight;
    private int answered;

    private FakeConnector(WebApplication app) => this.app = app;

    public ConcurrentQueue<(string ConversationId, JsonObject Activity)> Sent { get; } = new();

    public string ServiceUrl { get; private set; } = string.Empty;

    /// <summary>A <see cref="SendFailures"/> entry that makes the connector hang instead of answering (a timeout).</summary>
    public const int Hang = 0;

    /// <summary>How the next sends fail, one entry per send: an HTTP status, or <see cref="Hang"/>.</summary>
    public ConcurrentQueue<int> SendFailures { get; } = new();

    /// <summary>Sends that were refused or left hanging on purpose.</summary>
    public ConcurrentQueue<(string ConversationId, int Status)> Refused { get; } = new();

    /// <summary>
    /// Conversations that refuse every send with this status, as Teams does once a channel or its team is deleted (404)
    /// or the bot was removed from the team (403).
    /// </summary>
    public ConcurrentDictionary<string, int> Unreachable { get; } = new();

    /// <summary>How long each successful send takes to be accepted (a slow connector, to catch a fan-out in the middle).</summary>
    public TimeSpan SendDelay { get; set; }

    /// <summary>How many sends, counted from when <see cref="SendDelay"/> is set, are still answered at once.</summary>
    public int AnswerAtOnce { get; set; }

    /// <summary>Send requests received and not answered yet.</summary>
    public int InFlight => Volatile.Read(ref inFlight);

    /// <summary>Every send request received, delivered or not.</summary>
    public int Attempts => Volatile.Read(ref attempts);

    /// <summary>When set, roster look-ups fail with this status (Teams having a bad moment).</summary>
    public int? LookupFailure { get; set; }

    public static async Task<FakeConnector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var connector = new FakeConnector(app);
        app.MapPost("/v3/conversations/{conversationId}/activities/{replyToId?}", (string conversationId, HttpRequest request) => connector.ReceiveAsync(conversationId, request));
        app.MapGet("/v3/conversations/{conversationId}/members/{userId}", (string conversationId, string userId) =>
            connector.LookupFailure is { } status
                ? Results.Json(new { error = new { code = "ServiceError", message = "unavailable" } }, statusCode: status)
                : connector.users.TryGetValue(userId, out var user)
                ? Results.Json(user)
                : Results.Json(new { error = new { code = "MemberNotFoundInConversation", message = "not found" } }, statusCode: 404));
        await app.StartAsync();
        connector.ServiceUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/";
        return connector;
    }

    /// <summary>A send from the bot: refused or left hanging when asked to, else recorded and acknowledged.</summary>
    private async Task<IResult> ReceiveAsync(string conversationId, HttpRequest request)
    {
        var activity = (JsonObject)(await JsonNode.ParseAsync(request.Body))!;
        Interlocked.Increment(ref attempts);
        Interlocked.Increment(ref inFlight);
        try
        {
            if (SendFailures.TryDequeue(out var failure))
            {
                Refused.Enqueue((conversationId, failure));
                if (failure == Hang)
                {
                    await Task.Delay(TimeSpan.FromMinutes(2), request.HttpContext.RequestAborted).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                    return Results.StatusCode(504);
                }

                // 403 is Teams' answer for a member who blocked the bot.
                var code = failure == 403 ? "MessageWritesBlocked" : "ServiceError";
                return Results.Json(new { error = new { code, message = $"failing with {failure} on purpose" } }, statusCode: failure);
            }

            if (Unreachable.TryGetValue(conversationId, out var gone))
            {
                Refused.Enqueue((conversationId, gone));
                var code = gone == 403 ? "BotNotInConversationRoster" : "ConversationNotFound";
                return Results.Json(new { error = new { code, message = $"{conversationId} cannot be posted to" } }, statusCode: gone);
            }

            if (SendDelay > TimeSpan.Zero && Interlocked.Increment(ref answered) > AnswerAtOnce)
            {
                await Task.Delay(SendDelay);
            }

            Sent.Enqueue((conversationId, activity));
            return Results.Json(new { id = $"activity-{Interlocked.Increment(ref nextId)}" }, statusCode: 201);
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
        }
    }

    /// <summary>Makes a Teams user known to the roster, as the Teams client would report them.</summary>
    public void AddUser(string teamsUserId, string email, string name, string? givenName = null) =>
        users[teamsUserId] = new JsonObject
        {
            ["id"] = teamsUserId,
            ["name"] = name,
            ["givenName"] = givenName,
            ["email"] = email,
            ["userPrincipalName"] = email,
            ["aadObjectId"] = Guid.NewGuid().ToString(),
        };

    /// <summary>Waits until the bot has sent at least <paramref name="count"/> activities in total.</summary>
    public async Task<IReadOnlyList<JsonObject>> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (Sent.Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        return Sent.Select(s => s.Activity).ToList();
    }

    /// <summary>Waits until an activity matching <paramref name="match"/> has been sent (deliveries may come from a background job).</summary>
    public async Task<(string ConversationId, JsonObject Activity)> WaitForAsync(Func<JsonObject, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (DateTime.UtcNow < deadline)
        {
            var found = Sent.FirstOrDefault(s => match(s.Activity));
            if (found.Activity is not null)
            {
                return found;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException("The bot did not send the expected activity. Sent: " + string.Join(" | ", Sent.Select(s => s.Activity.Json())));
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
