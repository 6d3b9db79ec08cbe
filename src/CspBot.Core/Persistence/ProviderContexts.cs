using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CspBot.Core.Persistence;

/// <summary>SQLite: the embedded default (file under ./data).</summary>
public sealed class SqliteCspDbContext(DbContextOptions<SqliteCspDbContext> options) : CspDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);

        // SQLite cannot compare or order DateTimeOffset text; store UTC ticks so due-message queries run in the database.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();

        // SQLite has no decimal type; EF stores decimals as text, which orders wrongly. Doubles are exact enough for figures.
        configurationBuilder.Properties<decimal>().HaveConversion<double>();
        configurationBuilder.Properties<decimal?>().HaveConversion<double>();
    }
}

/// <summary>SQL Server: production (shared with Hangfire).</summary>
public sealed class SqlServerCspDbContext(DbContextOptions<SqlServerCspDbContext> options) : CspDbContext(options);

/// <summary>PostgreSQL: a supported shared database (several instances against one server), with Hangfire.PostgreSql.</summary>
public sealed class PostgresCspDbContext(DbContextOptions<PostgresCspDbContext> options) : CspDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);

        // timestamptz takes only UTC offsets (Npgsql refuses others); partnership-time values such as "midnight in London"
        // are stored and compared as the same instant in UTC.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcDateTimeOffsetConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcDateTimeOffsetConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);

        // "As long as it takes" (HasMaxLength(int.MaxValue)) is text here: varchar stops at 10 MB.
        foreach (var property in modelBuilder.Model.GetEntityTypes().SelectMany(e => e.GetProperties()).Where(p => p.GetMaxLength() == int.MaxValue))
        {
            property.SetMaxLength(null);
            property.SetColumnType("text");
        }
    }

    private sealed class UtcDateTimeOffsetConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(
        value => value.ToUniversalTime(),
        value => value);
}

/// <summary>Lets <c>dotnet ef</c> build the SQLite model without starting the app.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteCspDbContext>
{
    public SqliteCspDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteCspDbContext>().UseSqlite("Data Source=design.db").Options);
}

/// <summary>Lets <c>dotnet ef</c> build the SQL Server model without a server (scripting needs no connection).</summary>
internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerCspDbContext>
{
    public SqlServerCspDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerCspDbContext>().UseSqlServer("Server=.;Database=CspBot;Trusted_Connection=True;TrustServerCertificate=True").Options);
}

/// <summary>Lets <c>dotnet ef</c> build the PostgreSQL model without a server (scripting needs no connection).</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresCspDbContext>
{
    public PostgresCspDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresCspDbContext>().UseNpgsql("Host=localhost;Database=cspbot").Options);
}
