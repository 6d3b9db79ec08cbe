using System.Globalization;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;

namespace CspBot.Benchmarks;

/// <summary>Runs every benchmark and prints one table (scripts/bench.sh).</summary>
internal static class Bench
{
    /// <summary>Usage: CspBot.Benchmarks [--owners 1000,10000] [--two-instances 2000] [--rps 500] [--actions 1000] [--indicators 100] [--iterations 300] [--no-chat] [--no-console] [--no-police] [--police-rows 92000] [--police-bombs] [--micro] [--out FILE]</summary>
    public static async Task<int> Main(string[] args)
    {
        var options = args.Select((a, i) => (a, i)).Where(x => x.a.StartsWith("--", StringComparison.Ordinal))
            .ToDictionary(x => x.a[2..], x => x.i + 1 < args.Length && !args[x.i + 1].StartsWith("--", StringComparison.Ordinal) ? args[x.i + 1] : "true");
        string Option(string name, string fallback) => options.TryGetValue(name, out var value) ? value : fallback;

        var owners = Option("owners", "1000,10000").Split(',').Select(o => int.Parse(o, CultureInfo.InvariantCulture)).ToList();
        var rps = double.Parse(Option("rps", "500"), CultureInfo.InvariantCulture);
        var actions = int.Parse(Option("actions", "1000"), CultureInfo.InvariantCulture);
        var indicators = int.Parse(Option("indicators", "100"), CultureInfo.InvariantCulture);
        var iterations = int.Parse(Option("iterations", "300"), CultureInfo.InvariantCulture);
        var log = Console.Error;

        var started = TimeProvider.System.GetLocalNow();
        var figures = new List<Figure>();
        foreach (var count in owners.Where(o => o > 0))
        {
            figures.AddRange(await FanOutBenchmark.RunAsync(count, rps, log, options.ContainsKey("null-messenger"), options.ContainsKey("scan-only")));
        }

        if (int.Parse(Option("two-instances", "2000"), CultureInfo.InvariantCulture) is var pair and > 0)
        {
            figures.AddRange(await TwoInstanceFanOutBenchmark.RunAsync(pair, rps, log));
        }

        if (!options.ContainsKey("no-chat"))
        {
            figures.AddRange(await ChatBenchmark.RunAsync(actions, indicators, iterations, log));
        }

        if (!options.ContainsKey("no-console"))
        {
            figures.AddRange(await ConsoleBenchmark.RunAsync(actions, indicators, Math.Max(20, iterations / 3), log));
        }

        if (!options.ContainsKey("no-police"))
        {
            figures.AddRange(await PoliceBenchmark.RunAsync(int.Parse(Option("police-rows", "92000"), CultureInfo.InvariantCulture), log));
        }

        if (!options.ContainsKey("no-police") || options.ContainsKey("police-bombs"))
        {
            figures.AddRange(await PoliceBenchmark.BombsAsync(log));
        }

        var machine = $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.ProcessArchitecture}, .NET {Environment.Version}";
        var table = FigureTable.Format(figures);
        var report = $"CspBot benchmarks, {started:yyyy-MM-dd HH:mm zzz}; {machine}; {(System.Diagnostics.Debugger.IsAttached ? "debugger attached" : "Release")}{Environment.NewLine}{Environment.NewLine}{table}{Environment.NewLine}";
        Console.WriteLine();
        Console.WriteLine(report);
        if (options.TryGetValue("out", out var file))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
            await File.WriteAllTextAsync(file, report);
        }

        if (options.ContainsKey("micro"))
        {
            BenchmarkRunner.Run<HotPathBenchmarks>(DefaultConfig.Instance.AddJob(Job.ShortRun).WithOptions(ConfigOptions.DisableOptimizationsValidator)
                .WithArtifactsPath(Path.Combine("artifacts", "bench", "micro")));
        }

        return figures.Any(f => f.Met == false) ? 2 : 0;
    }
}
