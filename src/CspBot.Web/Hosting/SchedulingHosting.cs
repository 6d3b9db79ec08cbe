using CspBot.Core.Persistence;
using CspBot.Core.Scheduling;
using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.Extensions.Options;

namespace CspBot.Web.Hosting;

public static class SchedulingHosting
{
    /// <summary>
    /// Hangfire with in-memory storage with SQLite (the outbox in the app database is the source of truth, so a restart
    /// loses nothing), or storage in the shared database with SQL Server or PostgreSQL, so that several instances share
    /// one schedule, one queue and one set of distributed locks. The server starts once the database is ready.
    /// </summary>
    public static WebApplicationBuilder AddScheduling(this WebApplicationBuilder builder)
    {
        var provider = PersistenceRegistration.ReadOptions(builder.Configuration).Provider;
        var connection = builder.Configuration.GetConnectionString("Default");
        builder.Services.AddHangfire(config =>
        {
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            switch (provider)
            {
                case DatabaseProvider.SqlServer:
                    config.UseSqlServerStorage(connection);
                    break;
                case DatabaseProvider.Postgres:
                    // Long polling (LISTEN/NOTIFY, PostgreSQL 11+): a job enqueued on one instance starts at once on any
                    // instance instead of at the next 15 s poll.
                    config.UsePostgreSqlStorage(o => o.UseNpgsqlConnection(connection), new PostgreSqlStorageOptions { SchemaName = "hangfire", EnableLongPolling = true });
                    break;
                default:
                    config.UseInMemoryStorage();
                    break;
            }
        });
        builder.Services.AddOptions<SchedulingOptions>().BindConfiguration(SchedulingOptions.Section);
        builder.Services.AddHostedService<SchedulingServer>();
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

    /// <summary>
    /// Hangfire's server, started once <see cref="DatabaseReadiness"/> says the database is migrated (Hangfire's own
    /// storage lives there with SQL Server and PostgreSQL), after registering <see cref="RecurringJobs"/>.
    /// </summary>
    internal sealed class SchedulingServer(
        IServiceProvider services,
        DatabaseReadiness readiness,
        IOptions<SchedulingOptions> options,
        TimeProvider clock,
        ILogger<SchedulingServer> logger) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            try
            {
                await readiness.WhenReady.WaitAsync(stoppingToken);
                using var server = await StartServerAsync(stoppingToken);
                await Task.Delay(Timeout.Infinite, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                server.SendStop();
                await server.WaitForShutdownAsync(CancellationToken.None);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // Stopped before the database was ready.
            }
        }

        private async Task<BackgroundJobServer> StartServerAsync(CancellationToken stoppingToken)
        {
            while (true)
            {
                try
                {
                    var storage = services.GetRequiredService<JobStorage>();
                    RecurringJobs.Register(services.GetRequiredService<IRecurringJobManager>(), options.Value);
                    return new BackgroundJobServer(
                        new BackgroundJobServerOptions
                        {
                            WorkerCount = Math.Max(2, Environment.ProcessorCount),
                            Activator = services.GetRequiredService<JobActivator>(),
                            FilterProvider = services.GetService<Hangfire.Common.IJobFilterProvider>(),
                            TimeZoneResolver = services.GetService<ITimeZoneResolver>(),
                        },
                        storage);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogError(ex, "The scheduler could not start ({Reason}); trying again in {Delay}", ex.GetBaseException().Message, RetryDelay);
                    await Task.Delay(RetryDelay, clock, stoppingToken);
                }
            }
        }

        private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);
    }
}
