using System.IO.Compression;
using CspBot.Core.Domain;
using CspBot.Core.Features.Demo;
using CspBot.Core.Features.Police;
using CspBot.Core.Tests.Support;

namespace CspBot.Core.Tests.Police;

/// <summary>
/// samples/police/haringey-demo-street.zip is the demo's street files for the quarter it was written for, exactly as
/// DemoPoliceData writes them: regenerate it with <c>CSPBOT_WRITE_SAMPLES=1 dotnet test --filter PoliceSampleTests</c>.
/// </summary>
public sealed class PoliceSampleTests
{
    private static readonly string SamplePath = RepositoryFiles.PathOf("samples", "police", "haringey-demo-street.zip");

    private static IReadOnlyList<(string Name, string Csv)> Expected() =>
        [.. DemoPoliceData.Files(DeadlineCalculatorPeriod()).Select(f => ($"{f.Csv.Split('\n')[1].Split(',')[PoliceData.MonthColumn]}/{f.FileName}", f.Csv))];

    private static ReportingPeriod DeadlineCalculatorPeriod() => Features.Deadlines.DeadlineCalculator.OpenPeriodOn(DemoCalendar.AuthoredFor);

    [Fact]
    public async Task TheSampleArchive_IsTheDemosStreetFiles_InThePublishedFormat()
    {
        if (Environment.GetEnvironmentVariable("CSPBOT_WRITE_SAMPLES") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(SamplePath)!);
            await using var file = File.Create(SamplePath);
            using var zip = new ZipArchive(file, ZipArchiveMode.Create);
            foreach (var (name, csv) in Expected())
            {
                var entry = zip.CreateEntry(name, CompressionLevel.SmallestSize);
                entry.LastWriteTime = new DateTimeOffset(2025, 10, 20, 9, 0, 0, TimeSpan.Zero);
                await using var writer = new StreamWriter(entry.Open());
                await writer.WriteAsync(csv);
            }
        }

        using var archive = ZipFile.OpenRead(SamplePath);
        var entries = archive.Entries.OrderBy(e => e.FullName, StringComparer.Ordinal).ToList();
        var expected = Expected().OrderBy(e => e.Name, StringComparer.Ordinal).ToList();
        Assert.Equal(expected.Select(e => e.Name), entries.Select(e => e.FullName));
        for (var i = 0; i < expected.Count; i++)
        {
            using var reader = new StreamReader(entries[i].Open());
            Assert.Equal(expected[i].Csv, await reader.ReadToEndAsync());
        }

        // And it counts: 12 files, each one force's month, nothing malformed.
        var counter = new StreetFileCounter(new HashSet<string>());
        foreach (var entry in entries)
        {
            using var reader = new StreamReader(entry.Open());
            var (counted, refusal) = await counter.CountAsync(entry.Name, reader, CancellationToken.None);
            Assert.Null(refusal);
            Assert.Equal(0, counted!.Malformed);
        }
    }
}
