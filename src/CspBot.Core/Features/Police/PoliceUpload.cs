using System.IO.Compression;
using System.Text;
using CspBot.Core.Domain;
using CspBot.Core.Persistence;
using CspBot.Core.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using CspBot.Core.Features.Localisation;

namespace CspBot.Core.Features.Police;

/// <summary>A file of an upload that was not counted, and why.</summary>
public sealed record UncountedFile(string FileName, string Reason);

/// <summary>A police-fed indicator's figures for a period after an upload: stored, kept (an officer's own), or waiting for months.</summary>
public sealed record UpdatedFigure(PoliceFigure Figure, string Outcome);

/// <summary>What an upload did: every file counted, skipped or refused; the figures it stored; the months still missing.</summary>
public sealed record PoliceUploadResult(
    bool Saved,
    IReadOnlyList<CountedFile> Counted,
    IReadOnlyList<UncountedFile> Skipped,
    IReadOnlyList<UncountedFile> Refused,
    IReadOnlyList<UpdatedFigure> Figures)
{
    public int Rows => Counted.Sum(f => f.Rows);

    public int Malformed => Counted.Sum(f => f.Malformed);

    /// <summary>What happened, in a sentence (the API's title, the console's notice).</summary>
    public string Summary => Saved
        ? (Malformed > 0
                ? CspBot.Core.Domain.Counted.In(PoliceText.ResourceManager, "CountedMalformed", Counted.Count, Rows.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), Malformed)
                : CspBot.Core.Domain.Counted.In(PoliceText.ResourceManager, "Counted", Counted.Count, Rows.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)))
            + (Figures.Count(f => f.Outcome == PoliceIndicators.Stored) is var stored and > 0 ? CspBot.Core.Domain.Counted.In(PoliceText.ResourceManager, "Stored", stored) : string.Empty)
            + (Figures.Count(f => f.Outcome == PoliceIndicators.Waiting) is var waiting and > 0 ? CspBot.Core.Domain.Counted.In(PoliceText.ResourceManager, "Waiting", waiting) : string.Empty)
        : Terms.Format(PoliceText.NothingCounted, string.Join("; ", Refused.Select(r => Terms.Format(PoliceText.RefusedFile, r.FileName, r.Reason))));
}

/// <summary>
/// One upload of data.police.uk street files: monthly CSVs, or the archive .zip as published (its street files counted,
/// its outcomes and stop-and-search files skipped). Each file is counted as it is read; a .zip is first written to a
/// temporary file (a zip's directory is at its end), never held in memory. Nothing is saved if any file is refused.
/// Saving replaces the counts of every month and force uploaded (a re-upload never double counts), then works out the
/// figures of every police-fed indicator for the periods those months touch. Everything is in the change history.
/// </summary>
public sealed class PoliceUpload : IAsyncDisposable
{
    /// <summary>The largest upload the route takes: a year's archive of a handful of forces, with room to spare.</summary>
    public const long MaxUploadBytes = 4L * 1024 * 1024 * 1024;

    private readonly CspDbContext db;
    private readonly TimeProvider clock;
    private readonly ILogger logger;
    private readonly StreetFileCounter counter;
    private readonly List<CountedFile> counted = [];
    private readonly List<UncountedFile> skipped = [];
    private readonly List<UncountedFile> refused = [];
    private readonly List<string> temporary = [];
    private readonly PoliceLimits limits;
    private long inflated;

    private PoliceUpload(CspDbContext db, TimeProvider clock, ILogger logger, IReadOnlySet<string> lsoaCodes, PoliceLimits limits)
    {
        this.db = db;
        this.clock = clock;
        this.logger = logger;
        this.limits = limits;
        counter = new StreetFileCounter(lsoaCodes, limits);
    }

    /// <summary>Starts an upload; the LSOA codes that indicators name are counted per LSOA as well.</summary>
    public static async Task<PoliceUpload> StartAsync(CspDbContext db, TimeProvider clock, ILogger logger, CancellationToken cancellationToken, PoliceLimits? limits = null)
    {
        var areas = await db.PoliceSources.AsNoTracking().Select(s => s.Area).ToListAsync(cancellationToken);
        var codes = areas.SelectMany(PoliceData.List).Where(PoliceData.IsLsoaCode).ToHashSet(StringComparer.Ordinal);
        return new PoliceUpload(db, clock, logger, codes, limits ?? new PoliceLimits());
    }

    /// <summary>Counts one uploaded file: a street CSV, or a .zip of them (told apart by its first bytes, not its name).</summary>
    public async Task AddAsync(string fileName, Stream content, CancellationToken cancellationToken)
    {
        var name = SafeName(fileName);
        var buffered = new BufferedStream(content, 64 * 1024);
        var head = new byte[4];
        var read = await ReadAtLeastAsync(buffered, head, cancellationToken);
        var rest = new PrefixedStream(head.AsMemory(0, read), buffered);
        if (read >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4)
        {
            await AddZipAsync(name, rest, cancellationToken);
        }
        else
        {
            await AddCsvAsync(name, rest, cancellationToken);
        }
    }

