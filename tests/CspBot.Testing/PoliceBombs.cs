using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CspBot.Core.Features.Police;

namespace CspBot.Testing;

/// <summary>
/// Uploads of police street files built to hurt the server, one per class of bomb, each made as it is sent (never held
/// by the sender): one endless line, an endless header, an archive that inflates far beyond its size, and an archive
/// of a great many entries. <see cref="SendAsync"/> posts one to the real host and samples the managed heap and the
/// process's resident set meanwhile: the host tests assert on it and the benchmark prints the worst. The client must
/// not follow redirects (<see cref="Client"/>): the test client's redirect handler copies every request body into
/// memory to be able to send it again (a 150 MB body grew the heap by 570 MB), which measures the client, not CspBot.
/// </summary>
public static class PoliceBombs
{
    public const string LongLine = "one line of 150 MB";
    public const string LongHeader = "a header of 150 MB";
    public const string ZipBomb = "an archive inflating to 100 MB";
    public const string ManyEntries = "an archive of 20,000 entries";

    public static readonly IReadOnlyList<string> All = [LongLine, LongHeader, ZipBomb, ManyEntries];

    /// <summary>The setting each class of bomb is refused by, as the refusal names it.</summary>
    public static string RefusedBy(string bomb) => bomb switch
    {
        LongLine => PoliceLimits.Setting(nameof(PoliceLimits.MaxLineLength)),
        LongHeader => PoliceLimits.Setting(nameof(PoliceLimits.MaxHeaderLength)),
        ZipBomb => PoliceLimits.Setting(nameof(PoliceLimits.MaxCompressionRatio)),
        _ => PoliceLimits.Setting(nameof(PoliceLimits.MaxEntries)),
    };

    private const int Big = 150 * 1024 * 1024;
    private static readonly byte[] Header = Encoding.UTF8.GetBytes(string.Join(',', PoliceData.StreetHeader) + "\n");
    private static readonly Lazy<byte[]> Inflating = new(() => Archive(zip =>
    {
        var row = Encoding.UTF8.GetBytes(",2025-09,Metropolitan Police Service,Metropolitan Police Service,-0.1,51.5,On or near High Road,E01001960,Haringey 020B,Burglary,Under investigation,\n");
        var block = Enumerable.Repeat(row, (1 << 20) / row.Length).SelectMany(r => r).ToArray();
        using var entry = zip.CreateEntry("2025-09/2025-09-metropolitan-street.csv", CompressionLevel.Optimal).Open();
        entry.Write(Header);
        for (var written = 0L; written < 100L * 1024 * 1024; written += block.Length)
        {
            entry.Write(block);
        }
    }));

    private static readonly Lazy<byte[]> Crowded = new(() => Archive(zip =>
    {
        for (var i = 0; i < 20_000; i++)
        {
            zip.CreateEntry($"2025-09/{i}.txt", CompressionLevel.NoCompression);
        }
    }));

    /// <summary>A client of the host that sends a body as it is made (no redirect handler holding a copy of it).</summary>
    public static HttpClient Client(CspBotHost host)
    {
        var client = host.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (!client.DefaultRequestHeaders.Contains(Web.Hosting.AdminAccess.RequestHeader))
        {
            client.DefaultRequestHeaders.Add(Web.Hosting.AdminAccess.RequestHeader, "1"); // as a script or curl sends it
        }

        return client;
    }

    /// <summary>Posts the bomb to <c>/api/admin/police-data</c> as a multipart upload; the memory figures are peaks over the baseline before it.</summary>
    public static async Task<BombResult> SendAsync(HttpClient client, string bomb)
    {
        var (name, content) = bomb switch
        {
            LongLine => ("2025-09-metropolitan-street.csv", (Stream)new MadeStream(Header, Big, (byte)'x', "\n"u8.ToArray())),
            LongHeader => ("2025-09-metropolitan-street.csv", new MadeStream([], Big, (byte)'x', [])),
            ZipBomb => ("2025-09.zip", new MemoryStream(Inflating.Value)),
            ManyEntries => ("2025-09.zip", new MemoryStream(Crowded.Value)),
            _ => throw new ArgumentOutOfRangeException(nameof(bomb)),
        };

        using var form = new MultipartFormDataContent();
        var part = new StreamContent(content, 64 * 1024);
        part.Headers.ContentType = new MediaTypeHeaderValue(name.EndsWith(".zip", StringComparison.Ordinal) ? "application/zip" : "text/csv");
        form.Add(part, "files", name);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var (heap, resident) = (Heap(), process.WorkingSet64);
        long peakHeap = heap, peakResident = resident;
        using var stop = new CancellationTokenSource();
        var sampling = Task.Run(async () =>
        {
            while (true)
            {
                process.Refresh();
                peakHeap = Math.Max(peakHeap, Heap());
                peakResident = Math.Max(peakResident, process.WorkingSet64);
                if (stop.IsCancellationRequested)
                {
                    return;
                }

                await Task.Delay(10, CancellationToken.None);
            }
        });

        var response = await client.PostAsync("/api/admin/police-data", form);
        var body = await response.Content.ReadAsStringAsync();
        await stop.CancelAsync();
        await sampling;
        return new BombResult(bomb, response.StatusCode, JsonNode.Parse(body)?["title"]?.GetValue<string>() ?? body, peakHeap - heap, peakResident - resident);
    }

    /// <summary>The managed heap, garbage not yet collected included: what the process holds for it.</summary>
    private static long Heap() => Math.Max(GC.GetTotalMemory(false), GC.GetGCMemoryInfo().HeapSizeBytes);

    private static byte[] Archive(Action<ZipArchive> fill)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            fill(zip);
        }

        return buffer.ToArray();
    }

    /// <summary>A prefix, <c>count</c> copies of one byte made as they are read, then a suffix: never in memory at once.</summary>
    private sealed class MadeStream(byte[] prefix, long count, byte fill, byte[] suffix) : Stream
    {
        private long position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => prefix.Length + count + suffix.Length;

        public override long Position { get => position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int length) => Read(buffer.AsSpan(offset, length));

        public override int Read(Span<byte> buffer)
        {
            var n = 0;
            while (n < buffer.Length && position < Length)
            {
                var at = position;
                int take;
                if (at < prefix.Length)
                {
                    take = (int)Math.Min(buffer.Length - n, prefix.Length - at);
                    prefix.AsSpan((int)at, take).CopyTo(buffer[n..]);
                }
                else if (at < prefix.Length + count)
                {
                    take = (int)Math.Min(buffer.Length - n, prefix.Length + count - at);
                    buffer.Slice(n, take).Fill(fill);
                }
                else
                {
                    var from = (int)(at - prefix.Length - count);
                    take = Math.Min(buffer.Length - n, suffix.Length - from);
                    suffix.AsSpan(from, take).CopyTo(buffer[n..]);
                }

                n += take;
                position += take;
            }

            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int length, CancellationToken cancellationToken) => Task.FromResult(Read(buffer.AsSpan(offset, length)));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

/// <summary>What the host answered to a bomb, and how far the managed heap and the resident set grew at their peaks.</summary>
public sealed record BombResult(string Bomb, HttpStatusCode Status, string Title, long HeapGrowth, long ResidentGrowth)
{
    public long Worst => Math.Max(HeapGrowth, ResidentGrowth);
}
