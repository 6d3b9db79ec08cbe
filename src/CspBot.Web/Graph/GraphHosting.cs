using Azure.Core;
using Azure.Identity;
using CspBot.Core.Features.Graph;
using CspBot.Web.Teams;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CspBot.Web.Graph;

/// <summary>
/// Microsoft Graph for the features (section <c>Graph</c>): with <c>Graph:Enabled</c> the SDK client, signed in with the
/// app registration's client secret or a managed identity, behind <see cref="IGraphGateway"/>. Off by default.
/// </summary>
public static class GraphHosting
{
    public static WebApplicationBuilder AddGraph(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(GraphOptions.Section).Get<GraphOptions>() ?? new GraphOptions();
        if (!options.Enabled)
        {
            return builder;
        }

        builder.Services.PostConfigure<GraphOptions>(graph => graph.BotId ??=
            builder.Configuration[$"{TeamsBotHosting.Section}:MicrosoftAppId"] is { Length: > 0 } appId ? "28:" + appId : null);
        builder.Services.TryAddSingleton(sp => Credential(sp.GetRequiredService<IOptions<GraphOptions>>().Value));
        builder.Services.AddSingleton(sp => GraphClients.Create(sp.GetRequiredService<IOptions<GraphOptions>>().Value, sp.GetRequiredService<TokenCredential>()));
        builder.Services.Replace(ServiceDescriptor.Scoped<IGraphGateway, GraphGateway>());
        return builder;
    }

    /// <summary>A user-assigned managed identity when one is named, else the app registration's client secret.</summary>
    public static TokenCredential Credential(GraphOptions options) =>
        string.IsNullOrWhiteSpace(options.ManagedIdentityClientId)
            ? new ClientSecretCredential(options.TenantId, options.ClientId, options.ClientSecret)
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(options.ManagedIdentityClientId));

    /// <summary>What a Production start with Graph on needs, one sentence per missing or malformed setting; empty when Graph is off.</summary>
    public static IReadOnlyList<string> FindProblems(IConfiguration configuration)
    {
        var graph = configuration.GetSection(GraphOptions.Section).Get<GraphOptions>() ?? new GraphOptions();
        if (!graph.Enabled)
        {
            return [];
        }

        var problems = new List<string>();
        if (!Guid.TryParse(graph.TenantId, out _))
        {
            problems.Add("Graph:TenantId is missing or not a GUID: the partnership's Entra tenant id.");
        }

        if (string.IsNullOrWhiteSpace(graph.ManagedIdentityClientId))
        {
            if (!Guid.TryParse(graph.ClientId, out _))
            {
                problems.Add("Graph:ClientId is missing or not a GUID: the app registration Graph signs in as (or set Graph:ManagedIdentityClientId).");
            }

            if (string.IsNullOrWhiteSpace(graph.ClientSecret))
            {
                problems.Add("Graph:ClientSecret is missing: the app registration's client secret (or set Graph:ManagedIdentityClientId).");
            }
        }
        else if (!Guid.TryParse(graph.ManagedIdentityClientId, out _))
        {
            problems.Add($"Graph:ManagedIdentityClientId '{graph.ManagedIdentityClientId}' is not a GUID.");
        }

        if (graph.InstallAppForMembers && !Guid.TryParse(graph.TeamsAppCatalogId, out _))
        {
            problems.Add("Graph:TeamsAppCatalogId is missing or not a GUID: the app's id in the Teams app catalogue, needed to install it for members (or set Graph:InstallAppForMembers=false).");
        }

        if (graph.BotServiceUrl is { Length: > 0 } && (!Uri.TryCreate(graph.BotServiceUrl, UriKind.Absolute, out var serviceUrl) || serviceUrl.Scheme != Uri.UriSchemeHttps))
        {
            problems.Add($"Graph:BotServiceUrl '{graph.BotServiceUrl}' is not an https URL (leave it empty for the one Teams sends the bot).");
        }

        return problems;
    }
}
