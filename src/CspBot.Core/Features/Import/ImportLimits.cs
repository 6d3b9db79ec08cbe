namespace CspBot.Core.Features.Import;

/// <summary>
/// Bounds on what one import may ask of the server (section <c>Import</c>). A partnership's real workbook is a few
/// hundred kilobytes; each bound is far above that and far below what would hurt the process, and a refusal names the
/// setting that was exceeded.
/// </summary>
public sealed class ImportLimits
{
    public const string Section = "Import";

    /// <summary>The largest upload (CSV or workbook), in bytes.</summary>
    public int MaxUploadBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>The most a workbook's parts may hold once unzipped, in bytes, all parts together.</summary>
    public long MaxUncompressedBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>The most any workbook part larger than 1 MB may inflate relative to its compressed size.</summary>
    public int MaxCompressionRatio { get; set; } = 100;

    /// <summary>The most data rows one sheet may have.</summary>
    public int MaxRowsPerSheet { get; set; } = 50_000;

    /// <summary>The most columns one sheet may have (a cell further right is refused).</summary>
    public int MaxColumns { get; set; } = 50;

    /// <summary>How many problems a refusal lists; the rest are counted.</summary>
    public int MaxProblemsListed { get; set; } = 200;

    /// <summary>Figures, targets and comparisons must be smaller than this in magnitude.</summary>
    public const decimal MaxFigure = 1_000_000_000_000m;
}
