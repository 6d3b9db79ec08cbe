using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace CspBot.Web.Tests.Support;

/// <summary>LibreOffice headless, as scripts/install-test-tools.sh installs it (Debian libreoffice-writer-nogui).</summary>
public static partial class LibreOffice
{
    public const string Program = "/usr/bin/soffice";

    /// <summary>Converts a document to PDF in <paramref name="folder"/> with a profile of its own (runs in parallel safely).</summary>
    public static async Task<byte[]> ToPdfAsync(string document, string folder)
    {
        if (!File.Exists(Program))
        {
            throw new InvalidOperationException($"{Program} is missing: run scripts/install-test-tools.sh as root (it installs libreoffice-writer-nogui).");
        }

        var start = new ProcessStartInfo(Program)
        {
            ArgumentList = { $"-env:UserInstallation=file://{Path.Combine(folder, "profile")}", "--headless", "--convert-to", "pdf", "--outdir", folder, document },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        var pdf = Path.ChangeExtension(Path.Combine(folder, Path.GetFileName(document)), ".pdf");
        return File.Exists(pdf)
            ? await File.ReadAllBytesAsync(pdf)
            : throw new InvalidOperationException($"LibreOffice wrote no PDF (exit {process.ExitCode}): {await output} {await error}");
    }

    /// <summary>Each page's size in points, rounded, in page order (LibreOffice writes page objects uncompressed).</summary>
    public static IReadOnlyList<(int Width, int Height)> PageSizes(byte[] pdf) =>
        PagePattern().Matches(System.Text.Encoding.Latin1.GetString(pdf))
            .Select(m => ((int)Math.Round(double.Parse(m.Groups["w"].Value, CultureInfo.InvariantCulture)), (int)Math.Round(double.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture))))
            .ToList();

    [GeneratedRegex(@"/Type\s*/Page\b[^>]*?/MediaBox\s*\[\s*0\s+0\s+(?<w>[0-9.]+)\s+(?<h>[0-9.]+)\s*\]")]
    private static partial Regex PagePattern();
}
