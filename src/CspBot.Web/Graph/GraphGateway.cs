using System.Net;
using CspBot.Core.Features.Graph;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Graph.Drives.Item.Items.Item.CreateUploadSession;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;

namespace CspBot.Web.Graph;

/// <summary>
/// <see cref="IGraphGateway"/> over the Microsoft Graph SDK. The client's middleware retries 429 (honouring Retry-After)
/// and transient 5xx; whatever still fails is translated into a <see cref="GraphCallException"/> the features explain.
/// </summary>
public sealed class GraphGateway(GraphServiceClient client, IOptions<GraphOptions> options, ILogger<GraphGateway> logger) : IGraphGateway
{
    /// <summary>Above this size a file goes up in an upload session rather than one PUT (Graph's limit for a simple upload).</summary>
    public const int SimpleUploadLimit = 4 * 1024 * 1024;

    /// <summary>Upload session slices: a multiple of 320 KiB, as SharePoint requires.</summary>
    public const int UploadSliceSize = 10 * 320 * 1024;

    private static readonly string[] UserFields = ["id", "displayName", "mail", "userPrincipalName", "userType", "otherMails"];

    public Task<UserLookup> FindUserAsync(string email, CancellationToken cancellationToken) => CallAsync(async () =>
    {
        var address = email.Trim().ToLowerInvariant();

        // A member's sign-in name is usually their email.
        try
        {
            var byUpn = await client.Users[address].GetAsync(r => r.QueryParameters.Select = UserFields, cancellationToken);
            if (byUpn?.Id is not null)
            {
                return new UserLookup([ToDirectoryUser(byUpn)], "userPrincipalName");
            }
        }
        catch (ODataError ex) when (ex.ResponseStatusCode == (int)HttpStatusCode.NotFound)
        {
            // Not a sign-in name here: try the other properties.
        }

        // Guests (police, probation, health) keep their own email as mail or in otherMails; their UPN is mangled:
        // alice@police.example becomes alice_police.example#EXT#@council.onmicrosoft.com.
        var quoted = address.Replace("'", "''", StringComparison.Ordinal);
        var guestUpn = quoted.Replace('@', '_') + "#EXT#";
        (string Filter, string MatchedBy)[] searches =
        [
            ($"mail eq '{quoted}'", "mail"),
            ($"otherMails/any(m:m eq '{quoted}')", "otherMails"),
            ($"startsWith(userPrincipalName,'{guestUpn}')", "guest userPrincipalName (#EXT#)"),
        ];
        foreach (var (filter, matchedBy) in searches)
        {
            var page = await client.Users.GetAsync(r =>
            {
                r.QueryParameters.Filter = filter;
                r.QueryParameters.Select = UserFields;
                r.QueryParameters.Top = 5;
            }, cancellationToken);
            var users = page?.Value?.Where(u => u.Id is not null).Select(ToDirectoryUser).DistinctBy(u => u.Id).ToList() ?? [];
            if (users.Count > 0)
            {
                return new UserLookup(users, matchedBy);
            }
        }

        return UserLookup.NotFound;
    }, cancellationToken);

    public Task<bool> InstallAppForUserAsync(string userId, string teamsAppId, CancellationToken cancellationToken) => CallAsync(async () =>
    {
        var installation = new UserScopeTeamsAppInstallation
        {
            AdditionalData = new Dictionary<string, object>
            {
                ["teamsApp@odata.bind"] = $"{options.Value.BaseUrl.TrimEnd('/')}/appCatalogs/teamsApps/{teamsAppId}",
            },
        };
        try
        {
            await client.Users[userId].Teamwork.InstalledApps.PostAsync(installation, cancellationToken: cancellationToken);
            return true;
        }
        catch (ODataError ex) when (ex.ResponseStatusCode == (int)HttpStatusCode.Conflict)
        {
            logger.LogDebug("The app was already installed for user {UserId}", userId);
            return false;
        }
    }, cancellationToken);

    public Task<string> PersonalChatIdAsync(string userId, string teamsAppId, CancellationToken cancellationToken) => CallAsync(async () =>
    {
        var installed = await client.Users[userId].Teamwork.InstalledApps.GetAsync(r =>
        {
            r.QueryParameters.Expand = ["teamsApp"];
            r.QueryParameters.Filter = $"teamsApp/id eq '{teamsAppId.Replace("'", "''", StringComparison.Ordinal)}'";
        }, cancellationToken);
        var installation = installed?.Value?.FirstOrDefault(i => i.Id is not null)
            ?? throw new GraphCallException(GraphFailure.NotFound, 404, "InstallationNotFound", $"the app {teamsAppId} is not installed for user {userId}");
        var chat = await client.Users[userId].Teamwork.InstalledApps[installation.Id].Chat.GetAsync(cancellationToken: cancellationToken);
        return chat?.Id ?? throw new GraphCallException(GraphFailure.NotFound, 404, "ChatNotFound", $"no chat for installation {installation.Id}");
    }, cancellationToken);

