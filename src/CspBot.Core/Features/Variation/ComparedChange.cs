namespace CspBot.Core.Features.Variation;

/// <summary>
/// Does the local change on last year differ from a comparator's (London or the force without the partnership, or the
/// Most Similar Group) beyond chance? A conditional binomial test on the two pairs of counts: given the local total of
/// the two quarters, this quarter's share of it is binomial, with the share the comparator had if the local change were
/// the comparator's. The comparator's counts are large, so its share is taken as known.
/// </summary>
public sealed record ComparedChange(string With, int LocalNow, int LocalLastYear, int OtherNow, int OtherLastYear, double? P, ChangeSignificance Significance)
{
    /// <summary>Two-sided p for |z| ≥ 3 (2 × (1 − Φ(3)) = 0.0027): significant, as the change on last year.</summary>
    public const double SignificantP = 0.0027;

    /// <summary>Two-sided p for |z| ≥ 2 (2 × (1 − Φ(2)) = 0.0455): possibly significant.</summary>
    public const double PossibleP = 0.0455;

    public static ComparedChange Of(string with, int localNow, int localLastYear, int otherNow, int otherLastYear)
    {
        var n = localNow + localLastYear;
        if (n <= 0 || otherNow <= 0 || otherLastYear <= 0 || localNow < 0 || localLastYear < 0)
        {
            return new ComparedChange(with, localNow, localLastYear, otherNow, otherLastYear, null, ChangeSignificance.NotTested);
        }

        var p = BinomialTwoSided(localNow, n, (double)otherNow / (otherNow + otherLastYear));
        var significance = p < SignificantP ? ChangeSignificance.Significant : p < PossibleP ? ChangeSignificance.Possible : ChangeSignificance.None;
        return new ComparedChange(with, localNow, localLastYear, otherNow, otherLastYear, p, significance);
    }

    /// <summary>
    /// The exact two-sided binomial p of <paramref name="k"/> in <paramref name="n"/> at share <paramref name="share"/>
    /// (0 &lt; share &lt; 1): the probability of every outcome no more likely than the one seen (as R's binom.test).
    /// </summary>
    public static double BinomialTwoSided(int k, int n, double share)
    {
        // Log probabilities, each from the one before, so that thousands of crimes neither overflow nor underflow.
        var logs = new double[n + 1];
        logs[0] = n * Math.Log(1 - share);
        var odds = Math.Log(share / (1 - share));
        for (var i = 0; i < n; i++)
        {
            logs[i + 1] = logs[i] + Math.Log((double)(n - i) / (i + 1)) + odds;
        }

        var seen = logs[k] + Math.Log(1 + 1e-7);
        return Math.Min(1, logs.Where(l => l <= seen).Sum(Math.Exp));
    }
}
