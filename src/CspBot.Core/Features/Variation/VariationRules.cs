using CspBot.Core.Domain;

namespace CspBot.Core.Features.Variation;

/// <summary>What the latest point's variation is (Making Data Count's variation icons).</summary>
public enum VariationType
{
    /// <summary>No limits yet (fewer than six points), or no value for the period asked.</summary>
    Insufficient,

    /// <summary>Not flagged by any rule.</summary>
    Common,

    /// <summary>Flagged in the bad direction for the indicator's polarity (or in both directions).</summary>
    Concern,

    /// <summary>Flagged in the good direction only.</summary>
    Improvement,

    /// <summary>Flagged, where the indicator has no better direction.</summary>
    Neutral,
}

/// <summary>Whether the process, as its limits show, will meet the target.</summary>
public enum AssuranceType
{
    /// <summary>Consistently meets: the target lies beyond the limit on the bad side.</summary>
    Pass,

    /// <summary>Consistently misses: the target lies beyond the limit on the good side.</summary>
    Fail,

    /// <summary>The target lies within the limits: sometimes met, sometimes not.</summary>
    HitAndMiss,
}

/// <summary>Variation and assurance, each from the chart alone. A null polarity is an indicator with no better direction (the domain has none yet).</summary>
public static class VariationRules
{
    /// <summary>
    /// The variation of the chart's latest point, which must be the period asked (<paramref name="periodHasValue"/>
    /// false: insufficient). Flagged high with higher-is-better is improvement, low is concern (mirrored for
    /// lower-is-better); flagged both ways is concern; with no polarity a flagged point is neutral.
    /// </summary>
    public static VariationType Latest(XmrChart chart, IReadOnlyList<FlaggedPoint> flagged, Polarity? polarity, bool periodHasValue = true)
    {
        if (!periodHasValue || !chart.HasLimits || flagged.Count == 0)
        {
            return VariationType.Insufficient;
        }

        var side = flagged[^1].Side;
        if (side == Side.None)
        {
            return VariationType.Common;
        }

        if (polarity is not { } better)
        {
            return VariationType.Neutral;
        }

        var good = better == Polarity.HigherIsBetter ? Side.High : Side.Low;
        return side == good ? VariationType.Improvement : VariationType.Concern;
    }

    /// <summary>
    /// The target against the limits (trial limits too): higher is better, a target below the lower limit is
    /// consistently met, above the upper consistently missed, otherwise hit and miss (mirrored when lower is better).
    /// None without limits or without a better direction.
    /// </summary>
    public static AssuranceType? Assurance(XmrChart chart, double target, Polarity? polarity)
    {
        if (chart is not { Lower: { } lower, Upper: { } upper } || polarity is not { } better)
        {
            return null;
        }

        var (passBelow, failAbove) = better == Polarity.HigherIsBetter ? (target < lower, target > upper) : (target > upper, target < lower);
        return passBelow ? AssuranceType.Pass : failAbove ? AssuranceType.Fail : AssuranceType.HitAndMiss;
    }
}
