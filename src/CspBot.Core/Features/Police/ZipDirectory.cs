using System.Buffers.Binary;
using CspBot.Core.Features.Localisation;

namespace CspBot.Core.Features.Police;

/// <summary>
/// What a .zip's end record says of its directory (how many entries, how many bytes), read before the archive is
/// opened: opening one reads its whole directory into memory, so a directory of a million entries must be refused
/// first. .NET checks when it opens the archive that the directory holds as many entries as the end record says.
/// </summary>
public static class ZipDirectory
{
    /// <summary>The most bytes of directory one entry may take (its name and fields); a published entry takes under 100.</summary>
    public const int MaxBytesPerEntry = 1024;

    private const uint EndSignature = 0x06054b50;
    private const uint Zip64LocatorSignature = 0x07064b50;
    private const uint Zip64EndSignature = 0x06064b50;

    /// <summary>Why the archive at <paramref name="path"/> is refused, or null (also when it has no end record: opening it then says so).</summary>
    public static string? Refusal(string path, PoliceLimits limits)
    {
        if (Read(path) is not var (entries, size))
        {
            return null;
        }

        var setting = PoliceLimits.Setting(nameof(PoliceLimits.MaxEntries));
        if (entries > (ulong)limits.MaxEntries)
        {
            return Terms.Format(PoliceText.ZipTooManyEntries, entries, limits.MaxEntries, setting);
        }

        return size > (ulong)limits.MaxEntries * MaxBytesPerEntry
            ? Terms.Format(PoliceText.ZipDirectoryTooBig, size, limits.MaxEntries, MaxBytesPerEntry, setting)
            : null;
    }

    /// <summary>The entry count and directory size the end record (or its Zip64 record) gives.</summary>
    public static (ulong Entries, ulong Size)? Read(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.RandomAccess);
        var tail = (int)Math.Min(file.Length, 22 + ushort.MaxValue);
        if (tail < 22)
        {
            return null;
        }

        var bytes = new byte[tail];
        file.Seek(-tail, SeekOrigin.End);
        file.ReadExactly(bytes);
        for (var at = tail - 22; at >= 0; at--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at)) != EndSignature)
            {
                continue;
            }

            ulong entries = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(at + 10));
            ulong size = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + 12));
            if ((entries == ushort.MaxValue || size == uint.MaxValue) && at >= 20
                && BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at - 20)) == Zip64LocatorSignature)
            {
                var record = (long)BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(at - 20 + 8));
                if (record >= 0 && record + 56 <= file.Length)
                {
                    var zip64 = new byte[56];
                    file.Seek(record, SeekOrigin.Begin);
                    file.ReadExactly(zip64);
                    if (BinaryPrimitives.ReadUInt32LittleEndian(zip64) == Zip64EndSignature)
                    {
                        entries = BinaryPrimitives.ReadUInt64LittleEndian(zip64.AsSpan(32));
                        size = BinaryPrimitives.ReadUInt64LittleEndian(zip64.AsSpan(40));
                    }
                }
            }

            return (entries, size);
        }

        return null;
    }
}
