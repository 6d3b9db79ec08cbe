using CspBot.Core.Features.Demo;
using CspBot.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CspBot.Web.Hosting;

/// <summary>Whether the database has been reached, migrated and (when asked) seeded since start-up, and if not, why.</summary>
public sealed class DatabaseReadiness
{
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile string problem = "the database has not been prepared yet";

    public bool IsReady => ready.Task.IsCompleted;

    /// <summary>Why the database is not ready; null once it is.</summary>
    public string? Problem => IsReady ? null : problem;

    /// <summary>Completes once the database is migrated; the scheduler waits for it.</summary>
    public Task WhenReady => ready.Task;

    internal void MarkReady() => ready.TrySetResult();

    internal void MarkUnavailable(string reason) => problem = reason;
}

/// <summary>
/// Prepares the database (migrations, demo seed) at start-up. When the database cannot be reached the app does not
/// exit: it logs an error naming the cause, answers /health Unhealthy, runs no scheduled jobs, and keeps retrying with
/// back-off until the database answers; then it migrates and starts the scheduler without a restart. A process
/// manager that restarts on exit would otherwise crash-loop with the reason scrolled away.
/// </summary>
public sealed class DatabaseStartup(
    IServiceProvider services,
    DatabaseReadiness readiness,
    DatabaseOptions database,
    IConfiguration configuration,
    TimeProvider clock,
    ILogger<DatabaseStartup> logger) : BackgroundService
{
    private static readonly TimeSpan[] RetryDelays = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30)];

    private int failures;

    /// <summary>One attempt: reach the database, migrate, seed. False (and logged) when it failed.</summary>
    public async Task<bool> TryPrepareAsync(CancellationToken cancellationToken)
    {
        try
        {
            await services.CheckConnectionAsync(cancellationToken);
            await services.PrepareDatabaseAsync(cancellationToken);
            var demo = configuration.GetSection(DemoOptions.Section).Get<DemoOptions>() ?? new DemoOptions();
            if (demo.Seed)
            {
                await services.SeedDemoPartnershipAsync(demo, cancellationToken);
            }

            readiness.MarkReady();
            if (failures > 0)
            {
                logger.LogWarning("The {Provider} database is available again after {Failures} failed attempt(s): migrated, scheduled jobs starting", database.Provider, failures);
            }

            return true;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            var delay = RetryDelays[Math.Min(failures, RetryDelays.Length - 1)];
            failures++;
            readiness.MarkUnavailable($"the {database.Provider} database is unavailable: {ex.GetBaseException().Message}");
            logger.LogError(
                ex,
                "The {Provider} database is unavailable or could not be prepared ({Reason}); CspBot keeps running with /health Unhealthy and no scheduled jobs, and tries again in {Delay} (attempt {Attempt})",
                database.Provider,
                ex.GetBaseException().Message,
                delay,
                failures);
            return false;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!readiness.IsReady)
            {
                await Task.Delay(RetryDelays[Math.Clamp(failures - 1, 0, RetryDelays.Length - 1)], clock, stoppingToken);
                await TryPrepareAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down before the database came back.
        }
    }
}

/// <summary>
/// /health's database check: Unhealthy with the reason while start-up could not prepare the database, or when the
/// database does not answer now; Healthy otherwise.
/// </summary>
public sealed class DatabaseHealthCheck(DatabaseReadiness readiness, CspDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (readiness.Problem is { } problem)
        {
            return HealthCheckResult.Unhealthy(problem);
        }

        try
        {
            // A round trip on the bare connection: a pooled connection may be open to a server that has gone, and the
            // provider's execution strategy would retry for a minute before answering.
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync(cancellationToken);
            try
            {
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT 1";
                await command.ExecuteScalarAsync(cancellationToken);
            }
            finally
            {
                await connection.CloseAsync();
            }

            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("the database does not answer: " + ex.GetBaseException().Message);
        }
    }
}
