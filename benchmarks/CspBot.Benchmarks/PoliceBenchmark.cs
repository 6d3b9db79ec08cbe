using System.Diagnostics;
using System.Text;
using CspBot.Core.Domain;
using CspBot.Core.Features.Police;
using CspBot.Core.Persistence;
using CspBot.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CspBot.Benchmarks;

/// <summary>
/// Six months of a London-sized force's street-level crime files (about 92,000 rows a month, written to disk in the
/// published format by StreetFileWriter), uploaded as the operations API does: each file streamed and counted, then
/// the counts saved and 20 police-fed indicators' figures worked out. Goal: under 5 s, and under 100 MB of extra
/// managed memory at its peak.
/// </summary>
internal static class PoliceBenchmark
{
    private const string Met = "Metropolitan Police Service";

    public static async Task<IReadOnlyList<Figure>> RunAsync(int rowsPerMonth, TextWriter log)
    {
        using var host = new BenchHost();
        _ = host.Services;
        var period = ReportingPeriod.Parse("2025-26 Q2");
        await host.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<CspDbContext>();
            await PartnershipData.SeedAsync(db, "http://127.0.0.1:9/", period, 20, 10, 20, returnedShare: 0);
            var indicators = await db.Indicators.OrderBy(i => i.Id).Take(20).ToListAsync();
            var boroughs = PoliceData.London.Where(b => b != "City of London").ToList();
            for (var i = 0; i < indicators.Count; i++)
            {
                db.PoliceSources.Add(new PoliceSource
                {
                    IndicatorId = indicators[i].Id,
                    CrimeTypes = string.Join(';', PoliceData.CrimeTypes.Skip(i % PoliceData.CrimeTypes.Count).Take(1 + (i % 3))),
                    Area = boroughs[i % boroughs.Count],
                    Comparison = i % 2 == 0 ? PoliceData.LondonComparison : PoliceData.ForceComparison,
                    Peers = string.Join(';', boroughs.Skip((i + 1) % 20).Take(7)),
                });
            }

            await db.SaveChangesAsync();
            return 0;
        });

        var folder = Directory.CreateTempSubdirectory("cspbot-police-bench-");
        try
        {
            var files = WriteMonths(folder.FullName, rowsPerMonth);
            var rows = files.Sum(f => f.Rows);
            var bytes = files.Sum(f => new FileInfo(f.Path).Length);
            log.WriteLine($"police: wrote {files.Count} street files, {rows:N0} rows, {bytes / 1024 / 1024} MB");

            var (elapsed, result, memory) = await host.InScopeAsync(async sp =>
            {
                var db = sp.GetRequiredService<CspDbContext>();
                var clock = sp.GetRequiredService<TimeProvider>();
                await using var watch = new MemoryWatch();
                var timer = Stopwatch.StartNew();
                await using var upload = await PoliceUpload.StartAsync(db, clock, NullLogger.Instance, CancellationToken.None);
                foreach (var file in files)
                {
                    await using var stream = new FileStream(file.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
                    await upload.AddAsync(Path.GetFileName(file.Path), stream, CancellationToken.None);
                }

                var saved = await upload.SaveAsync("benchmark", ChangeSource.Api, CancellationToken.None);
                timer.Stop();
                await watch.DisposeAsync();
                return (timer.Elapsed, saved, watch.PeakHeap - watch.BaselineHeap);
            });

            if (!result.Saved || result.Rows != rows)
            {
                throw new InvalidOperationException($"the police upload did not count every row: {result.Summary}");
            }

            var stored = result.Figures.Count(f => f.Outcome == PoliceIndicators.Stored);
            var name = $"police data, 6 months × {rowsPerMonth:N0} rows ({rows:N0})";
            return
            [
                new(name, $"upload counted and saved ({stored} indicator figures stored)", FigureTable.Ms(elapsed.TotalMilliseconds), "< 5 s", elapsed < TimeSpan.FromSeconds(5)),
                new(name, "rows a second", FigureTable.Number(rows / elapsed.TotalSeconds, "N0")),
                new(name, "peak extra managed memory", FigureTable.Mb(memory), "< 100 MB", memory < 100L * 1024 * 1024),
            ];
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Every class of upload bomb (CspBot.Testing.PoliceBombs: one endless line, an endless header, an archive inflating
    /// far beyond its size, an archive of a great many entries) through the real host: each must be refused, and the
    /// worst growth of the managed heap or the resident set over all of them must stay under 200 MB.
    /// </summary>
    public static async Task<IReadOnlyList<Figure>> BombsAsync(TextWriter log)
    {
        using var host = new BenchHost();
        var client = PoliceBombs.Client(host);
        await host.SetClockAsync(new DateTimeOffset(2025, 10, 20, 9, 0, 0, TimeSpan.Zero));
        var results = new List<BombResult>();
        foreach (var bomb in PoliceBombs.All)
        {
            var result = await PoliceBombs.SendAsync(client, bomb);
            log.WriteLine($"police bomb, {bomb}: {(int)result.Status}, heap +{result.HeapGrowth / 1048576.0:0.0} MB, resident set +{result.ResidentGrowth / 1048576.0:0.0} MB");
            results.Add(result);
        }

        var worst = results.MaxBy(r => r.Worst)!;
        var refused = results.All(r => r.Status == System.Net.HttpStatusCode.BadRequest);
        return
        [
            new("police upload bombs (4 classes)", $"refused ({string.Join(", ", results.Select(r => (int)r.Status))})", refused ? "all" : "not all", "all refused", refused),
            new("police upload bombs (4 classes)", $"worst process growth ({worst.Bomb})", FigureTable.Mb(worst.Worst), "< 200 MB", worst.Worst < 200L * 1024 * 1024),
        ];
    }

    /// <summary>Jul–Sep 2025 and the same months of 2024: the force's file and the City of London's, per month.</summary>
    private static List<(string Path, int Rows)> WriteMonths(string folder, int rowsPerMonth)
    {
        var boroughs = PoliceData.London.Where(b => b != "City of London").ToList();
        var files = new List<(string, int)>();
        foreach (var month in new[] { "2024-07", "2024-08", "2024-09", "2025-07", "2025-08", "2025-09" })
        {
            var perCell = rowsPerMonth / (boroughs.Count * PoliceData.CrimeTypes.Count);
            var crimes = boroughs.SelectMany(b => PoliceData.CrimeTypes.Select(t => new StreetFileWriter.Crimes(b, t, perCell + (t.Length % 5)))).ToList();
            var force = Path.Combine(folder, StreetFileWriter.FileName(month, Met));
            using (var writer = new StreamWriter(force, false, new UTF8Encoding(false), 1 << 16))
            {
                StreetFileWriter.Write(writer, month, Met, crimes, noLocation: 200, malformed: 3, seed: month.Length + month[^1]);
            }

            files.Add((force, crimes.Sum(c => c.Count) + 200));
            var city = Path.Combine(folder, StreetFileWriter.FileName(month, "City of London Police"));
            var cityCrimes = PoliceData.CrimeTypes.Select(t => new StreetFileWriter.Crimes("City of London", t, 40)).ToList();
            using (var writer = new StreamWriter(city, false, new UTF8Encoding(false), 1 << 16))
            {
                StreetFileWriter.Write(writer, month, "City of London Police", cityCrimes);
            }

            files.Add((city, cityCrimes.Sum(c => c.Count)));
        }

        return files;
    }
}
