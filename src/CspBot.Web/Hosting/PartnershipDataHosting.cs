using CspBot.Core.Features.Localisation;
using CspBot.Core.Features;
using CspBot.Core.Features.Demo;
using CspBot.Core.Features.Pages;
using CspBot.Core.Features.Reports;
using CspBot.Core.Persistence;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace CspBot.Web.Hosting;

public static class PartnershipDataHosting
{
    /// <summary>Database (provider from configuration), features, start-up preparation and the database health check.</summary>
    public static WebApplicationBuilder AddPartnershipData(this WebApplicationBuilder builder)
    {
        builder.Services.AddPersistence(builder.Configuration);
        builder.Services.AddPartnershipFeatures();
        builder.Services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section);
        builder.Services.AddOptions<PrivacyOptions>().BindConfiguration(PrivacyOptions.Section);
        builder.Services.AddSingleton<DatabaseReadiness>();
        builder.Services.AddSingleton<DatabaseStartup>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DatabaseStartup>());
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag]);
        return builder;
    }

    /// <summary>
    /// Migrates the database and, when <c>Demo:Seed</c> is on, loads the demo partnership into an empty one. When the
    /// database cannot be reached this logs why and returns; <see cref="DatabaseStartup"/> keeps trying in the background.
    /// </summary>
    public static async Task PreparePartnershipDataAsync(this WebApplication app)
    {
        CheckWelshDates(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("CspBot.Localisation"));
        await app.Services.GetRequiredService<DatabaseStartup>().TryPrepareAsync(app.Lifetime.ApplicationStopping);
    }

    /// <summary>Welsh messages write dates in cy-GB when this machine's ICU has it; the log says which culture they use.</summary>
    private static void CheckWelshDates(ILogger logger)
    {
        var (culture, found) = WelshCultureCheck.Best();
        if (found)
        {
            logger.LogInformation("Welsh dates are written in {Culture}", culture.Name);
        }
        else
        {
            logger.LogWarning("ICU on this machine has no Welsh (cy-GB, cy): Welsh messages write dates in {Culture} formats", culture.Name);
        }
    }

    /// <summary>The pages that open without sign-in: privacy, terms, the site's front page and report links.</summary>
    public static WebApplication MapPublicPages(this WebApplication app)
    {
        app.MapLegalPages();
        app.MapReportDownloads();
        return app;
    }

    private const string ReadyTag = "ready";

    /// <summary>
    /// /health/live: the process answers (a liveness probe restarts it otherwise). /health/ready: the database
    /// answers and the scheduler runs, so the instance can take traffic (App Service's health check, a readiness
    /// probe). /health is the same as ready, for probes configured before the split.
    /// </summary>
    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });
        app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });
        return app;
    }
}
