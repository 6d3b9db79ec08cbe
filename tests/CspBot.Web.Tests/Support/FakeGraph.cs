using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Azure.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CspBot.Web.Tests.Support;

/// <summary>
/// A stand-in for Microsoft Graph on a real loopback port, answering the calls the bot makes as Graph does: users by
/// UPN and by $filter (mail, otherMails, a guest's #EXT# UPN), app installation for a user (201, 409) and its chat,
/// a team's members, a channel's files folder, simple uploads and upload sessions. Failures can be injected per route.
/// </summary>
public sealed partial class FakeGraph : IAsyncDisposable
{
    public const string CatalogAppId = "5a0b8c1e-3f4d-4e2a-9b6c-7d8e9f0a1b2c";
    public const string DriveId = "b!drive-general";
    public const string FolderId = "01FOLDERGENERAL";

    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, JsonObject> users = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, string> installations = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, List<JsonObject>> teams = new();
    private readonly ConcurrentDictionary<string, UploadSession> sessions = new();
    private readonly ConcurrentQueue<Fault> faults = new();

    private FakeGraph(WebApplication app) => this.app = app;

    /// <summary>Every request: method, decoded path and query, and whether it carried the app's bearer token.</summary>
    public ConcurrentQueue<(string Method, string Path, string Query, bool Authorised)> Requests { get; } = new();

    /// <summary>Files stored in the channel's folder, by name.</summary>
    public ConcurrentDictionary<string, byte[]> Files { get; } = new();

    public string BaseUrl { get; private set; } = string.Empty;

    public string Root { get; private set; } = string.Empty;