    private async Task AddCsvAsync(string name, Stream content, CancellationToken cancellationToken)
    {
        if (!name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            refused.Add(new UncountedFile(name, PoliceText.NeitherCsvNorZip));
            return;
        }

        using var reader = new StreamReader(content, new UTF8Encoding(false, throwOnInvalidBytes: false), detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024);
        var (file, refusal) = await counter.CountAsync(name, reader, cancellationToken);
        var current = clock.LocalToday().ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        if (file is null)
        {
            refused.Add(new UncountedFile(name, refusal!));
        }
        else if (string.CompareOrdinal(file.Month, current) > 0)
        {
            // The police publish a month after it ends: a later month is a mistake (or a forgery), never counted ahead.
            refused.Add(new UncountedFile(name, Terms.Format(PoliceText.AfterCurrentMonth, file.Month, current)));
        }
        else if (counted.FirstOrDefault(c => c.Month == file.Month && c.Force == file.Force) is { } twin)
        {
            // Two files of one force's month would be added together: refused, naming both.
            refused.Add(new UncountedFile(name, Terms.Format(PoliceText.Again, file.Force, file.Month, twin.FileName)));
        }
        else
        {
            counted.Add(file);
        }
    }

    private async Task AddZipAsync(string name, Stream content, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), $"cspbot-police-{Guid.NewGuid():N}.zip");
        temporary.Add(path);
        await using (var spool = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
        {
            await content.CopyToAsync(spool, cancellationToken);
        }

        try
        {
            // The directory is read whole when the archive opens: its size is checked first, from its end record.
            if (ZipDirectory.Refusal(path, limits) is { } tooMany)
            {
                refused.Add(new UncountedFile(name, tooMany));
                return;
            }

            using var archive = ZipFile.OpenRead(path);
            var any = false;
            foreach (var entry in archive.Entries.Where(e => e.Length > 0 || e.Name.Length > 0).OrderBy(e => e.FullName, StringComparer.Ordinal))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var entryName = $"{name}/{entry.FullName}";
                if (entry.Name.Length == 0)
                {
                    continue; // a folder
                }

                if (!entry.Name.EndsWith("-street.csv", StringComparison.OrdinalIgnoreCase))
                {
                    skipped.Add(new UncountedFile(entryName, PoliceText.NotStreet));
                    continue;
                }

                any = true;
                await using var stream = new InflationLimit(entry.Open(), entry.CompressedLength, this);
                try
                {
                    await AddCsvAsync(entryName, stream, cancellationToken);
                }
                catch (LimitExceededException ex)
                {
                    refused.Add(new UncountedFile(entryName, ex.Message));
                    return;
                }
            }

            if (!any)
            {
                refused.Add(new UncountedFile(name, PoliceText.NoStreetFile));
            }
        }
        catch (InvalidDataException ex)
        {
            refused.Add(new UncountedFile(name, Terms.Format(PoliceText.NotZip, ex.Message)));
        }
    }

    /// <summary>Saves the counts and the figures, all or nothing; nothing at all when a file was refused or none was counted.</summary>
    public async Task<PoliceUploadResult> SaveAsync(string actor, ChangeSource source, CancellationToken cancellationToken)
    {
        if (refused.Count > 0 || counted.Count == 0)
        {
            if (counted.Count == 0 && refused.Count == 0)
            {
                refused.Add(new UncountedFile(PoliceText.TheUpload, PoliceText.NoFile));
            }

            logger.LogWarning("Police data upload by {Actor} refused: {Refused}", actor, string.Join("; ", refused.Select(r => $"{r.FileName} {r.Reason}")));
            return new PoliceUploadResult(false, counted, skipped, refused, []);
        }

        var now = clock.GetUtcNow();
        var uploaded = counted.Select(f => (f.Month, f.Force)).Distinct().ToList();

        // All or nothing in one transaction, through the provider's execution strategy (SQL Server and PostgreSQL retry
        // transient failures and refuse a transaction they do not own); a retry starts again from a clean tracker.
        var figures = await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            foreach (var (month, force) in uploaded)
            {
                await db.PoliceCounts.Where(c => c.Month == month && c.Force == force).ExecuteDeleteAsync(ct);
                await db.PoliceFiles.Where(f => f.Month == month && f.Force == force).ExecuteDeleteAsync(ct);
            }

            db.PoliceCounts.AddRange(counter.Counts.Select(c => new PoliceCount
            {
                Month = c.Key.Month, Force = c.Key.Force, Place = c.Key.Place, IsLsoa = c.Key.IsLsoa, CrimeType = c.Key.CrimeType, Count = c.Value,
            }));
            foreach (var group in counted.GroupBy(f => (f.Month, f.Force)))
            {
                db.PoliceFiles.Add(new PoliceFile
                {
                    Month = group.Key.Month,
                    Force = group.Key.Force,
                    FileName = FreeText.Shorten(string.Join(", ", group.Select(f => f.FileName)), 400),
                    Rows = group.Sum(f => f.Rows),
                    Malformed = group.Sum(f => f.Malformed),
                    UploadedBy = actor,
                    UploadedAt = now,
                });
            }

            await db.SaveChangesWithHistoryAsync(actor, source, now, ct);
            var updated = await PoliceIndicators.UpdateAsync(db, uploaded.Select(u => u.Month).ToHashSet(), ct);
            await db.SaveChangesWithHistoryAsync(actor, source, now, ct);
            await transaction.CommitAsync(ct);
            return updated;
        }, cancellationToken);
        logger.LogInformation("Police data uploaded by {Actor}: {Files} files, {Rows} rows ({Malformed} malformed), months {Months}; {Figures} figures stored",
            actor, counted.Count, counted.Sum(f => f.Rows), counted.Sum(f => f.Malformed), string.Join(", ", uploaded.Select(u => $"{u.Month} {u.Force}")), figures.Count(f => f.Outcome == PoliceIndicators.Stored));
        return new PoliceUploadResult(true, counted, skipped, refused, figures);
    }

    public ValueTask DisposeAsync()
    {
        foreach (var path in temporary)
        {
            try
            {
                File.Delete(path);
            }
            catch (IOException ex)
            {
                logger.LogWarning(ex, "Could not delete the temporary upload {Path}", path);
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>A file name as given, without any folder, bounded and printable.</summary>
    private static string SafeName(string? name)
    {
        var bare = Path.GetFileName((name ?? string.Empty).Replace('\\', '/').Split('/').Last());
        var clean = new string([.. bare.Where(c => !char.IsControl(c))]).Trim();
        return clean.Length == 0 ? "(unnamed)" : FreeText.Shorten(clean, 200);
    }

    private static async Task<int> ReadAtLeastAsync(Stream stream, byte[] buffer, CancellationToken ct)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(total), ct);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }

    /// <summary>An upload limit passed while reading; the message is the refusal, naming the setting.</summary>
    private sealed class LimitExceededException(string message) : Exception(message);

    /// <summary>
    /// An archive entry's bytes as they inflate, counted: past the upload's <see cref="PoliceLimits.MaxUncompressedBytes"/>
    /// or past <see cref="PoliceLimits.MaxCompressionRatio"/> times its compressed size, reading stops with the refusal.
    /// What the entry's header claims is not trusted.
    /// </summary>
    private sealed class InflationLimit(Stream inner, long compressed, PoliceUpload upload) : Stream
    {
        private long read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Counted(inner.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer) => Counted(inner.Read(buffer));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Counted(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private int Counted(int n)
        {
            read += n;
            upload.inflated += n;
            var limits = upload.limits;
            if (upload.inflated > limits.MaxUncompressedBytes)
            {
                throw new LimitExceededException(Terms.Format(PoliceText.PastUnzipped, Bytes(limits.MaxUncompressedBytes), PoliceLimits.Setting(nameof(PoliceLimits.MaxUncompressedBytes))));
            }

            if (read > PoliceLimits.RatioCheckedFrom && read > (double)Math.Max(compressed, 1) * limits.MaxCompressionRatio)
            {
                throw new LimitExceededException(Terms.Format(PoliceText.Inflates, limits.MaxCompressionRatio, PoliceLimits.Setting(nameof(PoliceLimits.MaxCompressionRatio))));
            }

            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    /// <summary>"16 GB", "200 MB": a limit as a refusal names it.</summary>
    private static string Bytes(long bytes) => bytes >= 1L << 30 && bytes % (1L << 30) == 0
        ? $"{bytes >> 30} GB"
        : $"{Math.Ceiling(bytes / (1024d * 1024)).ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} MB";

    /// <summary>A stream that first gives back the bytes already read from it.</summary>
    private sealed class PrefixedStream(ReadOnlyMemory<byte> prefix, Stream rest) : Stream
    {
        private ReadOnlyMemory<byte> pending = prefix;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (pending.Length > 0)
            {
                var n = Math.Min(buffer.Length, pending.Length);
                pending.Span[..n].CopyTo(buffer);
                pending = pending[n..];
                return n;
            }

            return rest.Read(buffer);
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (pending.Length > 0)
            {
                return Read(buffer.Span);
            }

            return await rest.ReadAsync(buffer, cancellationToken);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
