using System.Diagnostics;
using CspBot.Core.Domain;
using CspBot.Core.Features.Import;
using CspBot.Core.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace CspBot.Benchmarks;

/// <summary>
/// The console's pages as the officer opens them (the server's render of each, data included) with 1,000 actions and
/// 100 indicators of 40 quarters each (the Dashboard judges the variation of every one), one indicator's SPC chart
/// through the operations API (by quarter, and a police-fed one's 120 months), and the import's dry run of a
/// 10,000-row workbook.
/// </summary>
internal static class ConsoleBenchmark
{
    private static readonly string[] Pages = ["cycle", "returns", "import", "plans", "calendar", "reports", "audit", "my-returns", "dashboard"];

    public static async Task<IReadOnlyList<Figure>> RunAsync(int actions, int indicators, int iterations, TextWriter log)
    {
        using var host = new BenchHost();
        _ = host.Services;
        var period = ReportingPeriod.Parse("2025-26 Q2");
        await host.InScopeAsync(async sp =>
        {
            await PartnershipData.SeedAsync(sp.GetRequiredService<CspDbContext>(), "http://127.0.0.1:9/", period, 50, actions, indicators, returnedShare: 0.7, quarters: History.Quarters);
            await PartnershipData.SeedPoliceHistoryAsync(sp.GetRequiredService<CspDbContext>(), period, History.PoliceFed, History.Months);
            return 0;
        });
        await host.MoveToDeadlineDayAsync(new DateTimeOffset(2025, 10, 6, 9, 0, 0, TimeSpan.Zero));
        var browser = await host.ConsoleAsAsync("officer@council.example");
        log.WriteLine($"console: seeded {actions} actions, {indicators} indicators");

        var figures = new List<Figure>();
        var name = $"console, {actions:N0} actions / {indicators} indicators ({History.Describe})";
        foreach (var page in Pages)
        {
            figures.AddRange(await TimeAsync(browser, _ => $"/console/{page}", "<h1", iterations, name, $"/console/{page}", goalMs: 100));
        }

        // One indicator's chart through the operations API: its 40 quarters, and a police-fed one's 120 months. An officer's
        // call, not a page: printed without a goal.
        var api = host.CreateClient();
        foreach (var (label, query) in new[] { ("quarters", string.Empty), ("months", "&grain=month") })
        {
            figures.AddRange(await TimeAsync(api, i => $"/api/admin/indicators/I-{i % History.PoliceFed:D4}/spc?period={period.Id}{query}", "\"variation\"", iterations, name, $"GET …/spc by {label}", goalMs: null));
        }

        figures.Add(await DryRunAsync(host, 10_000, log));
        return figures;
    }

    /// <summary>
    /// GETs <paramref name="url"/> (of the request's number) <paramref name="iterations"/> times after five untimed ones,
    /// each answer checked for <paramref name="expect"/>: p50 and p99, the p99 against <paramref name="goalMs"/> when given.
    /// </summary>
    private static async Task<IReadOnlyList<Figure>> TimeAsync(HttpClient client, Func<int, string> url, string expect, int iterations, string name, string measure, double? goalMs)
    {
        var times = new List<double>(iterations);
        for (var i = 0; i < iterations + 5; i++)
        {
            var watch = Stopwatch.StartNew();
            var response = await client.GetAsync(url(i));
            var body = await response.Content.ReadAsStringAsync();
            watch.Stop();
            if (!response.IsSuccessStatusCode || !body.Contains(expect, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{url(i)} answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 300)]}");
            }

            if (i >= 5)
            {
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        times.Sort();
        var p99 = FigureTable.Percentile(times, 0.99);
        return
        [
            new(name, $"{measure} p50", FigureTable.Ms(FigureTable.Percentile(times, 0.5))),
            goalMs is { } goal
                ? new(name, $"{measure} p99 ({iterations} requests)", FigureTable.Ms(p99), $"< {goal} ms", p99 < goal)
                : new(name, $"{measure} p99 ({iterations} requests)", FigureTable.Ms(p99)),
        ];
    }

    /// <summary>The import's dry run (validation, the would-be changes old → new, rolled back) of an actions sheet of <paramref name="rows"/> new actions.</summary>
    private static async Task<Figure> DryRunAsync(BenchHost host, int rows, TextWriter log)
    {
        var workbook = Workbook(rows);
        var times = new List<double>();
        for (var i = 0; i < 4; i++)
        {
            var watch = Stopwatch.StartNew();
            var result = await host.InScopeAsync(sp => sp.GetRequiredService<PartnershipImporter>().ImportWorkbookAsync(new MemoryStream(workbook), "benchmark", CancellationToken.None, dryRun: true));
            watch.Stop();
            if (!result.Succeeded || result.Sheets[ImportSheets.Actions].Created != rows)
            {
                throw new InvalidOperationException("The dry run refused the benchmark workbook: " + string.Join("; ", result.Problems.Take(5)));
            }

            if (i > 0)
            {
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        log.WriteLine($"console: dry run of {rows:N0} rows ({workbook.Length / 1024:N0} KB)");
        times.Sort();
        var p50 = FigureTable.Percentile(times, 0.5);
        return new($"import dry run, {rows:N0}-row workbook", "validate + changes old → new, p50", FigureTable.Ms(p50), "< 2 s", p50 < 2000);
    }

    private static byte[] Workbook(int rows) => WorkbookExport.Workbook(
    [
        (ImportSheets.Find(ImportSheets.Actions)!, Enumerable.Range(0, rows).Select(i => new string?[]
        {
            $"N-{i:D5}", "Imported Plan", "O1", $"Imported action {i} for the benchmark", $"owner{i % 50}@partner{i % 50 % PartnershipData.AgencyCount}.example", "Partner", "2026-27 Q1", "false",
        })),
    ]);
}
