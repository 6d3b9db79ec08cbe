using CspBot.Core.Persistence;
using CspBot.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CspBot.Core.Tests.Persistence;

public class MigrationTests
{
    [Fact]
    public void SqlServerMigrations_ScriptWithoutAServer_AndCreateEveryTable()
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);

        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        foreach (var table in new[] { "Members", "Actions", "Indicators", "IndicatorValues", "Returns", "ChangeHistory", "Outbox", "ReportSnapshots", "Conversations", "Delegations" })
        {
            Assert.Contains($"CREATE TABLE [{table}]", script);
        }
    }

    [Fact]
    public void SqlServerModel_HasNoChangesMissingAMigration()
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(), "the model changed without a SQL Server migration: run dotnet ef migrations add");
    }

    [Fact]
    public void PostgresMigrations_ScriptWithoutAServer_AndCreateEveryTable()
    {
        using var db = new PostgresDesignTimeFactory().CreateDbContext([]);

        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        foreach (var table in new[] { "Members", "Actions", "Indicators", "IndicatorValues", "Returns", "ChangeHistory", "Outbox", "ReportSnapshots", "Conversations", "Delegations" })
        {
            Assert.Contains($"CREATE TABLE \"{table}\"", script);
        }

        // Unbounded text is text (varchar stops at 10 MB) and instants are timestamptz.
        Assert.Contains("\"Payload\" text NOT NULL", script);
        Assert.Contains("\"Docx\" bytea", script);
        Assert.Contains("\"NextAttemptAt\" timestamp with time zone NOT NULL", script);
        Assert.DoesNotContain("2147483647", script);
    }

    [Fact]
    public void PostgresModel_HasNoChangesMissingAMigration()
    {
        using var db = new PostgresDesignTimeFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(), "the model changed without a PostgreSQL migration: run dotnet ef migrations add --context PostgresCspDbContext");
    }

    [Theory]
    [InlineData("Postgres", DatabaseProvider.Postgres)]
    [InlineData("PostgreSQL", DatabaseProvider.Postgres)]
    [InlineData("postgresql", DatabaseProvider.Postgres)]
    [InlineData("SqlServer", DatabaseProvider.SqlServer)]
    [InlineData("sqlite", DatabaseProvider.Sqlite)]
    public void ProviderNames_AreRead_CaseInsensitively(string text, DatabaseProvider expected)
    {
        Assert.True(PersistenceRegistration.TryParseProvider(text, out var provider));
        Assert.Equal(expected, provider);
        Assert.False(PersistenceRegistration.TryParseProvider("Oracle", out _));
        Assert.False(PersistenceRegistration.TryParseProvider("7", out _));
    }

    [Fact]
    public void SqliteModel_HasNoChangesMissingAMigration_AndMigratesFromEmpty()
    {
        using var database = new TestDatabase();
        using var db = database.CreateContext();

        Assert.False(db.Database.HasPendingModelChanges(), "the model changed without a SQLite migration: run dotnet ef migrations add");
        Assert.Empty(db.Database.GetPendingMigrations());
    }
}
