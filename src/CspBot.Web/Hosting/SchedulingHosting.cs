using CspBot.Core.Persistence;
using CspBot.Core.Scheduling;
using Hangfire;

namespace CspBot.Web.Hosting;

public static class SchedulingHosting
{
    /// <summary>
    /// Hangfire with in-memory storage by default (the outbox in the app database is the source of truth, so a restart
    /// loses nothing) or SQL Server storage alongside the app database.
    /// </summary>
    public static WebApplicationBuilder AddScheduling(this WebApplicationBuilder builder)
    {
        var provider = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>()?.Provider ?? DatabaseProvider.Sqlite;
        var connection = builder.Configuration.GetConnectionString("Default");
        builder.Services.AddHangfire(config =>
        {
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            if (provider == DatabaseProvider.SqlServer)
            {
                config.UseSqlServerStorage(connection);
            }
            else
            {
                config.UseInMemoryStorage();
            }
        });
        builder.Services.AddHangfireServer(options => options.WorkerCount = Math.Max(2, Environment.ProcessorCount));
        builder.Services.AddOptions<SchedulingOptions>().BindConfiguration(SchedulingOptions.Section);
        builder.Services.AddHostedService<RecurringJobsRegistration>();
        return builder;
    }

    /// <summary>
    /// The dashboard at /hangfire: in Development from this machine only (Hangfire's default filter); elsewhere for
    /// tokens with the admin role (the same rule as the operations API).
    /// </summary>
    public static WebApplication MapSchedulingDashboard(this WebApplication app)
    {
        if (app.Environment.IsDevelopment())
        {
            app.MapHangfireDashboard("/hangfire");
        }
        else if (!app.Environment.AllowsTestControls())
        {
            app.MapHangfireDashboard("/hangfire", new DashboardOptions { Authorization = [] }).RequireAuthorization(AdminAccess.Policy);
        }

        return app;
    }

    /// <summary>Registers <see cref="RecurringJobs"/> once the host starts.</summary>
    private sealed class RecurringJobsRegistration(IRecurringJobManager jobs, Microsoft.Extensions.Options.IOptions<SchedulingOptions> options) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            RecurringJobs.Register(jobs, options.Value);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
