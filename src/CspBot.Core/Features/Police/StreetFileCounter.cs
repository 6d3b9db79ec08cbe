using System.Text;
using CspBot.Core.Features.Localisation;

namespace CspBot.Core.Features.Police;

/// <summary>A line of a street file that could not be counted, by its line number.</summary>
public sealed record MalformedLine(int Line, string Problem);

/// <summary>What one street file held: its month and force, how many rows were counted, and the lines that were not.</summary>
public sealed record CountedFile(string FileName, string Month, string Force, int Rows, int NoLocation, int Malformed, IReadOnlyList<MalformedLine> Examples);

/// <summary>
/// Counts one force's monthly street-level CSV as it is read, line by line, never holding the file: crimes per local
/// authority and crime type (and per LSOA for the codes asked for). A line that does not fit the published format is
/// counted as malformed with its line number, never silently dropped; a file whose header is not the published one is
/// refused before anything is counted. Lines are read in bounded memory: a line longer than
/// <see cref="PoliceLimits.MaxLineLength"/> is malformed and never held whole, and a header longer than
/// <see cref="PoliceLimits.MaxHeaderLength"/> refuses the file.
/// </summary>
public sealed class StreetFileCounter(IReadOnlySet<string> lsoaCodes, PoliceLimits? limits = null)
{
    private readonly PoliceLimits limits = limits ?? new PoliceLimits();

    /// <summary>How many malformed lines a file's answer lists (all are counted).</summary>
    public const int ExamplesKept = 20;

    /// <summary>Counts by (month, force, place, is LSOA, crime type), over every file counted so far.</summary>
    public Dictionary<(string Month, string Force, string Place, bool IsLsoa, string CrimeType), int> Counts { get; } = [];

    /// <summary>Counts the file, or returns why it is not a street-level file (and counts nothing of it).</summary>
    public async Task<(CountedFile? File, string? Refusal)> CountAsync(string fileName, TextReader reader, CancellationToken cancellationToken)
    {
        var lines = new BoundedLines(reader);
        var (header, headerTooLong) = await lines.ReadAsync(limits.MaxHeaderLength, cancellationToken);
        if (headerTooLong)
        {
            return (null, Terms.Format(PoliceText.LongHeader, limits.MaxHeaderLength, PoliceLimits.Setting(nameof(PoliceLimits.MaxHeaderLength))));
        }

        if (header is null)
        {
            return (null, PoliceText.Empty);
        }

        var columns = Fields(header.TrimStart('\uFEFF'));
        if (columns is null || !columns.SequenceEqual(PoliceData.StreetHeader, StringComparer.Ordinal))
        {
            return (null, Terms.Format(PoliceText.NotStreetHeader, string.Join(',', PoliceData.StreetHeader)));
        }

        var local = new Dictionary<(string, string, string, bool, string), int>();
        var examples = new List<MalformedLine>();
        string? month = null, force = null;
        int rows = 0, malformed = 0, noLocation = 0, line = 1;
        void Bad(int at, string problem)
        {
            malformed++;
            if (examples.Count < ExamplesKept)
            {
                examples.Add(new MalformedLine(at, problem));
            }
        }

        var tooLong = Terms.Format(PoliceText.LineTooLong, limits.MaxLineLength, PoliceLimits.Setting(nameof(PoliceLimits.MaxLineLength)));
        while (await lines.ReadAsync(limits.MaxLineLength, cancellationToken) is (var text, var longLine) && (text is not null || longLine))
        {
            var at = ++line;
            if (longLine)
            {
                Bad(at, tooLong);
                continue;
            }

            var fields = Fields(text!);

            // A quoted field may hold a line break: read on until its quotes close (each line bounded, five at most).
            var joined = 0;
            var broken = false;
            while (fields is null && joined++ < 5 && await lines.ReadAsync(limits.MaxLineLength, cancellationToken) is (var more, var longMore) && (more is not null || longMore))
            {
                line++;
                if (longMore)
                {
                    broken = true;
                    break;
                }

                text += "\n" + more;
                fields = Fields(text);
            }

            if (broken)
            {
                Bad(at, tooLong);
                continue;
            }

            if (fields is null)
            {
                Bad(at, PoliceText.UnclosedQuote);
                continue;
            }

            if (fields.Count == 1 && fields[0].Length == 0)
            {
                continue; // a blank line (the files end with one)
            }

            if (fields.Count != PoliceData.StreetHeader.Count)
            {
                Bad(at, Terms.Format(PoliceText.FieldCount, fields.Count, PoliceData.StreetHeader.Count));
                continue;
            }

            var rowMonth = fields[PoliceData.MonthColumn];
            var crimeType = fields[PoliceData.CrimeTypeColumn];
            var rowForce = fields[PoliceData.FallsWithinColumn];
            if (!PoliceData.IsMonth(rowMonth))
            {
                Bad(at, Terms.Format(PoliceText.NotMonth, Shown(rowMonth)));
                continue;
            }

            if (!PoliceData.CrimeTypes.Contains(crimeType))
            {
                Bad(at, Terms.Format(PoliceText.NotCrimeType, Shown(crimeType)));
                continue;
            }

            if (rowForce.Length == 0)
            {
                Bad(at, PoliceText.NoForce);
                continue;
            }

            month ??= rowMonth;
            force ??= rowForce;
            if (rowMonth != month || rowForce != force)
            {
                Bad(at, Terms.Format(PoliceText.WrongMonth, rowMonth, rowForce, month, force));
                continue;
            }

            rows++;
            var lsoaName = fields[PoliceData.LsoaNameColumn];
            var authority = lsoaName.Length == 0 ? string.Empty : PoliceData.AuthorityOf(lsoaName);
            if (authority.Length == 0)
            {
                noLocation++;
            }

            Add(local, (month, force, authority, false, crimeType));
            var code = fields[PoliceData.LsoaCodeColumn];
            if (code.Length > 0 && lsoaCodes.Contains(code))
            {
                Add(local, (month, force, code, true, crimeType));
            }
        }

        if (month is null || force is null)
        {
            return (null, malformed > 0 ? Terms.Format(PoliceText.NoCountableRows, malformed, examples[0].Line, examples[0].Problem) : PoliceText.NoRows);
        }

        foreach (var (key, count) in local)
        {
            Counts[key] = Counts.GetValueOrDefault(key) + count;
        }

        return (new CountedFile(fileName, month, force, rows, noLocation, malformed, examples), null);
    }