    public static async Task<FakeGraph> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var graph = new FakeGraph(app);
        app.Run(graph.HandleAsync);
        await app.StartAsync();
        graph.Root = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        graph.BaseUrl = graph.Root + "/v1.0";
        return graph;
    }

    /// <summary>A member of the tenant: signs in with their email.</summary>
    public string AddMember(string email, string name) => AddUser(email, name, email, "Member", []);

    /// <summary>A guest invited with their own email: UPN alice_police.example#EXT#@council.onmicrosoft.com.</summary>
    public string AddGuest(string email, string name, bool withMail = true, string[]? otherMails = null) =>
        AddUser(email.Replace('@', '_') + "#EXT#@council.onmicrosoft.com", name, withMail ? email : null, "Guest", otherMails ?? []);

    public string AddUser(string upn, string name, string? mail, string userType, string[] otherMails)
    {
        var id = Guid.NewGuid().ToString();
        users[id] = new JsonObject
        {
            ["id"] = id,
            ["displayName"] = name,
            ["mail"] = mail,
            ["userPrincipalName"] = upn,
            ["userType"] = userType,
            ["otherMails"] = new JsonArray([.. otherMails.Select(m => (JsonNode)m)]),
        };
        return id;
    }

    /// <summary>The app is already installed for this user (the next install answers 409).</summary>
    public void PreInstall(string userId) => installations[userId] = "installation-" + userId;

    public bool IsInstalledFor(string userId) => installations.ContainsKey(userId);

    public static string ChatIdOf(string userId) => $"19:{userId}_{CatalogAppId}@unq.gbl.spaces";

    public void AddTeam(string teamId, params (string UserId, string Email, string Name, bool Guest)[] members) =>
        teams[teamId] = [.. members.Select(m => new JsonObject
        {
            ["@odata.type"] = "#microsoft.graph.aadUserConversationMember",
            ["id"] = "membership-" + m.UserId,
            ["displayName"] = m.Name,
            ["userId"] = m.UserId,
            ["email"] = m.Email,
            ["roles"] = m.Guest ? new JsonArray("guest") : new JsonArray(),
        })];

    /// <summary>The next <paramref name="times"/> requests whose method and path match answer <paramref name="status"/>.</summary>
    public void Fail(string method, string pathPattern, int status, int times = 1, int? retryAfterSeconds = null, string code = "Failure") =>
        faults.Enqueue(new Fault(method, new Regex(pathPattern, RegexOptions.IgnoreCase), status, retryAfterSeconds, code) { Remaining = times });

    public int CountOf(string method, string pathPattern) =>
        Requests.Count(r => r.Method == method && Regex.IsMatch(r.Path, pathPattern, RegexOptions.IgnoreCase));

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? string.Empty;
        var query = Uri.UnescapeDataString(request.QueryString.Value ?? string.Empty);
        Requests.Enqueue((request.Method, path, query, request.Headers.Authorization.ToString() == $"Bearer {FakeCredential.Token}"));

        var fault = faults.FirstOrDefault(f => f.Remaining > 0 && f.Method == request.Method && f.Path.IsMatch(path));
        if (fault is not null && Interlocked.Decrement(ref fault.Remaining) >= 0)
        {
            if (fault.RetryAfter is { } seconds)
            {
                context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            }

            await ErrorAsync(context, fault.Status, fault.Code, "Injected failure.");
            return;
        }

        var result = await RouteAsync(request, path);
        context.Response.StatusCode = result.Status;
        if (result.Body is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(result.Body.ToJsonString());
        }
    }

    private async Task<(int Status, JsonNode? Body)> RouteAsync(HttpRequest request, string path)
    {
        Match m;
        if (request.Method == "GET" && path == "/v1.0/users")
        {
            return (200, new JsonObject { ["value"] = new JsonArray([.. Filter(request.Query["$filter"].ToString()).Select(u => u.DeepClone())]) });
        }

        if (request.Method == "GET" && (m = UserPath().Match(path)).Success)
        {
            var key = m.Groups[1].Value;
            var user = users.Values.FirstOrDefault(u => string.Equals(u["userPrincipalName"]!.GetValue<string>(), key, StringComparison.OrdinalIgnoreCase))
                ?? (users.TryGetValue(key, out var byId) ? byId : null);
            return user is null ? Error(404, "Request_ResourceNotFound", $"Resource '{key}' does not exist.") : (200, user.DeepClone());
        }

        if (request.Method == "POST" && (m = InstalledAppsPath().Match(path)).Success)
        {
            var userId = m.Groups[1].Value;
            var body = await JsonNode.ParseAsync(request.Body);
            var bind = body?["teamsApp@odata.bind"]?.GetValue<string>() ?? string.Empty;
            if (!users.ContainsKey(userId) || !bind.EndsWith("/appCatalogs/teamsApps/" + CatalogAppId, StringComparison.Ordinal))
            {
                return Error(404, "NotFound", "The app or user was not found.");
            }

            return installations.TryAdd(userId, "installation-" + userId) ? (201, null) : Error(409, "Conflict", "The app is already installed for this user.");
        }

        if (request.Method == "GET" && (m = InstalledAppsPath().Match(path)).Success)
        {
            var userId = m.Groups[1].Value;
            var wanted = request.Query["$filter"].ToString().Contains(CatalogAppId, StringComparison.Ordinal);
            var list = new JsonArray();
            if (wanted && installations.TryGetValue(userId, out var installation))
            {
                list.Add(new JsonObject { ["id"] = installation, ["teamsApp"] = new JsonObject { ["id"] = CatalogAppId, ["displayName"] = "CSP Bot" } });
            }

            return (200, new JsonObject { ["value"] = list });
        }

        if (request.Method == "GET" && (m = ChatPath().Match(path)).Success)
        {
            return installations.TryGetValue(m.Groups[1].Value, out var installation) && installation == m.Groups[2].Value
                ? (200, new JsonObject { ["id"] = ChatIdOf(m.Groups[1].Value), ["chatType"] = "oneOnOne" })
                : Error(404, "NotFound", "No such installation.");
        }

        if (request.Method == "GET" && (m = TeamMembersPath().Match(path)).Success)
        {
            return teams.TryGetValue(m.Groups[1].Value, out var roster)
                ? (200, new JsonObject { ["value"] = new JsonArray([.. roster.Select(r => r.DeepClone())]) })
                : Error(404, "NotFound", "No such team.");
        }

        if (request.Method == "GET" && (m = FilesFolderPath().Match(path)).Success)
        {
            return teams.ContainsKey(m.Groups[1].Value)
                ? (200, new JsonObject { ["id"] = FolderId, ["name"] = "General", ["parentReference"] = new JsonObject { ["driveId"] = DriveId } })
                : Error(404, "NotFound", "No such team.");
        }

        if (request.Method == "PUT" && (m = ContentPath().Match(path)).Success)
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer);
            Files[m.Groups[1].Value] = buffer.ToArray();
            return (201, DriveItem(m.Groups[1].Value, buffer.Length));
        }

        if (request.Method == "POST" && (m = UploadSessionPath().Match(path)).Success)
        {
            var id = Guid.NewGuid().ToString("N");
            sessions[id] = new UploadSession(m.Groups[1].Value);
            return (200, new JsonObject
            {
                ["uploadUrl"] = $"{Root}/upload/{id}",
                ["expirationDateTime"] = DateTimeOffset.UtcNow.AddHours(1).ToString("O"),
                ["nextExpectedRanges"] = new JsonArray("0-"),
            });
        }

        if (request.Method == "PUT" && (m = UploadSlicePath().Match(path)).Success && sessions.TryGetValue(m.Groups[1].Value, out var session))
        {
            // Content-Range: bytes 0-3276799/5000000
            var range = ContentRange().Match(request.Headers.ContentRange.ToString());
            var (from, to, total) = (long.Parse(range.Groups[1].Value, CultureInfo.InvariantCulture), long.Parse(range.Groups[2].Value, CultureInfo.InvariantCulture), long.Parse(range.Groups[3].Value, CultureInfo.InvariantCulture));
            if (session.Content.Length != from)
            {
                return Error(416, "InvalidRange", "Slices must arrive in order.");
            }

            await request.Body.CopyToAsync(session.Content);
            session.Slices++;

            if (to + 1 < total)
            {
                return (202, new JsonObject { ["expirationDateTime"] = DateTimeOffset.UtcNow.AddHours(1).ToString("O"), ["nextExpectedRanges"] = new JsonArray($"{to + 1}-") });
            }

            Files[session.FileName] = session.Content.ToArray();
            return (201, DriveItem(session.FileName, total));
        }

        return Error(400, "BadRequest", $"The fake Graph does not know {request.Method} {path}.");
    }

    /// <summary>How many slices the last upload session took.</summary>
    public int LastSessionSlices => sessions.Values.LastOrDefault()?.Slices ?? 0;

    public static string WebUrlOf(string fileName) => $"https://council.sharepoint.example/sites/HaringeyCSP/Shared%20Documents/General/{fileName}";

    private static JsonObject DriveItem(string fileName, long size) => new()
    {
        ["id"] = "item-" + fileName,
        ["name"] = fileName,
        ["size"] = size,
        ["webUrl"] = WebUrlOf(fileName),
    };

    private IEnumerable<JsonObject> Filter(string filter)
    {
        // OData doubles a quote inside a string literal: o''neill.
        filter = filter.Replace("''", "\u0001", StringComparison.Ordinal);
        Match m;
        if ((m = MailFilter().Match(filter)).Success)
        {
            return users.Values.Where(u => string.Equals(u["mail"]?.GetValue<string>(), Literal(m), StringComparison.OrdinalIgnoreCase));
        }

        if ((m = OtherMailsFilter().Match(filter)).Success)
        {
            return users.Values.Where(u => u["otherMails"]!.AsArray().Any(o => string.Equals(o!.GetValue<string>(), Literal(m), StringComparison.OrdinalIgnoreCase)));
        }

        if ((m = UpnStartsWithFilter().Match(filter)).Success)
        {
            return users.Values.Where(u => u["userPrincipalName"]!.GetValue<string>().StartsWith(Literal(m), StringComparison.OrdinalIgnoreCase));
        }

        throw new InvalidOperationException($"The fake Graph cannot filter by {filter}");
    }

    private static string Literal(Match m) => m.Groups[1].Value.Replace('\u0001', '\'');

    private static (int, JsonNode?) Error(int status, string code, string message) =>
        (status, new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } });

    private static async Task ErrorAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } }.ToJsonString());
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    [GeneratedRegex("^/v1.0/users/([^/]+)$")]
    private static partial Regex UserPath();

    [GeneratedRegex("^/v1.0/users/([^/]+)/teamwork/installedApps$")]
    private static partial Regex InstalledAppsPath();

    [GeneratedRegex("^/v1.0/users/([^/]+)/teamwork/installedApps/([^/]+)/chat$")]
    private static partial Regex ChatPath();

    [GeneratedRegex("^/v1.0/teams/([^/]+)/members$")]
    private static partial Regex TeamMembersPath();

    [GeneratedRegex("^/v1.0/teams/([^/]+)/channels/([^/]+)/filesFolder$")]
    private static partial Regex FilesFolderPath();

    [GeneratedRegex($"^/v1.0/drives/{DriveId}/items/{FolderId}:/(.+):/content$")]
    private static partial Regex ContentPath();

    [GeneratedRegex($"^/v1.0/drives/{DriveId}/items/{FolderId}:/(.+):/createUploadSession$")]
    private static partial Regex UploadSessionPath();

    [GeneratedRegex("^/upload/([^/]+)$")]
    private static partial Regex UploadSlicePath();

    [GeneratedRegex(@"bytes (\d+)-(\d+)/(\d+)")]
    private static partial Regex ContentRange();

    [GeneratedRegex("^mail eq '(.+)'$")]
    private static partial Regex MailFilter();

    [GeneratedRegex(@"^otherMails/any\(\w+:\w+ eq '(.+)'\)$")]
    private static partial Regex OtherMailsFilter();

    [GeneratedRegex(@"^startsWith\(userPrincipalName,'(.+)'\)$")]
    private static partial Regex UpnStartsWithFilter();

    private sealed class Fault(string method, Regex path, int status, int? retryAfter, string code)
    {
        public int Remaining;

        public string Method { get; } = method;

        public Regex Path { get; } = path;

        public int Status { get; } = status;

        public int? RetryAfter { get; } = retryAfter;

        public string Code { get; } = code;
    }

    private sealed class UploadSession(string fileName)
    {
        public string FileName { get; } = fileName;

        public MemoryStream Content { get; } = new();

        public int Slices { get; set; }
    }
}

/// <summary>A credential that always has a token, so the real Azure Identity provider signs requests to the fake.</summary>
public sealed class FakeCredential : TokenCredential
{
    public const string Token = "fake-graph-token";

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        new(Token, DateTimeOffset.UtcNow.AddHours(1));

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}
