using CspBot.Core.Features;
using CspBot.Core.Features.Demo;
using CspBot.Core.Persistence;

namespace CspBot.Web.Hosting;

public static class PartnershipDataHosting
{
    /// <summary>Database (provider from configuration), features, start-up preparation and the database health check.</summary>
    public static WebApplicationBuilder AddPartnershipData(this WebApplicationBuilder builder)
    {
        builder.Services.AddPersistence(builder.Configuration);
        builder.Services.AddPartnershipFeatures();
        builder.Services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section);
        builder.Services.AddSingleton<DatabaseReadiness>();
        builder.Services.AddSingleton<DatabaseStartup>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DatabaseStartup>());
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return builder;
    }

    /// <summary>
    /// Migrates the database and, when <c>Demo:Seed</c> is on, loads the demo partnership into an empty one. When the
    /// database cannot be reached this logs why and returns; <see cref="DatabaseStartup"/> keeps trying in the background.
    /// </summary>
    public static async Task PreparePartnershipDataAsync(this WebApplication app) =>
        await app.Services.GetRequiredService<DatabaseStartup>().TryPrepareAsync(app.Lifetime.ApplicationStopping);

    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health");
        return app;
    }
}