    /// <summary>
    /// Lines read in chunks, each at most a given length: the rest of a longer line is read and dropped, never held,
    /// so a file of one endless line costs one buffer. Ends at "\n" (a "\r" before it is the field reader's to drop).
    /// </summary>
    private sealed class BoundedLines(TextReader reader)
    {
        private readonly char[] buffer = new char[16 * 1024];
        private readonly StringBuilder text = new(256);
        private int start;
        private int end;

        /// <summary>The next line (null at the end), or TooLong when it had more than <paramref name="max"/> characters.</summary>
        public async ValueTask<(string? Text, bool TooLong)> ReadAsync(int max, CancellationToken cancellationToken)
        {
            text.Clear();
            var tooLong = false;
            var any = false;
            while (true)
            {
                if (start == end)
                {
                    start = 0;
                    end = await reader.ReadAsync(buffer.AsMemory(), cancellationToken);
                    if (end == 0)
                    {
                        return tooLong ? (null, true) : any ? (text.ToString(), false) : (null, false);
                    }
                }

                any = true;
                var chunk = buffer.AsSpan(start, end - start);
                var newline = chunk.IndexOf('\n');
                var part = newline < 0 ? chunk : chunk[..newline];
                if (!tooLong)
                {
                    if (text.Length + part.Length > max)
                    {
                        tooLong = true;
                        text.Clear();
                    }
                    else
                    {
                        text.Append(part);
                    }
                }

                if (newline >= 0)
                {
                    start += newline + 1;
                    return tooLong ? (null, true) : (text.ToString(), false);
                }

                start = end;
            }
        }
    }

    private static void Add(Dictionary<(string, string, string, bool, string), int> counts, (string, string, string, bool, string) key) =>
        counts[key] = counts.GetValueOrDefault(key) + 1;

    private static string Shown(string text) => text.Length > 40 ? text[..40] + "…" : text;

    private readonly List<string> record = new(16);
    private readonly StringBuilder value = new(64);

    /// <summary>
    /// The fields of one CSV record (RFC 4180 quoting), or null when a quote is still open at its end. The list is
    /// reused for the next record: half a million rows should not cost half a million lists.
    /// </summary>
    private List<string>? Fields(string text)
    {
        record.Clear();
        value.Clear();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        value.Append('"');
                        i++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    value.Append(c);
                }
            }
            else if (c == '"' && value.Length == 0)
            {
                quoted = true;
            }
            else if (c == ',')
            {
                record.Add(value.ToString());
                value.Clear();
            }
            else if (c != '\r')
            {
                value.Append(c);
            }
        }

        if (quoted)
        {
            return null;
        }

        record.Add(value.ToString());
        return record;
    }
}
