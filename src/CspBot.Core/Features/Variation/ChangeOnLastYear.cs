using System.Text.RegularExpressions;

namespace CspBot.Core.Features.Variation;

public enum ChangeSignificance
{
    /// <summary>|z| ≥ 3.</summary>
    Significant,

    /// <summary>2 ≤ |z| &lt; 3.</summary>
    Possible,

    /// <summary>|z| &lt; 2.</summary>
    None,

    /// <summary>A percentage or rate, or a figure missing on either side.</summary>
    NotTested,
}

/// <summary>
/// Is this quarter's change on the same quarter last year real? For counts, z = 2(√x − √y), which is close to a standard
/// normal deviate when both are Poisson counts; percentages and rates are not tested.
/// </summary>
public sealed partial record ChangeOnLastYear(double? Current, double? LastYear, double? Z, ChangeSignificance Significance)
{
    public const double SignificantZ = 3;

    public const double PossibleZ = 2;

    public static ChangeOnLastYear Of(double? current, double? lastYear, string unit)
    {
        if (!IsCount(unit) || current is not { } x || lastYear is not { } y || x < 0 || y < 0)
        {
            return new ChangeOnLastYear(current, lastYear, null, ChangeSignificance.NotTested);
        }

        var z = 2 * (Math.Sqrt(x) - Math.Sqrt(y));
        return new ChangeOnLastYear(current, lastYear, z, SignificanceOf(z));
    }

    public static ChangeSignificance SignificanceOf(double z) =>
        Math.Abs(z) >= SignificantZ ? ChangeSignificance.Significant
        : Math.Abs(z) >= PossibleZ ? ChangeSignificance.Possible
        : ChangeSignificance.None;

    /// <summary>A count is every unit but a percentage ("%" anywhere) or a rate ("rate" or "per" as a whole word).</summary>
    public static bool IsCount(string unit) => !unit.Contains('%', StringComparison.Ordinal) && !RateWord().IsMatch(unit);

    [GeneratedRegex(@"\b(rates?|per)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RateWord();
}
