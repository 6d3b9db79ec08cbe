using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CspBot.Core.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
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
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
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
            default:
                services.AddDbContext<CspDbContext, SqliteCspDbContext>(o => o.UseSqlite(string.IsNullOrWhiteSpace(connection) ? DefaultSqliteConnection : connection));
                break;
        }

        return services;
    }

    /// <summary>Creates the SQLite folder if needed and applies migrations.</summary>
    public static async Task PrepareDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        var options = services.GetRequiredService<DatabaseOptions>();
        if (!options.MigrateOnStartup)
        {
            return;
        }

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CspDbContext>();
        if (db.Database.IsSqlite() && db.Database.GetDbConnection().DataSource is { Length: > 0 } file && Path.GetDirectoryName(Path.GetFullPath(file)) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }

        await db.Database.MigrateAsync(cancellationToken);
    }
}
