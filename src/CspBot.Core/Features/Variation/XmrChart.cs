namespace CspBot.Core.Features.Variation;

/// <summary>One point of a chart: its period ("2025-26-Q3", or a month "2025-09") and its value.</summary>
public sealed record ChartPoint(string Period, double Value);

/// <summary>
/// An XmR (individuals and moving range) chart as NHS England's Making Data Count draws it: the mean of the points, the
/// mean moving range, process limits at mean ± 2.66 × MR and the near-limit band at two thirds of that. No screening
/// of large moving ranges. Fewer than <see cref="MinimumPoints"/> points have no limits; fewer than
/// <see cref="SettledPoints"/> have trial limits.
/// </summary>
public sealed record XmrChart(IReadOnlyList<ChartPoint> Points, double? Mean, double? MeanMovingRange, double? Lower, double? Upper, double? NearLower, double? NearUpper)
{
    public const int MinimumPoints = 6;

    public const int SettledPoints = 12;

    /// <summary>3 ÷ d₂ (d₂ = 1.128 for ranges of two points).</summary>
    public const double Scaling = 2.66;

    /// <summary>The near-limit band's share of the distance from the mean to a limit.</summary>
    public const double NearShare = 2.0 / 3.0;

    public bool HasLimits => Mean is not null;

    /// <summary>Limits from 6 to 11 points: shown, but as trial limits.</summary>
    public bool Trial => HasLimits && Points.Count < SettledPoints;

    public ChartPoint? Latest => Points.Count > 0 ? Points[^1] : null;

    /// <summary>
    /// The chart of <paramref name="points"/> in period order: the points of the current segment (all of them until a
    /// chart may be rebased; a rebase passes the points from its period on).
    /// </summary>
    public static XmrChart From(IReadOnlyList<ChartPoint> points)
    {
        if (points.Count < MinimumPoints)
        {
            return new XmrChart(points, null, null, null, null, null, null);
        }

        var mean = points.Average(p => p.Value);
        var movingRange = MeanOfMovingRanges(points.Select(p => p.Value).ToList());
        var reach = Scaling * movingRange;
        return new XmrChart(points, mean, movingRange, mean - reach, mean + reach, mean - (NearShare * reach), mean + (NearShare * reach));
    }

    /// <summary>The mean of |xᵢ − xᵢ₋₁| over consecutive points.</summary>
    public static double MeanOfMovingRanges(IReadOnlyList<double> values) =>
        values.Count < 2 ? 0 : Enumerable.Range(1, values.Count - 1).Average(i => Math.Abs(values[i] - values[i - 1]));
}
