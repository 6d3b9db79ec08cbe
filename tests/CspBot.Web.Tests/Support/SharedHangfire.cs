using Hangfire.Logging;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Storage;
using Npgsql;

namespace CspBot.Web.Tests.Support;

/// <summary>
/// The Hangfire storage that app processes share in a PostgreSQL database, opened from the test to trigger recurring
/// jobs and read their states as an operator would on the dashboard.
/// </summary>
public static class SharedHangfire
{
    public static PostgreSqlStorage Open(string connectionString)
    {
        // Hangfire's log provider is process-wide and may still point at an in-process test host already disposed.
        LogProvider.SetCurrentLogProvider(new Silent());
        var options = new PostgreSqlStorageOptions { SchemaName = "hangfire", PrepareSchemaIfNecessary = false };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options, null), options);
    }

    /// <summary>Waits until the app has registered its recurring jobs (its scheduler creates Hangfire's tables first).</summary>
    public static async Task WaitForRecurringJobsAsync(PostgreSqlStorage storage, int count = 5)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                using var connection = storage.GetConnection();
                if (connection.GetRecurringJobs().Count >= count)
                {
                    return;
                }
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
            {
                // Hangfire's schema is not there yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("the app never registered its recurring jobs");
            }

            await Task.Delay(100);
        }
    }

    private sealed class Silent : ILogProvider
    {
        public ILog GetLogger(string name) => new Nothing();

        private sealed class Nothing : ILog
        {
            public bool Log(LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
        }
    }
}