    public Task<IReadOnlyList<DirectoryUser>> TeamMembersAsync(string teamId, CancellationToken cancellationToken) => CallAsync(async () =>
    {
        var users = new List<DirectoryUser>();
        var page = await client.Teams[teamId].Members.GetAsync(cancellationToken: cancellationToken);
        while (page is not null)
        {
            users.AddRange(page.Value?.OfType<AadUserConversationMember>().Where(m => m.UserId is not null).Select(m =>
                new DirectoryUser(m.UserId!, m.DisplayName, m.Email, null, m.Roles?.Contains("guest", StringComparer.OrdinalIgnoreCase) == true)) ?? []);
            page = page.OdataNextLink is { } next
                ? await client.Teams[teamId].Members.WithUrl(next).GetAsync(cancellationToken: cancellationToken)
                : null;
        }

        return (IReadOnlyList<DirectoryUser>)users;
    }, cancellationToken);

    public Task<FiledDocument> UploadToChannelAsync(string teamId, string channelId, string fileName, byte[] content, CancellationToken cancellationToken) => CallAsync(async () =>
    {
        var folder = await client.Teams[teamId].Channels[channelId].FilesFolder.GetAsync(cancellationToken: cancellationToken);
        var driveId = folder?.ParentReference?.DriveId;
        if (folder?.Id is null || driveId is null)
        {
            throw new GraphCallException(GraphFailure.NotFound, 404, "FilesFolderNotFound", $"channel {channelId} has no files folder yet");
        }

        var target = client.Drives[driveId].Items[folder.Id].ItemWithPath(fileName);
        DriveItem? item;
        if (content.Length <= SimpleUploadLimit)
        {
            using var body = new MemoryStream(content, writable: false);
            item = await target.Content.PutAsync(body, cancellationToken: cancellationToken);
        }
        else
        {
            var session = await target.CreateUploadSession.PostAsync(new CreateUploadSessionPostRequestBody
            {
                Item = new DriveItemUploadableProperties { AdditionalData = new Dictionary<string, object> { ["@microsoft.graph.conflictBehavior"] = "replace" } },
            }, cancellationToken: cancellationToken) ?? throw new GraphCallException(GraphFailure.Other, 0, null, "Graph created no upload session");
            using var body = new MemoryStream(content, writable: false);
            var upload = new LargeFileUploadTask<DriveItem>(session, body, UploadSliceSize, client.RequestAdapter);
            var result = await upload.UploadAsync(cancellationToken: cancellationToken);
            item = result.UploadSucceeded ? result.ItemResponse : throw new GraphCallException(GraphFailure.Unavailable, 0, null, "the upload session did not complete");
        }

        return item?.WebUrl is { } webUrl
            ? new FiledDocument(item.Id ?? string.Empty, item.Name ?? fileName, webUrl)
            : throw new GraphCallException(GraphFailure.Other, 0, null, "Graph stored the file but returned no web address");
    }, cancellationToken);

    private static DirectoryUser ToDirectoryUser(User user) => new(
        user.Id!,
        user.DisplayName,
        user.Mail,
        user.UserPrincipalName,
        string.Equals(user.UserType, "Guest", StringComparison.OrdinalIgnoreCase)
            || user.UserPrincipalName?.Contains("#EXT#", StringComparison.OrdinalIgnoreCase) == true);

    /// <summary>Runs a Graph call and translates whatever failure survived the client's retries.</summary>
    private async Task<T> CallAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call();
        }
        catch (GraphCallException)
        {
            throw;
        }
        catch (ODataError ex)
        {
            throw Translate(ex.ResponseStatusCode, ex.Error?.Code, ex.Error?.Message ?? ex.Message, ex);
        }
        catch (ApiException ex)
        {
            throw Translate(ex.ResponseStatusCode, null, ex.Message, ex);
        }
        catch (AggregateException ex) when (ex.InnerExceptions.LastOrDefault() is ApiException last)
        {
            // The retry handler gave up: "Too many retries performed", with each failed answer inside.
            throw Translate(last.ResponseStatusCode, null, ex.Message, ex);
        }
        catch (HttpRequestException ex)
        {
            throw new GraphCallException(GraphFailure.Unavailable, 0, null, $"could not reach Microsoft Graph: {ex.Message}", ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new GraphCallException(GraphFailure.Unavailable, 0, "Timeout", "Microsoft Graph did not answer in time", ex);
        }
        catch (Azure.Identity.AuthenticationFailedException ex)
        {
            throw new GraphCallException(GraphFailure.Unauthorized, 401, "SignInFailed", $"the app could not sign in: {ex.Message}", ex);
        }
    }

    private static GraphCallException Translate(int status, string? code, string message, Exception inner)
    {
        var failure = status switch
        {
            401 => GraphFailure.Unauthorized,
            403 => GraphFailure.Forbidden,
            404 => GraphFailure.NotFound,
            429 => GraphFailure.Throttled,
            >= 500 => GraphFailure.Unavailable,
            _ => GraphFailure.Other,
        };
        return new GraphCallException(failure, status, code, message, inner);
    }
}
