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
    public void SqliteModel_HasNoChangesMissingAMigration_AndMigratesFromEmpty()
    {
        using var database = new TestDatabase();
        using var db = database.CreateContext();

        Assert.False(db.Database.HasPendingModelChanges(), "the model changed without a SQLite migration: run dotnet ef migrations add");
        Assert.Empty(db.Database.GetPendingMigrations());
    }
}
