using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CspBot.Testing;

/// <summary>The limits the fake enforces; Teams' own by default, with the tenant rate scaled up for benchmarks.</summary>
public sealed record ConnectorLimits
{
    /// <summary>Requests per second per app per tenant (Teams: 50), as a token bucket holding one second's worth.</summary>
    public double TenantRequestsPerSecond { get; init; } = 50;

    /// <summary>Per bot per conversation: 7 in 1 s, 8 in 2 s, 60 in 30 s, 1,800 in an hour.</summary>
    public IReadOnlyList<(int Count, TimeSpan Window)> PerConversation { get; init; } =
    [
        (7, TimeSpan.FromSeconds(1)),
        (8, TimeSpan.FromSeconds(2)),
        (60, TimeSpan.FromSeconds(30)),
        (1800, TimeSpan.FromHours(1)),
    ];
}

/// <summary>
/// A Bot Connector stand-in on a real loopback port that enforces Teams' throttling: a message over the tenant rate or
/// a conversation's limits gets 429 with Retry-After (whole seconds, as Teams sends it) and is not delivered. It
/// counts what it accepted (per conversation) and what it refused.
/// </summary>
public sealed class ThrottlingConnector : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConnectorLimits limits;
    private readonly Lock gate = new();
    private readonly Dictionary<string, List<long>> accepted = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> scriptedFailures = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> deliveredTo = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<long> requestedAt = new();
    private double tokens;
    private long refilledAt = Stopwatch.GetTimestamp();
    private int delivered;
    private int tenantThrottled;
    private int conversationThrottled;
    private long firstAt;
    private long lastAt;

    private ThrottlingConnector(WebApplication app, ConnectorLimits limits)
    {
        this.app = app;
        this.limits = limits;
        tokens = limits.TenantRequestsPerSecond;
    }

    public string ServiceUrl { get; private set; } = string.Empty;

    public int Delivered => Volatile.Read(ref delivered);

    public int TenantThrottled => Volatile.Read(ref tenantThrottled);

    public int ConversationThrottled => Volatile.Read(ref conversationThrottled);

    /// <summary>Conversations that received at least one message.</summary>
    public int Conversations
    {
        get
        {
            lock (gate)
            {
                return accepted.Values.Count(log => log.Count > 0);
            }
        }
    }

    /// <summary>When the first message was accepted (a <see cref="Stopwatch"/> timestamp; 0 before then).</summary>
    public long FirstDeliveryAt => Interlocked.Read(ref firstAt);

    /// <summary>From the first accepted message to the last.</summary>
    public TimeSpan DeliverySpan => Stopwatch.GetElapsedTime(Interlocked.Read(ref firstAt), Interlocked.Read(ref lastAt));

    public static async Task<ThrottlingConnector> StartAsync(ConnectorLimits? limits = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var connector = new ThrottlingConnector(app, limits ?? new ConnectorLimits());
        app.MapPost("/v3/conversations/{conversationId}/activities/{replyToId?}", connector.ReceiveAsync);
        await app.StartAsync();
        connector.ServiceUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/";
        return connector;
    }

    /// <summary>
    /// The most send requests (accepted or refused: Teams counts both) that arrived within any <paramref name="window"/>,
    /// and the rate over the whole run, from the first request to the last.
    /// </summary>
    public (int Most, double Rate) RequestsPerWindow(TimeSpan window)
    {
        var times = requestedAt.Order().ToList();
        var most = 0;
        for (int start = 0, end = 0; end < times.Count; end++)
        {
            while (Stopwatch.GetElapsedTime(times[start], times[end]) >= window)
            {
                start++;
            }

            most = Math.Max(most, end - start + 1);
        }

        var span = times.Count > 1 ? Stopwatch.GetElapsedTime(times[0], times[^1]).TotalSeconds : 0;
        return (most, span > 0 ? (times.Count - 1) / span : 0);
    }

    /// <summary>Messages accepted for <paramref name="conversationId"/>.</summary>
    public int DeliveredTo(string conversationId) => deliveredTo.GetValueOrDefault(conversationId);

    /// <summary>Answers the next <paramref name="times"/> messages to a conversation with this status (403, 404, 429, 503…).</summary>
    public void FailNext(string conversationId, int status, int times = 1) => scriptedFailures[$"{conversationId}|{status}"] = times;

    private async Task<IResult> ReceiveAsync(string conversationId, HttpRequest request)
    {
        requestedAt.Enqueue(Stopwatch.GetTimestamp());
        await request.Body.CopyToAsync(Stream.Null);
        foreach (var (key, left) in scriptedFailures)
        {
            if (key.StartsWith(conversationId + "|", StringComparison.Ordinal) && left > 0 && scriptedFailures.TryUpdate(key, left - 1, left))
            {
                var status = int.Parse(key[(key.IndexOf('|', StringComparison.Ordinal) + 1)..], CultureInfo.InvariantCulture);
                var code = status switch { 403 => "MessageWritesBlocked", 404 => "ConversationNotFound", 429 => "TooManyRequests", _ => "ServiceUnavailable" };
                if (status == 429)
                {
                    request.HttpContext.Response.Headers.RetryAfter = "1";
                }

                return Results.Json(new { error = new { code, message = code } }, statusCode: status);
            }
        }

        var wait = Admit(conversationId);
        if (wait > TimeSpan.Zero)
        {
            request.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return Results.Json(new { error = new { code = "TooManyRequests", message = "throttled" } }, statusCode: 429);
        }

        deliveredTo.AddOrUpdate(conversationId, 1, (_, n) => n + 1);
        var id = Interlocked.Increment(ref delivered);
        return Results.Json(new { id = $"activity-{id}" }, statusCode: 201);
    }

    /// <summary>Takes a tenant token and a conversation slot, or says how long until both would be free.</summary>
    private TimeSpan Admit(string conversationId)
    {
        lock (gate)
        {
            var now = Stopwatch.GetTimestamp();
            tokens = Math.Min(limits.TenantRequestsPerSecond, tokens + (Stopwatch.GetElapsedTime(refilledAt, now).TotalSeconds * limits.TenantRequestsPerSecond));
            refilledAt = now;
            if (!accepted.TryGetValue(conversationId, out var log))
            {
                log = [];
                accepted[conversationId] = log;
            }

            var conversationWait = TimeSpan.Zero;
            foreach (var (count, window) in limits.PerConversation)
            {
                var inWindow = log.Count(t => Stopwatch.GetElapsedTime(t, now) < window);
                if (inWindow >= count)
                {
                    var oldest = log[log.Count - count];
                    conversationWait = TimeSpan.FromTicks(Math.Max(conversationWait.Ticks, (window - Stopwatch.GetElapsedTime(oldest, now)).Ticks));
                }
            }

            if (conversationWait > TimeSpan.Zero)
            {
                conversationThrottled++;
                return conversationWait;
            }

            if (tokens < 1)
            {
                tenantThrottled++;
                return TimeSpan.FromSeconds((1 - tokens) / limits.TenantRequestsPerSecond);
            }

            tokens -= 1;
            log.Add(now);
            Interlocked.CompareExchange(ref firstAt, now, 0);
            lastAt = now;
            return TimeSpan.Zero;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
