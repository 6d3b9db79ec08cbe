using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace CspBot.Core.Domain;

/// <summary>
/// A quarter of a municipal year (April–March): Q1 Apr–Jun, Q2 Jul–Sep, Q3 Oct–Dec, Q4 Jan–Mar.
/// Written "2025-26 Q3"; canonical id "2025-26-Q3".
/// </summary>
[JsonConverter(typeof(ReportingPeriodJsonConverter))]
public readonly partial record struct ReportingPeriod : IComparable<ReportingPeriod>
{
    /// <summary>The first and last municipal years a period may be written for: anything outside is a typo or an attack.</summary>
    public const int FirstYear = 2000, LastYear = 2099;

    public ReportingPeriod(int startYear, int quarter)
    {
        // Wider than what parses, so that arithmetic on any parsed period (history, next, last year) never throws.
        ArgumentOutOfRangeException.ThrowIfLessThan(startYear, FirstYear - 100);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(startYear, LastYear + 100);
        ArgumentOutOfRangeException.ThrowIfLessThan(quarter, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quarter, 4);
        StartYear = startYear;
        Quarter = quarter;
    }

    /// <summary>The calendar year in which the municipal year starts (2025 for 2025-26).</summary>
    public int StartYear { get; }

    public int Quarter { get; }

    public DateOnly FirstDay => new DateOnly(StartYear, 4, 1).AddMonths((Quarter - 1) * 3);

    public DateOnly LastDay => FirstDay.AddMonths(3).AddDays(-1);

    public string MunicipalYear => $"{StartYear}-{(StartYear + 1) % 100:00}";

    /// <summary>Canonical id, safe in URLs and keys: "2025-26-Q3".</summary>
    public string Id => $"{MunicipalYear}-Q{Quarter}";

    public ReportingPeriod Next => Quarter == 4 ? new(StartYear + 1, 1) : new(StartYear, Quarter + 1);

    public ReportingPeriod Previous => Quarter == 1 ? new(StartYear - 1, 4) : new(StartYear, Quarter - 1);

    /// <summary>The period <paramref name="quarters"/> quarters later (earlier when negative).</summary>
    public ReportingPeriod AddQuarters(int quarters)
    {
        var number = Number + quarters;
        return new ReportingPeriod(Math.DivRem(number, 4, out var quarter), quarter + 1);
    }

    /// <summary>How many quarters <paramref name="later"/> is after this period (negative when before it).</summary>
    public int QuartersUntil(ReportingPeriod later) => later.Number - Number;

    /// <summary>The period and the ones before it, oldest first: the last <paramref name="count"/> quarters ending with this one.</summary>
    public IReadOnlyList<ReportingPeriod> LastQuarters(int count) => [.. Enumerable.Range(1 - count, count).Select(AddQuarters)];

    private int Number => (StartYear * 4) + Quarter - 1;

    /// <summary>The same quarter one municipal year earlier.</summary>
    public ReportingPeriod SamePeriodLastYear => new(StartYear - 1, Quarter);

    public static ReportingPeriod Containing(DateOnly date)
    {
        var startYear = date.Month >= 4 ? date.Year : date.Year - 1;
        var quarter = ((date.Month + 8) % 12 / 3) + 1;
        return new ReportingPeriod(startYear, quarter);
    }

    public bool Contains(DateOnly date) => date >= FirstDay && date <= LastDay;

    public static ReportingPeriod Parse(string text) =>
        TryParse(text, out var period)
            ? period
            : throw new FormatException($"'{text}' is not a reporting period; write it like 2025-26 Q3.");

    /// <summary>
    /// Accepts "2025-26 Q3" and "2025-26-Q3" (case-insensitive, ASCII digits only, years <see cref="FirstYear"/> to
    /// <see cref="LastYear"/>); the second year must follow the first.
    /// </summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out ReportingPeriod period)
    {
        period = default;
        if (text is null)
        {
            return false;
        }

        var match = PeriodPattern().Match(text.Trim());
        if (!match.Success)
        {
            return false;
        }

        var startYear = int.Parse(match.Groups["start"].Value, CultureInfo.InvariantCulture);
        var endYear = int.Parse(match.Groups["end"].Value, CultureInfo.InvariantCulture);
        var quarter = int.Parse(match.Groups["q"].Value, CultureInfo.InvariantCulture);
        if ((startYear + 1) % 100 != endYear || startYear < FirstYear || startYear > LastYear)
        {
            return false;
        }

        period = new ReportingPeriod(startYear, quarter);
        return true;
    }

    public int CompareTo(ReportingPeriod other) =>
        StartYear != other.StartYear ? StartYear.CompareTo(other.StartYear) : Quarter.CompareTo(other.Quarter);

    public static bool operator <(ReportingPeriod left, ReportingPeriod right) => left.CompareTo(right) < 0;

    public static bool operator >(ReportingPeriod left, ReportingPeriod right) => left.CompareTo(right) > 0;

    public static bool operator <=(ReportingPeriod left, ReportingPeriod right) => left.CompareTo(right) <= 0;

    public static bool operator >=(ReportingPeriod left, ReportingPeriod right) => left.CompareTo(right) >= 0;

    /// <summary>Display form: "2025-26 Q3".</summary>
    public override string ToString() => $"{MunicipalYear} Q{Quarter}";

    [GeneratedRegex(@"^(?<start>[0-9]{4})-(?<end>[0-9]{2})[ \-]Q(?<q>[1-4])$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PeriodPattern();
}

/// <summary>Writes a period as its display form ("2025-26 Q3") and reads either form.</summary>
public sealed class ReportingPeriodJsonConverter : JsonConverter<ReportingPeriod>
{
    public override ReportingPeriod Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ReportingPeriod.TryParse(reader.GetString(), out var period) ? period : throw new JsonException("Not a reporting period; write it like 2025-26 Q3.");

    public override void Write(Utf8JsonWriter writer, ReportingPeriod value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}
