namespace CspBot.Core.Features.Police;

/// <summary>
/// Bounds on what one upload of police street files may ask of the server (section <c>Police</c>), beside the
/// import's (<see cref="Import.ImportLimits"/>). The published files are far inside each bound; a file or archive
/// beyond one is refused with the setting's name, and nothing is counted or changed. Each is enforced as the bytes
/// are read, never by trusting what a file says of itself.
/// </summary>
public sealed class PoliceLimits
{
    public const string Section = "Police";

    /// <summary>The most characters one line of a street file may have (published lines are about 250); a longer line is malformed.</summary>
    public int MaxLineLength { get; set; } = 4_096;

    /// <summary>The most characters a street file's header may have (the published one is 143).</summary>
    public int MaxHeaderLength { get; set; } = 1_024;

    /// <summary>The most entries (files and folders) one archive may hold (a year of every force's files is about 1,700).</summary>
    public int MaxEntries { get; set; } = 10_000;

    /// <summary>The most the street files of one upload may hold once unzipped, in bytes, counted as they are read.</summary>
    public long MaxUncompressedBytes { get; set; } = 16L * 1024 * 1024 * 1024;

    /// <summary>The most an archive's file larger than 1 MB may inflate relative to its compressed size (street files deflate about 5:1).</summary>
    public int MaxCompressionRatio { get; set; } = 50;

    /// <summary>Below this size a file's compression ratio is not checked (a small file of blank lines deflates well).</summary>
    public const long RatioCheckedFrom = 1024 * 1024;

    /// <summary>The setting's name as a refusal gives it ("Police:MaxLineLength").</summary>
    public static string Setting(string name) => $"{Section}:{name}";
}
