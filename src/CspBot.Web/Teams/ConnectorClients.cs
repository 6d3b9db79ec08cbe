using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Connector.Authentication;

namespace CspBot.Web.Teams;

/// <summary>
/// One Bot Connector client per service URL for proactive sends, kept for a few minutes. Building a client per message
/// (what <c>ContinueConversationAsync</c> does) rebuilds its JSON contracts by reflection every time, which capped the
/// outbox at about 170 messages a second on two cores; reusing it costs nothing per message. Clients are replaced
/// every <see cref="Lifetime"/> so DNS changes and handler rotation still reach them.
/// </summary>
public sealed class ConnectorClients(BotFrameworkAuthentication authentication, IConfiguration configuration, TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    private readonly string? botAppId = configuration.GetSection(TeamsBotHosting.Section)["MicrosoftAppId"];
    private readonly ConcurrentDictionary<string, Lazy<Task<(IConnectorClient Client, long CreatedAt)>>> clients = new(StringComparer.OrdinalIgnoreCase);

    public async Task<IConnectorClient> ForAsync(string serviceUrl, CancellationToken cancellationToken)
    {
        while (true)
        {
            var entry = clients.GetOrAdd(serviceUrl, url => new Lazy<Task<(IConnectorClient, long)>>(() => CreateAsync(url)));
            try
            {
                var (client, createdAt) = await entry.Value.WaitAsync(cancellationToken);
                if (clock.GetElapsedTime(createdAt) < Lifetime)
                {
                    return client;
                }

                // Expired: the next caller builds a fresh one. Requests still using the old one finish on it.
                clients.TryRemove(KeyValuePair.Create(serviceUrl, entry));
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                clients.TryRemove(KeyValuePair.Create(serviceUrl, entry));
                throw;
            }
        }
    }

    private async Task<(IConnectorClient, long)> CreateAsync(string serviceUrl)
    {
        // The identity CloudAdapter gives a proactive turn: the bot's own app id as audience and app id.
        var identity = new ClaimsIdentity(
        [
            new Claim(AuthenticationConstants.AudienceClaim, botAppId ?? string.Empty),
            new Claim(AuthenticationConstants.AppIdClaim, botAppId ?? string.Empty),
        ]);
        var factory = authentication.CreateConnectorFactory(identity);
        return (await factory.CreateAsync(serviceUrl, null, CancellationToken.None), clock.GetTimestamp());
    }
}
