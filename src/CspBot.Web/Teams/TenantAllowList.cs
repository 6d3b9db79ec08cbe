using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema.Teams;

namespace CspBot.Web.Teams;

/// <summary>
/// Ignores (and logs) activities from Microsoft 365 tenants the partnership has not allowed. <c>Bot:AllowedTenants</c>
/// lists them; when empty, the bot's own tenant (<c>Bot:MicrosoftAppTenantId</c>) is the only one allowed, and with
/// neither set (local development) every tenant is.
/// </summary>
public sealed class TenantAllowList(IConfiguration configuration, ILogger<TenantAllowList> logger) : Microsoft.Bot.Builder.IMiddleware
{
    private readonly HashSet<string> allowed = AllowedTenants(configuration);

    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var tenant = activity.Conversation?.TenantId ?? activity.GetChannelData<TeamsChannelData>()?.Tenant?.Id;
        if (!Allows(tenant))
        {
            logger.LogWarning("Ignored {ActivityType} from tenant {TenantId} (not allowed) in {ConversationId}", activity.Type, tenant ?? "(none)", activity.Conversation?.Id);
            return;
        }

        await next(cancellationToken);
    }

    /// <summary>Whether the bot may talk to <paramref name="tenantId"/> (always, when no list is configured).</summary>
    public bool Allows(string? tenantId) => allowed.Count == 0 || (tenantId is not null && allowed.Contains(tenantId));

    private static HashSet<string> AllowedTenants(IConfiguration configuration)
    {
        var bot = configuration.GetSection(TeamsBotHosting.Section);
        var listed = bot.GetSection("AllowedTenants").Get<string[]>() ?? [];
        var own = bot["MicrosoftAppTenantId"];
        var tenants = listed.Length > 0 ? listed : string.IsNullOrWhiteSpace(own) ? [] : [own];
        return new HashSet<string>(tenants.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim()), StringComparer.OrdinalIgnoreCase);
    }
}
