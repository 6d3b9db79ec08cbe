using System.Text.RegularExpressions;

namespace CspBot.Core.Features.Police;

/// <summary>
/// The published shape of data.police.uk's street-level crime files (Open Government Licence v3.0): their header, the
/// crime types, and how an LSOA name names its local authority ("Haringey 001A").
/// </summary>
public static partial class PoliceData
{
    /// <summary>The header of every <c>*-street.csv</c>, in order.</summary>
    public static readonly IReadOnlyList<string> StreetHeader =
        ["Crime ID", "Month", "Reported by", "Falls within", "Longitude", "Latitude", "Location", "LSOA code", "LSOA name", "Crime type", "Last outcome category", "Context"];

    public const int MonthColumn = 1;
    public const int FallsWithinColumn = 3;
    public const int LsoaCodeColumn = 7;
    public const int LsoaNameColumn = 8;
    public const int CrimeTypeColumn = 9;

    /// <summary>The crime types the files use.</summary>
    public static readonly IReadOnlyList<string> CrimeTypes =
    [
        "Anti-social behaviour", "Bicycle theft", "Burglary", "Criminal damage and arson", "Drugs", "Other crime", "Other theft",
        "Possession of weapons", "Public order", "Robbery", "Shoplifting", "Theft from the person", "Vehicle crime", "Violence and sexual offences",
    ];

    /// <summary>The 32 London boroughs and the City of London: the "London" comparison.</summary>
    public static readonly IReadOnlyList<string> London =
    [
        "Barking and Dagenham", "Barnet", "Bexley", "Brent", "Bromley", "Camden", "City of London", "Croydon", "Ealing", "Enfield",
        "Greenwich", "Hackney", "Hammersmith and Fulham", "Haringey", "Harrow", "Havering", "Hillingdon", "Hounslow", "Islington",
        "Kensington and Chelsea", "Kingston upon Thames", "Lambeth", "Lewisham", "Merton", "Newham", "Redbridge", "Richmond upon Thames",
        "Southwark", "Sutton", "Tower Hamlets", "Waltham Forest", "Wandsworth", "Westminster",
    ];

    /// <summary>The comparison areas an indicator may name.</summary>
    public const string LondonComparison = "London";

    public const string ForceComparison = "force";

    /// <summary>Attribution the Open Government Licence asks for, printed wherever the figures are shown (in the language now).</summary>
    public static string Attribution => PoliceText.Attribution;

    /// <summary>What a counted figure says beside it (in the language now).</summary>
    public static string SourceLabel => PoliceText.SourceLabel;

    /// <summary>
    /// The local authority of an LSOA name: the name without its trailing LSOA suffix ("Haringey 001A" → "Haringey",
    /// "Rhondda Cynon Taf 012B" → "Rhondda Cynon Taf"); a name without the suffix is the authority itself.
    /// </summary>
    public static string AuthorityOf(string lsoaName)
    {
        var trimmed = lsoaName.Trim();
        var match = LsoaSuffix().Match(trimmed);
        return match.Success ? trimmed[..match.Index] : trimmed;
    }

    /// <summary>An LSOA (or Welsh LSOA) code: E01 or W01 and six digits.</summary>
    public static bool IsLsoaCode(string text) => LsoaCode().IsMatch(text);

    /// <summary>A month as the files write it ("2025-09").</summary>
    public static bool IsMonth(string text) => MonthPattern().IsMatch(text);

    /// <summary>The three months of a period, as the files write them ("2025-07", "2025-08", "2025-09").</summary>
    public static IReadOnlyList<string> MonthsOf(Domain.ReportingPeriod period)
    {
        var first = period.FirstDay;
        return [.. Enumerable.Range(0, 3).Select(i => first.AddMonths(i).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture))];
    }

    /// <summary>";"-separated text as its trimmed, non-empty parts.</summary>
    public static IReadOnlyList<string> List(string? text) =>
        [.. (text ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    [GeneratedRegex(@"\s+\d{3}[A-Z]$")]
    private static partial Regex LsoaSuffix();

    [GeneratedRegex(@"^[EW]01\d{6}$")]
    private static partial Regex LsoaCode();

    [GeneratedRegex(@"^(19|20)\d\d-(0[1-9]|1[0-2])$")]
    private static partial Regex MonthPattern();
}
