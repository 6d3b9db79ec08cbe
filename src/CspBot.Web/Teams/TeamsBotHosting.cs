using CspBot.Core.Features.Messaging;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;

namespace CspBot.Web.Teams;

/// <summary>Registers the Bot Framework adapter and bot, and maps POST /api/messages.</summary>
public static class TeamsBotHosting
{
    /// <summary>Configuration section with MicrosoftAppType, MicrosoftAppId, MicrosoftAppPassword, MicrosoftAppTenantId.</summary>
    public const string Section = "Bot";

    public static WebApplicationBuilder AddTeamsBot(this WebApplicationBuilder builder)
    {
        // The Bot Framework sends through the factory's default client: a Bot Connector that hangs becomes a timeout the
        // outbox retries (TeamsMessenger), after Bot:ConnectorTimeout rather than HttpClient's 100 s.
        var timeout = builder.Configuration.GetSection(Section).GetValue<TimeSpan?>("ConnectorTimeout") ?? TimeSpan.FromSeconds(30);
        builder.Services.AddHttpClient(Microsoft.Extensions.Options.Options.DefaultName, client => client.Timeout = timeout);
        builder.Services.AddSingleton<BotFrameworkAuthentication>(sp => new ConfigurationBotFrameworkAuthentication(
            sp.GetRequiredService<IConfiguration>().GetSection(Section),
            httpClientFactory: sp.GetRequiredService<IHttpClientFactory>(),
            logger: sp.GetRequiredService<ILogger<BotFrameworkAuthentication>>()));
        builder.Services.AddSingleton<TenantAllowList>();
        builder.Services.AddSingleton<ConnectorClients>();
        builder.Services.AddSingleton<ActivityGate>();
        builder.Services.AddSingleton(sp => new CspBotAdapter(
            sp.GetRequiredService<BotFrameworkAuthentication>(),
            sp.GetRequiredService<TenantAllowList>(),
            sp.GetRequiredService<ILogger<CspBotAdapter>>()));
        builder.Services.AddSingleton<IBotFrameworkHttpAdapter>(sp => sp.GetRequiredService<CspBotAdapter>());
        builder.Services.AddTransient<IBot, CspBotActivityHandler>();
        builder.Services.AddScoped<ITeamsMessenger, TeamsMessenger>();
        return builder;
    }

    public static WebApplication MapTeamsBot(this WebApplication app)
    {
        app.MapPost("/api/messages", async (HttpRequest request, HttpResponse response, IBotFrameworkHttpAdapter adapter, IBot bot, ILogger<CspBotAdapter> logger, CancellationToken ct) =>
        {
            // The Bot Connector reads statuses, not pages: a refusal here has an empty body.
            if (request.HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } pages)
            {
                pages.Enabled = false;
            }

            try
            {
                await adapter.ProcessAsync(request, response, bot, ct);
            }
            catch (Exception ex) when (!response.HasStarted && IsTokenFailure(ex))
            {
                // A forged, unsigned, expired or foreign-key token: the adapter throws from its token check before any
                // turn runs (turn failures are its OnTurnError's). 401 with an empty body and one line in the log.
                logger.LogWarning("Refused an activity with a bad token ({Reason}: {Message})", ex.GetType().Name, FirstLine(ex.Message));
                response.StatusCode = StatusCodes.Status401Unauthorized;
            }
            catch (InvalidOperationException ex) when (!response.HasStarted && ex.Message.StartsWith("IDX2080", StringComparison.Ordinal))
            {
                // The signing keys could not be fetched: our fault, not the sender's. 503 makes the Bot Connector retry.
                logger.LogError("Could not fetch the Bot Framework's signing keys to check an activity: {Message}", FirstLine(ex.Message));
                response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            }
        })
        .AddEndpointFilter<ActivityGate>();
        return app;
    }

    private static bool IsTokenFailure(Exception ex) =>
        ex is UnauthorizedAccessException or Microsoft.IdentityModel.Tokens.SecurityTokenException or ArgumentException or FormatException
            or System.Security.Authentication.AuthenticationException;

    private static string FirstLine(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return line.Length > 200 ? line[..200] : line;
    }
}
