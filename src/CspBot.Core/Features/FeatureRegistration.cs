using CspBot.Core.Features.Conversation;
using CspBot.Core.Features.Deadlines;
using CspBot.Core.Features.Import;
using CspBot.Core.Features.Messaging;
using Microsoft.Extensions.DependencyInjection;

namespace CspBot.Core.Features;

public static class FeatureRegistration
{
    /// <summary>Registers every feature's services and bot commands.</summary>
    public static IServiceCollection AddPartnershipFeatures(this IServiceCollection services)
    {
        services.AddImport();
        services.AddDeadlines();
        services.AddScoped<MemberDirectory>();
        services.AddScoped<CommandRouter>();
        services.AddScoped<IBotCommand, HelpCommand>();
        services.AddScoped<ConversationBook>();
        services.AddScoped<Outbox>();
        services.AddScoped<OutboxSender>();
        services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.Section);
        return services;
    }
}
