using CspBot.Core.Features.Messaging;
using CspBot.Core.Features.Scorecard;
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
        builder.Services.PostConfigure<PublicLinks>(links => links.BotAppId ??= builder.Configuration.GetSection(Section)["MicrosoftAppId"] is { Length: > 0 } id ? id : null);
        return builder;
    }

    public static WebApplication MapTeamsBot(this WebApplication app)
    {
        app.MapPost("/api/messages", (HttpRequest request, HttpResponse response, IBotFrameworkHttpAdapter adapter, IBot bot, CancellationToken ct) =>
            adapter.ProcessAsync(request, response, bot, ct))
            .AddEndpointFilter<ActivityGate>();
        return app;
    }
}
