using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace CspBot.Web.Tests.Support;

/// <summary>
/// CspBot as a real process (<c>dotnet CspBot.Web.dll</c>, built by the solution build) on its own loopback port, in
/// the Testing environment, configured by environment variables as a deployment would be. Its console log is kept
/// for assertions and failure messages. <see cref="Kill"/> is SIGKILL: no shutdown code runs.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    /// <summary>Every app process still running: killed when the test run ends, whatever a failed test left behind.</summary>
    private static readonly ConcurrentDictionary<int, Process> Running = new();

    static AppProcess() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        foreach (var leftover in Running.Values)
        {
            try
            {
                leftover.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
        }
    };

    private readonly Process process;
    private readonly ConcurrentQueue<string> log = new();

    private AppProcess(string name, Process process, int port)
    {
        Name = name;
        this.process = process;
        BaseUrl = $"http://127.0.0.1:{port}";
        Client = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(60) };
        Client.DefaultRequestHeaders.Add(CspBot.Web.Hosting.AdminAccess.RequestHeader, "1");
    }

    public string Name { get; }

    public string BaseUrl { get; }

    public HttpClient Client { get; }

    public bool HasExited => process.HasExited;

    /// <summary>The last 150 lines the process wrote to its console.</summary>
    public string Log => string.Join('\n', log.TakeLast(150));

    /// <summary>The errors the process logged (the last 20).</summary>
    public string Errors => string.Join('\n', log.Where(l => l.StartsWith("fail:", StringComparison.Ordinal) || l.StartsWith("crit:", StringComparison.Ordinal)).TakeLast(20));

    /// <summary>Everything the process wrote to its console so far.</summary>
    public IReadOnlyList<string> Lines => [.. log];

    public static AppProcess Start(string name, IDictionary<string, string?> settings)
    {
        var port = FreePort();
        var app = WebAppPath();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(app)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(app);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        start.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var result = new AppProcess(name, process, port);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) result.log.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) result.log.Enqueue(e.Data); };
        process.Start();
        Running[process.Id] = process;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return result;
    }

    /// <summary>The built CspBot.Web.dll of the same configuration as this test assembly.</summary>
    public static string WebAppPath()
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = testBin.Name;
        var configuration = testBin.Parent!.Name;
        var root = testBin.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
        var path = Path.Combine(root, "src", "CspBot.Web", "bin", configuration, framework, "CspBot.Web.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build the solution first: the app process runs " + path);
    }

    /// <summary>The /health answer (status and body), or null when nothing answers.</summary>
    public async Task<(HttpStatusCode Status, string Body)?> HealthAsync()
    {
        try
        {
            using var response = await Client.GetAsync("/health");
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>Waits until /health answers <paramref name="status"/>; fails with the log if the process exits or it never does.</summary>
    public async Task WaitForHealthAsync(HttpStatusCode status = HttpStatusCode.OK, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {process.ExitCode} before /health answered {status}:\n{Log}");
            }

            if (await HealthAsync() is { } health && health.Status == status)
            {
                return;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{Name}: /health did not answer {status}:\n{Log}");
    }

    /// <summary>Waits for the process to exit by itself (a refused start); its exit code. Fails if it is still running.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{Name} was still running after {timeout}:\n{Log}");
        }

        // The exit is seen before the last redirected lines are read: WaitForExit() without a timeout drains them.
        process.WaitForExit();
        return process.ExitCode;
    }

    /// <summary>Waits until the log has a line containing <paramref name="text"/>.</summary>
    public async Task WaitForLogAsync(string text, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (!log.Any(l => l.Contains(text, StringComparison.Ordinal)))
        {
            if (DateTime.UtcNow > deadline || process.HasExited)
            {
                throw new TimeoutException($"{Name}: no log line with '{text}':\n{Log}");
            }

            await Task.Delay(100);
        }
    }

    public async Task SetClockAsync(string now) =>
        (await Client.PutAsJsonAsync("/api/admin/clock", new { now })).EnsureSuccessStatusCode();

    /// <summary>POST /api/admin/jobs/{job}/run; the answer's body, failing with the log on an error status.</summary>
    public async Task<JsonNode> RunJobAsync(string job)
    {
        using var response = await Client.PostAsync($"/api/admin/jobs/{job}/run", null);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{Name}: {job} answered {(int)response.StatusCode} {body}\n{Errors}");
        }

        return JsonNode.Parse(body)!;
    }

    /// <summary>SIGKILL: the process dies at once, as in a crash or an out-of-memory kill.</summary>
    public void Kill()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
        Running.TryRemove(process.Id, out _);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        Running.TryRemove(process.Id, out _);
        process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
