using System.Globalization;
using System.IO.Compression;
using System.Text;
namespace CspBot.Core.Features.Police;

/// <summary>
/// Writes street-level crime files in exactly data.police.uk's published format (its header and column order, its
/// quoting, an empty Crime ID and outcome for anti-social behaviour, "No location" rows, LSOA names of real local
/// authorities with their "001A" suffix, every crime type), from counts the caller chooses, so tests and benchmarks
/// know the answer independently, and for the demo partnership's sample. The public files cannot be downloaded here.
/// </summary>
public static class StreetFileWriter
{
    /// <summary>Crimes of one type in one local authority in the month (the LSOA code prefix: E01 England, W01 Wales).</summary>
    public sealed record Crimes(string Authority, string CrimeType, int Count, string CodePrefix = "E01");

    private static readonly string[] Outcomes =
    [
        "Investigation complete; no suspect identified", "Unable to prosecute suspect", "Under investigation",
        "Status update unavailable", "Awaiting court outcome", "Offender given a caution",
    ];

    private static readonly string[] Streets = ["On or near Bruce Grove, High Road", "On or near High Road", "On or near Parking Area", "On or near Supermarket", "On or near Bus/coach Station", "On or near Petrol Station"];

    /// <summary>
    /// Writes one force's month: the rows of <paramref name="crimes"/> in a shuffled order, <paramref name="noLocation"/>
    /// rows without a location, and <paramref name="malformed"/> broken lines spread through the file.
    /// </summary>
    public static void Write(TextWriter writer, string month, string force, IEnumerable<Crimes> crimes, int noLocation = 0, int malformed = 0, int seed = 1)
    {
        var random = new Random(seed);
        writer.Write(string.Join(',', PoliceData.StreetHeader));
        writer.Write('\n');
        var rows = crimes.SelectMany(c => Enumerable.Repeat(c, c.Count)).ToList();
        for (var i = 0; i < noLocation; i++)
        {
            rows.Add(new Crimes(string.Empty, PoliceData.CrimeTypes[i % PoliceData.CrimeTypes.Count], 1));
        }

        // A stable shuffle: files are not sorted by place or type.
        var order = rows.Select(r => (Key: random.Next(), Row: r)).OrderBy(x => x.Key).Select(x => x.Row).ToList();
        var breakEvery = malformed > 0 ? Math.Max(1, order.Count / (malformed + 1)) : int.MaxValue;
        var broken = 0;
        for (var i = 0; i < order.Count; i++)
        {
            if (broken < malformed && i > 0 && i % breakEvery == 0)
            {
                writer.Write(Malformed(broken++, month, force));
                writer.Write('\n');
            }

            WriteRow(writer, order[i], month, force, random);
        }

        while (broken < malformed)
        {
            writer.Write(Malformed(broken++, month, force));
            writer.Write('\n');
        }
    }

    /// <summary>The month's file as text.</summary>
    public static string Text(string month, string force, IEnumerable<Crimes> crimes, int noLocation = 0, int malformed = 0, int seed = 1)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture);
        Write(text, month, force, crimes, noLocation, malformed, seed);
        return text.ToString();
    }

    /// <summary>The file name data.police.uk gives it: "2025-09-metropolitan-street.csv".</summary>
    public static string FileName(string month, string force) =>
        $"{month}-{force.ToLowerInvariant().Replace(" police service", string.Empty, StringComparison.Ordinal).Replace(" police", string.Empty, StringComparison.Ordinal).Replace(' ', '-')}-street.csv";

    /// <summary>An archive as published: a folder per month holding street (and outcomes) files.</summary>
    public static byte[] Zip(IEnumerable<(string Month, string Force, string Csv)> files, bool withOutcomes = true)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (month, force, csv) in files)
            {
                var street = zip.CreateEntry($"{month}/{FileName(month, force)}");
                using (var stream = new StreamWriter(street.Open(), new UTF8Encoding(false)))
                {
                    stream.Write(csv);
                }

                if (withOutcomes)
                {
                    var outcomes = zip.CreateEntry($"{month}/{FileName(month, force).Replace("-street", "-outcomes", StringComparison.Ordinal)}");
                    using var stream = new StreamWriter(outcomes.Open(), new UTF8Encoding(false));
                    stream.Write("Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Outcome type\n");
                }
            }
        }

        return buffer.ToArray();
    }

    private static void WriteRow(TextWriter writer, Crimes crime, string month, string force, Random random)
    {
        var asb = crime.CrimeType == "Anti-social behaviour";
        var id = asb ? string.Empty : Convert.ToHexStringLower(BitConverter.GetBytes(random.NextInt64())) + Convert.ToHexStringLower(BitConverter.GetBytes(random.NextInt64()));
        string longitude, latitude, location, code, name;
        if (crime.Authority.Length == 0)
        {
            (longitude, latitude, location, code, name) = (string.Empty, string.Empty, "No location", string.Empty, string.Empty);
        }
        else
        {
            var lsoa = random.Next(1, 40);
            longitude = (-0.1 - (random.NextDouble() / 10)).ToString("0.000000", CultureInfo.InvariantCulture);
            latitude = (51.5 + (random.NextDouble() / 10)).ToString("0.000000", CultureInfo.InvariantCulture);
            location = Streets[random.Next(Streets.Length)];
            code = $"{crime.CodePrefix}{(StableNumber(crime.Authority) % 3000 * 100) + lsoa:000000}";
            name = $"{crime.Authority} {lsoa:000}{(char)('A' + random.Next(5))}";
        }

        var outcome = asb ? string.Empty : Outcomes[random.Next(Outcomes.Length)];
        writer.Write(string.Join(',', id, month, force, force, longitude, latitude, Quote(location), code, Quote(name), crime.CrimeType, Quote(outcome), string.Empty));
        writer.Write('\n');
    }

    /// <summary>A number from a name that is the same in every process (string hash codes are not).</summary>
    private static int StableNumber(string text) => text.Aggregate(17, (hash, c) => unchecked((hash * 31) + c)) & int.MaxValue;

    /// <summary>Broken lines of the kinds real files and careless edits produce.</summary>
    private static string Malformed(int n, string month, string force) => (n % 4) switch
    {
        0 => "this line is not a crime",
        1 => $",{month},{force},{force},-0.1,51.5,On or near Nowhere,E01000001,Haringey 001A,Dragon theft,,",
        2 => $",{month},{force},{force},-0.1,51.5",
        _ => $",not-a-month,{force},{force},-0.1,51.5,On or near Nowhere,E01000001,Haringey 001A,Burglary,,",
    };

    /// <summary>Quotes a field the way the published files do when it holds a comma or a quote.</summary>
    private static string Quote(string field) =>
        field.Contains(',', StringComparison.Ordinal) || field.Contains('"', StringComparison.Ordinal) ? $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : field;
}
