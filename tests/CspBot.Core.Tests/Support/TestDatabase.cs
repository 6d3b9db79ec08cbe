using CspBot.Core.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CspBot.Core.Tests.Support;

/// <summary>A real SQLite database (in memory, kept alive by one open connection) built by the production migrations.</summary>
public sealed class TestDatabase : IDisposable
{
    private readonly SqliteConnection connection = new("Data Source=:memory:");

    public TestDatabase()
    {
        connection.Open();
        using var db = CreateContext();
        db.Database.Migrate();
    }

    public CspDbContext CreateContext() =>
        new SqliteCspDbContext(new DbContextOptionsBuilder<SqliteCspDbContext>().UseSqlite(connection).Options);

    public void Dispose() => connection.Dispose();
}
