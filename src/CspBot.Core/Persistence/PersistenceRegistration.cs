using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CspBot.Core.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,

    /// <summary>PostgreSQL (<c>Postgres</c> or <c>PostgreSQL</c> in configuration).</summary>
    Postgres,
}

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply pending migrations at start-up (the default; turn off when a pipeline migrates).</summary>
    public bool MigrateOnStartup { get; set; } = true;
}

public static class PersistenceRegistration
{
    public const string DefaultSqliteConnection = "Data Source=data/cspbot.db";

    /// <summary>Registers <see cref="CspDbContext"/> for the configured provider (<c>Database:Provider</c>, <c>ConnectionStrings:Default</c>).</summary>
    public static IServiceCollection AddPersistence(this IServiceCollection services, IConfiguration configuration)
    {
        var options = ReadOptions(configuration);
        services.AddSingleton(options);
        var connection = configuration.GetConnectionString("Default");
        switch (options.Provider)
        {
            case DatabaseProvider.SqlServer:
                if (string.IsNullOrWhiteSpace(connection))
                {
                    throw new InvalidOperationException("Database:Provider is SqlServer but ConnectionStrings:Default is not set.");
                }

                services.AddDbContext<CspDbContext, SqlServerCspDbContext>(o => o.UseSqlServer(connection, s => s.EnableRetryOnFailure()));
                break;
            case DatabaseProvider.Postgres:
                if (string.IsNullOrWhiteSpace(connection))
                {
                    throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Default is not set.");
                }

                services.AddDbContext<CspDbContext, PostgresCspDbContext>(o => o.UseNpgsql(connection, n => n.EnableRetryOnFailure()));
                break;
            default:
                services.AddDbContext<CspDbContext, SqliteCspDbContext>(o => o.UseSqlite(string.IsNullOrWhiteSpace(connection) ? DefaultSqliteConnection : connection));
                break;
        }

        return services;
    }

    /// <summary>
    /// The <c>Database</c> section, accepting <c>PostgreSQL</c> as another spelling of <c>Postgres</c>; an unknown provider
    /// is an error naming the ones there are, rather than a silent fall-back to SQLite.
    /// </summary>
    public static DatabaseOptions ReadOptions(IConfiguration configuration)
    {
        var section = configuration.GetSection(DatabaseOptions.Section);
        var options = new DatabaseOptions();
        if (section[nameof(DatabaseOptions.MigrateOnStartup)] is { Length: > 0 } migrate)
        {
            options.MigrateOnStartup = bool.Parse(migrate);
        }

        var text = section[nameof(DatabaseOptions.Provider)]?.Trim();
        if (!string.IsNullOrEmpty(text))
        {
            options.Provider = TryParseProvider(text, out var provider)
                ? provider
                : throw new InvalidOperationException($"Database:Provider '{text}' is not one of Sqlite, SqlServer, Postgres.");
        }

        return options;
    }

    /// <summary>Parses a provider name, case-insensitively; <c>PostgreSQL</c> means <see cref="DatabaseProvider.Postgres"/>.</summary>
    public static bool TryParseProvider(string text, out DatabaseProvider provider)
    {
        if (string.Equals(text.Trim(), "PostgreSQL", StringComparison.OrdinalIgnoreCase))
        {
            provider = DatabaseProvider.Postgres;
            return true;
        }

        return Enum.TryParse(text.Trim(), ignoreCase: true, out provider) && Enum.IsDefined(provider);
    }

    /// <summary>
    /// Creates the SQLite folder if needed, applies migrations and, with SQLite, switches the file to write-ahead
    /// logging: the bot's replies, the Hangfire jobs and the outbox sender read and write at once, and in the default
    /// rollback journal a reader holding the file can make a writer give up with "database is locked".
    /// </summary>
    public static async Task PrepareDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        var options = services.GetRequiredService<DatabaseOptions>();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CspDbContext>();
        EnsureSqliteFolder(db);
        if (options.MigrateOnStartup)
        {
            await MigrateAsync(db, services, cancellationToken);
        }

        if (db.Database.IsSqlite())
        {
            // Persistent: recorded in the file, so every later connection uses it too.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }

    /// <summary>
    /// Opens and closes one connection, throwing the provider's error when the server cannot be reached. The bare ADO.NET
    /// connection is not retried by the provider's execution strategy, so an unreachable server fails in moments, not
    /// after a minute of retries.
    /// </summary>
    public static async Task CheckConnectionAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CspDbContext>();
        EnsureSqliteFolder(db);
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        await connection.CloseAsync();
    }

    /// <summary>
    /// Applies migrations. On PostgreSQL under a session advisory lock, which also covers Hangfire.PostgreSql installing
    /// its schema (it does so when its storage is first resolved): instances starting together on one database
    /// otherwise both read an empty history and both apply the first migration, and one fails ("relation already
    /// exists"). SQL Server's providers take application locks of their own; SQLite serves a single instance.
    /// </summary>
    private static async Task MigrateAsync(CspDbContext db, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (!db.Database.IsNpgsql())
        {
            await db.Database.MigrateAsync(cancellationToken);
            return;
        }

        // The lock belongs to the connection: keep one open for the whole migration.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({PostgresMigrationLock})", cancellationToken);
            try
            {
                await db.Database.MigrateAsync(cancellationToken);
                _ = services.GetService<JobStorage>();
            }
            finally
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({PostgresMigrationLock})", CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The advisory lock key CspBot's migrations hold on PostgreSQL (any constant unlikely to clash).</summary>
    private const long PostgresMigrationLock = 0x43737042_6F744D67; // "CspBotMg"

    private static void EnsureSqliteFolder(CspDbContext db)
    {
        if (db.Database.IsSqlite() && db.Database.GetDbConnection().DataSource is { Length: > 0 } file && Path.GetDirectoryName(Path.GetFullPath(file)) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }
    }
}
