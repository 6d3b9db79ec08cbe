using System.Diagnostics;
using System.Text;

namespace CspBot.Deployment.Tests.Support;

public sealed record ScriptResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}{Environment.NewLine}{Output}{Environment.NewLine}{Error}";
}

/// <summary>Runs a repository script with bash (or node), the way an operator would, with a controlled environment.</summary>
public static class Script
{
    public static Task<ScriptResult> RunAsync(
        string relativePath,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?> environment,
        TimeSpan timeout) => RunAsync("bash", relativePath, arguments, environment, timeout);

    /// <summary>A Node script (.mjs) of the repository.</summary>
    public static Task<ScriptResult> RunNodeAsync(string relativePath, IEnumerable<string> arguments, TimeSpan timeout) =>
        RunAsync("node", relativePath, arguments, new Dictionary<string, string?>(), timeout);

    private static async Task<ScriptResult> RunAsync(
        string program,
        string relativePath,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?> environment,
        TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Repository.PathOf(relativePath));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException(program + " did not start");
        var output = new StringBuilder();
        var error = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (error) { error.AppendLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{relativePath} did not finish within {timeout}: {output}{error}");
        }

        process.WaitForExit(); // flush the asynchronous readers
        return new ScriptResult(process.ExitCode, output.ToString(), error.ToString());
    }
}
