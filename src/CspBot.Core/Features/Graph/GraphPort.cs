namespace CspBot.Core.Features.Graph;

/// <summary>A user or guest in the partnership's directory.</summary>
public sealed record DirectoryUser(string Id, string? DisplayName, string? Mail, string? UserPrincipalName, bool IsGuest);

/// <summary>What a look-up by email found: nobody, one user (and by which property), or several.</summary>
public sealed record UserLookup(IReadOnlyList<DirectoryUser> Matches, string? MatchedBy)
{
    public static readonly UserLookup NotFound = new([], null);
}

/// <summary>A file stored in SharePoint (a channel's Files): its web address, for people to open.</summary>
public sealed record FiledDocument(string Id, string Name, string WebUrl);

/// <summary>
/// What the product needs from Microsoft Graph, in its own terms. Implemented over the Microsoft Graph SDK in the web
/// host; failures arrive as <see cref="GraphCallException"/> after the client's own retries.
/// </summary>
public interface IGraphGateway
{
    /// <summary>Finds the directory user with this email: as sign-in name (UPN), mail, other emails, or a guest's #EXT# UPN.</summary>
    Task<UserLookup> FindUserAsync(string email, CancellationToken cancellationToken);

    /// <summary>Installs the catalogue app for the user; true when installed now, false when it already was (409).</summary>
    Task<bool> InstallAppForUserAsync(string userId, string teamsAppId, CancellationToken cancellationToken);

    /// <summary>The id of the personal chat between the user and the installed app ("19:…"), which the bot can message.</summary>
    Task<string> PersonalChatIdAsync(string userId, string teamsAppId, CancellationToken cancellationToken);

    /// <summary>The users in the team's roster.</summary>
    Task<IReadOnlyList<DirectoryUser>> TeamMembersAsync(string teamId, CancellationToken cancellationToken);

    /// <summary>Uploads a file to the channel's files folder, replacing one of the same name (an upload session above 4 MB).</summary>
    Task<FiledDocument> UploadToChannelAsync(string teamId, string channelId, string fileName, byte[] content, CancellationToken cancellationToken);
}

/// <summary>How a Graph call failed, in terms the features can act on.</summary>
public enum GraphFailure
{
    /// <summary>403: the app registration lacks a permission (or admin consent), or a policy blocks the action.</summary>
    Forbidden,

    /// <summary>404: the user, app, team or channel does not exist (or is not visible to the app).</summary>
    NotFound,

    /// <summary>429 still answered after the client's retries honouring Retry-After.</summary>
    Throttled,

    /// <summary>5xx, a time-out or no connection, after the client's retries.</summary>
    Unavailable,

    /// <summary>401: the app could not sign in (wrong secret, tenant or identity).</summary>
    Unauthorized,

    Other,
}

/// <summary>A Graph call that failed after retrying; <see cref="Code"/> is Graph's error code when it gave one.</summary>
public sealed class GraphCallException(GraphFailure failure, int status, string? code, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public GraphFailure Failure { get; } = failure;

    public int Status { get; } = status;

    public string? Code { get; } = code;

    /// <summary>"403 Authorization_RequestDenied" or "429": for logs and officer messages.</summary>
    public string StatusText => Code is { Length: > 0 } c ? $"{Status} {c}" : Status > 0 ? Status.ToString(System.Globalization.CultureInfo.InvariantCulture) : "no answer";
}

/// <summary>Stands in when Graph is off: nothing calls it, since every feature checks <see cref="GraphOptions.Enabled"/> first.</summary>
internal sealed class GraphNotConfigured : IGraphGateway
{
    private static GraphCallException Off() => new(GraphFailure.Other, 0, null, "Microsoft Graph is off (Graph:Enabled is false).");

    public Task<UserLookup> FindUserAsync(string email, CancellationToken cancellationToken) => throw Off();

    public Task<bool> InstallAppForUserAsync(string userId, string teamsAppId, CancellationToken cancellationToken) => throw Off();

    public Task<string> PersonalChatIdAsync(string userId, string teamsAppId, CancellationToken cancellationToken) => throw Off();

    public Task<IReadOnlyList<DirectoryUser>> TeamMembersAsync(string teamId, CancellationToken cancellationToken) => throw Off();

    public Task<FiledDocument> UploadToChannelAsync(string teamId, string channelId, string fileName, byte[] content, CancellationToken cancellationToken) => throw Off();
}
