namespace CspBot.Core.Features.Variation;

/// <summary>The special-cause rules a point may be flagged by.</summary>
[Flags]
public enum SpecialCause
{
    None = 0,

    /// <summary>Beyond a process limit (strictly).</summary>
    Limit = 1,

    /// <summary>One of 7 or more consecutive points strictly on one side of the mean.</summary>
    Run = 2,

    /// <summary>One of 7 or more consecutive points each strictly higher (or lower) than the one before.</summary>
    Trend = 4,

    /// <summary>Beyond the near-limit band, with another of the same three consecutive points beyond it on the same side.</summary>
    TwoOfThree = 8,
}

/// <summary>Which way a flagged point departs from common cause: up, down, or (by different rules) both.</summary>
[Flags]
public enum Side
{
    None = 0,
    High = 1,
    Low = 2,
}

/// <summary>A point with the rules that flag it and the way they point.</summary>
public sealed record FlaggedPoint(ChartPoint Point, SpecialCause Rules, Side Side)
{
    public bool Flagged => Rules != SpecialCause.None;
}

/// <summary>
/// Making Data Count's four special-cause rules, one function each. Each answers, point by point, the side a pattern
/// flags it on (<see cref="Side.None"/> when it is not part of one); every point of a pattern is flagged.
/// </summary>
public static class SpecialCauseRules
{
    public const int RunLength = 7;

    public const int TrendLength = 7;

    /// <summary>Every point of the chart with every rule that flags it; no flags where the chart has no limits.</summary>
    public static IReadOnlyList<FlaggedPoint> Flag(XmrChart chart)
    {
        var values = chart.Points.Select(p => p.Value).ToList();
        if (!chart.HasLimits)
        {
            return [.. chart.Points.Select(p => new FlaggedPoint(p, SpecialCause.None, Side.None))];
        }

        var rules = new (SpecialCause Rule, IReadOnlyList<Side> Sides)[]
        {
            (SpecialCause.Limit, Limit(values, chart.Lower!.Value, chart.Upper!.Value)),
            (SpecialCause.Run, Run(values, chart.Mean!.Value)),
            (SpecialCause.Trend, Trend(values)),
            (SpecialCause.TwoOfThree, TwoOfThree(values, chart.NearLower!.Value, chart.NearUpper!.Value)),
        };
        return [.. chart.Points.Select((p, i) => new FlaggedPoint(
            p,
            rules.Where(r => r.Sides[i] != Side.None).Aggregate(SpecialCause.None, (all, r) => all | r.Rule),
            rules.Aggregate(Side.None, (all, r) => all | r.Sides[i])))];
    }

    /// <summary>A point strictly above the upper limit (High) or strictly below the lower (Low).</summary>
    public static IReadOnlyList<Side> Limit(IReadOnlyList<double> values, double lower, double upper) =>
        [.. values.Select(v => v > upper ? Side.High : v < lower ? Side.Low : Side.None)];

    /// <summary>Runs of <see cref="RunLength"/> or more points strictly above (or below) the mean; a point on the mean breaks a run.</summary>
    public static IReadOnlyList<Side> Run(IReadOnlyList<double> values, double mean) =>
        Streaks(values.Select(v => v > mean ? Side.High : v < mean ? Side.Low : Side.None).ToList(), RunLength);

    /// <summary>
    /// Trends of <see cref="TrendLength"/> or more points each strictly higher (or lower) than the point before: six
    /// increases in a row. An equal value breaks a trend; the first point of a trend is flagged with it.
    /// </summary>
    public static IReadOnlyList<Side> Trend(IReadOnlyList<double> values)
    {
        // Each step's direction belongs to the point it arrives at; a streak of n − 1 steps covers n points.
        var steps = values.Select((v, i) => i == 0 ? Side.None : v > values[i - 1] ? Side.High : v < values[i - 1] ? Side.Low : Side.None).ToList();
        var flags = Streaks(steps, TrendLength - 1).ToArray();
        for (var i = 1; i < flags.Length; i++)
        {
            if (flags[i] != Side.None && (i == 1 || steps[i - 1] != steps[i]))
            {
                flags[i - 1] |= flags[i];
            }
        }

        return flags;
    }

    /// <summary>
    /// Two (or three) of three consecutive points strictly beyond the near-limit band on the same side: those points are
    /// flagged (points beyond the limit count too, as in the 2023 revision); the third point of the window may lie anywhere.
    /// </summary>
    public static IReadOnlyList<Side> TwoOfThree(IReadOnlyList<double> values, double nearLower, double nearUpper)
    {
        var flags = new Side[values.Count];
        foreach (var (side, beyond) in new[] { (Side.High, (Func<double, bool>)(v => v > nearUpper)), (Side.Low, v => v < nearLower) })
        {
            for (var start = 0; start + 3 <= values.Count; start++)
            {
                var window = Enumerable.Range(start, 3).Where(i => beyond(values[i])).ToList();
                if (window.Count >= 2)
                {
                    window.ForEach(i => flags[i] |= side);
                }
            }
        }

        return flags;
    }

    /// <summary>Each maximal streak of one side at least <paramref name="length"/> long, flagged with that side.</summary>
    private static IReadOnlyList<Side> Streaks(IReadOnlyList<Side> sides, int length)
    {
        var flags = new Side[sides.Count];
        var start = 0;
        for (var i = 1; i <= sides.Count; i++)
        {
            if (i < sides.Count && sides[i] == sides[start])
            {
                continue;
            }

            if (sides[start] != Side.None && i - start >= length)
            {
                for (var j = start; j < i; j++)
                {
                    flags[j] = sides[start];
                }
            }

            start = i;
        }

        return flags;
    }
}
