using CspBot.Core.Features;
using CspBot.Core.Features.Demo;
using CspBot.Core.Persistence;

namespace CspBot.Web.Hosting;

public static class PartnershipDataHosting
{
    /// <summary>Database (provider from configuration), features, and the database health check.</summary>
    public static WebApplicationBuilder AddPartnershipData(this WebApplicationBuilder builder)
    {
        builder.Services.AddPersistence(builder.Configuration);
        builder.Services.AddPartnershipFeatures();
        builder.Services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section);
        builder.Services.AddHealthChecks().AddDbContextCheck<CspDbContext>("database");
        return builder;
    }

    /// <summary>Migrates the database and, when <c>Demo:Seed</c> is on, loads the demo partnership into an empty one.</summary>
    public static async Task PreparePartnershipDataAsync(this WebApplication app)
    {
        await app.Services.PrepareDatabaseAsync(app.Lifetime.ApplicationStopping);
        var demo = app.Configuration.GetSection(DemoOptions.Section).Get<DemoOptions>() ?? new DemoOptions();
        if (demo.Seed)
        {
            await app.Services.SeedDemoPartnershipAsync(demo, app.Lifetime.ApplicationStopping);
        }
    }

    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health");
        return app;
    }
}
