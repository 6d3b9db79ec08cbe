using System.Diagnostics;
using System.Globalization;

namespace CspBot.Benchmarks;

/// <summary>One line of the results table.</summary>
internal sealed record Figure(string Benchmark, string Measure, string Value, string Goal = "", bool? Met = null);

/// <summary>The table every run prints, in Markdown so docs/performance.md can take it as it is.</summary>
internal static class FigureTable
{
    public static string Format(IReadOnlyList<Figure> figures)
    {
        string[] headings = ["benchmark", "measure", "value", "goal", "met"];
        var rows = figures.Select(f => new[] { f.Benchmark, f.Measure, f.Value, f.Goal, f.Met switch { true => "yes", false => "**no**", null => "" } }).ToList();
        var widths = headings.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        string Line(string[] cells) => "| " + string.Join(" | ", cells.Select((c, i) => c.PadRight(widths[i]))) + " |";
        return string.Join(Environment.NewLine, new[] { Line(headings), Line(widths.Select(w => new string('-', w)).ToArray()) }.Concat(rows.Select(Line)));
    }

    public static string Ms(double ms) => ms.ToString(ms < 10 ? "0.00" : "0", CultureInfo.InvariantCulture) + " ms";

    public static string Mb(long bytes) => (bytes / 1024d / 1024d).ToString("0.0", CultureInfo.InvariantCulture) + " MB";

    public static string Number(double value, string format = "0") => value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>The value at quantile <paramref name="q"/> (nearest rank).</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double q) =>
        sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];
}

/// <summary>Samples the process's memory while a benchmark runs: the peak managed heap and working set.</summary>
internal sealed class MemoryWatch : IAsyncDisposable, IDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task sampling;
    private long peakHeap;
    private long peakWorkingSet;

    public MemoryWatch()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        BaselineHeap = GC.GetTotalMemory(false);
        sampling = Task.Run(async () =>
        {
            using var process = Process.GetCurrentProcess();
            while (!stop.IsCancellationRequested)
            {
                Sample(process);
                try
                {
                    await Task.Delay(25, stop.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }

            Sample(process);
        });
    }

    public long BaselineHeap { get; }

    public void Dispose() => stop.Dispose();

    public long PeakHeap => Interlocked.Read(ref peakHeap);

    public long PeakWorkingSet => Interlocked.Read(ref peakWorkingSet);

    private void Sample(Process process)
    {
        process.Refresh();
        InterlockedMax(ref peakHeap, GC.GetTotalMemory(false));
        InterlockedMax(ref peakWorkingSet, process.WorkingSet64);
    }

    private static void InterlockedMax(ref long target, long value)
    {
        long seen;
        while (value > (seen = Interlocked.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (stop.IsCancellationRequested)
        {
            return;
        }

        await stop.CancelAsync();
        await sampling;
    }
}
