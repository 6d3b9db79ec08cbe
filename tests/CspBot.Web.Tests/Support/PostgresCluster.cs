using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace CspBot.Web.Tests.Support;

/// <summary>
/// A private PostgreSQL cluster for the tests: initdb in a temporary folder, its own port on 127.0.0.1 and its own
/// socket folder, trust authentication, no fsync. Run as the <c>postgres</c> user when the tests run as root (the server
/// refuses root). Stopped and deleted at the end, leaving no process behind. <see cref="Unavailable"/> says why not
/// when Debian's <c>postgresql</c> package (scripts/install-test-tools.sh installs it) is missing.
/// </summary>
public sealed class PostgresCluster : IAsyncLifetime
{
    private static readonly Lazy<(string? Bin, string? Problem)> Binaries = new(FindBinaries);
    private string folder = string.Empty;

    /// <summary>Null when PostgreSQL can be used; otherwise the loud reason the PostgreSQL tests are skipped.</summary>
    public static string? Unavailable => Binaries.Value.Problem;

    public int Port { get; private set; }

    public bool IsRunning { get; private set; }

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true;Timeout=5;Command Timeout=30";

    public async Task InitializeAsync()
    {
        if (Unavailable is not null)
        {
            return;
        }

        folder = Path.Combine(Path.GetTempPath(), "cspbot-pg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        if (IsRoot)
        {
            await RunAsync("chown", ["postgres", folder], asPostgres: false);
        }

        await RunAsync(Tool("initdb"), ["-D", DataFolder, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync"], asPostgres: true);
        Port = FreePort();
        await StartAsync();

        // Should the test run end without disposing the fixture (a crash, a cancelled run), stop the server anyway.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            if (IsRunning)
            {
                RunAsync(Tool("pg_ctl"), ["-D", DataFolder, "-m", "immediate", "-w", "stop"], asPostgres: true).GetAwaiter().GetResult();
            }
        };
    }

    private string DataFolder => Path.Combine(folder, "data");

    public async Task StartAsync()
    {
        var options = $"-p {Port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300";
        await RunAsync(Tool("pg_ctl"), ["-D", DataFolder, "-l", Path.Combine(folder, "server.log"), "-o", options, "-w", "-t", "60", "start"], asPostgres: true);
        IsRunning = true;
    }

    public async Task StopAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await RunAsync(Tool("pg_ctl"), ["-D", DataFolder, "-m", "fast", "-w", "-t", "60", "stop"], asPostgres: true);
        IsRunning = false;
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 60)].ToLowerInvariant();
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public async Task DisposeAsync()
    {
        if (folder.Length == 0)
        {
            return;
        }

        if (IsRunning)
        {
            await StopAsync();
        }

        Directory.Delete(folder, recursive: true);
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static string Tool(string name) => Path.Combine(Binaries.Value.Bin!, name);

    private static (string? Bin, string? Problem) FindBinaries()
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable("CSPBOT_PG_BIN") is { Length: > 0 } configured)
        {
            candidates.Add(configured);
        }
        else if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin")));
        }

        var bin = candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
        if (bin is null)
        {
            return (null, "POSTGRESQL TESTS SKIPPED: no PostgreSQL server binaries (initdb, pg_ctl) under /usr/lib/postgresql/*/bin or "
                + "CSPBOT_PG_BIN. Install Debian's postgresql package (scripts/install-test-tools.sh does, as root).");
        }

        if (IsRoot && !UserExists("postgres"))
        {
            return (null, "POSTGRESQL TESTS SKIPPED: running as root and there is no 'postgres' user to run the server as.");
        }

        return (bin, null);
    }

    private static bool UserExists(string name) =>
        File.Exists("/etc/passwd") && File.ReadLines("/etc/passwd").Any(l => l.StartsWith(name + ":", StringComparison.Ordinal));

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string file, IReadOnlyList<string> arguments, bool asPostgres)
    {
        var start = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() };
        if (asPostgres && IsRoot)
        {
            start.FileName = "runuser";
            foreach (var argument in new[] { "-u", "postgres", "--", file })
            {
                start.ArgumentList.Add(argument);
            }
        }
        else
        {
            start.FileName = file;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await output}{await error}");
        }
    }
}

/// <summary>The tests that share one <see cref="PostgresCluster"/>.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresCluster>
{
    public const string Name = "PostgreSQL";
}

/// <summary>A fact that needs PostgreSQL: skipped, with the reason in the test output, when it is not installed.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresCluster.Unavailable is { } reason)
        {
            Skip = reason;
        }
    }
}
