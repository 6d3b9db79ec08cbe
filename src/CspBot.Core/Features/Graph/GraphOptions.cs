namespace CspBot.Core.Features.Graph;

/// <summary>
/// Microsoft Graph settings (section <c>Graph</c>). Off by default: the bot then reaches only members who have opened
/// it, and reports stay downloadable from the app. On, it finds members (guests included) in the directory, installs the
/// Teams app for those it cannot reach, optionally adds the team's members, and files each report in the channel.
/// </summary>
public sealed class GraphOptions
{
    public const string Section = "Graph";

    public const string DefaultBotServiceUrl = "https://smba.trafficmanager.net/teams/";

    public const string DefaultBaseUrl = "https://graph.microsoft.com/v1.0";

    public bool Enabled { get; set; }

    /// <summary>The partnership's Entra tenant (a GUID): where the app signs in and whose users it looks up.</summary>
    public string? TenantId { get; set; }

    /// <summary>The Entra app registration used for Graph (client credentials); may be the bot's own registration.</summary>
    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>Sign in as this user-assigned managed identity instead of with a client secret.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>The app's id in the organisation's Teams app catalogue (not the manifest id): needed to install it for members.</summary>
    public string? TeamsAppCatalogId { get; set; }

    /// <summary>Install the Teams app for members who have no personal chat with the bot (TeamsAppInstallation.ReadWriteForUser.All).</summary>
    public bool InstallAppForMembers { get; set; } = true;

    /// <summary>Add the partnership team's members as members of the partnership, role member (TeamMember.Read.All).</summary>
    public bool SyncTeamMembers { get; set; }

    /// <summary>Upload each compiled report to the partnership channel's Files and link it from the card (Files.ReadWrite.All).</summary>
    public bool FileReportsInChannel { get; set; } = true;

    /// <summary>The team's Microsoft 365 group id; by default the one Teams sent when the app was added to the team.</summary>
    public string? TeamId { get; set; }

    /// <summary>
    /// The Bot Connector URL of the tenant's Teams region, for chats created by installing the app. By default the one
    /// Teams last sent the bot (e.g. <c>https://smba.trafficmanager.net/emea/</c>), else <see cref="DefaultBotServiceUrl"/>.
    /// </summary>
    public string? BotServiceUrl { get; set; }

    /// <summary>The bot's Teams id ("28:" and its app id) in chats created by installing the app; the web host sets it from Bot:MicrosoftAppId.</summary>
    public string? BotId { get; set; }

    /// <summary>Microsoft Graph's address (another for a national cloud, or a local fake in tests).</summary>
    public string BaseUrl { get; set; } = DefaultBaseUrl;
}
