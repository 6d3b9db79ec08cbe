using System.Globalization;
using CspBot.Core.Scheduling;

namespace CspBot.Core.Features.Variation;

/// <summary>
/// A judged chart in words, for people who read rather than look: the variation and assurance as a word and a letter
/// (never a colour alone), the latest point's special-cause rules ("7 quarters in a row above the average") and the
/// change on last year with its significance. The paper and any other reader use these, so one chart reads the same
/// everywhere.
/// </summary>
public static class VariationWords
{
    /// <summary>"Concern (C)", "Improvement (I)", "Common cause (CC)", "Special cause (S)", "Too few points (–)".</summary>
    public static string Label(VariationType variation) => variation switch
    {
        VariationType.Common => "Common cause (CC)",
        VariationType.Concern => "Concern (C)",
        VariationType.Improvement => "Improvement (I)",
        VariationType.Neutral => "Special cause (S)",
        _ => "Too few points (–)",
    };

    /// <summary>"Pass (P)", "Fail (F)", "Hit and miss (H)", "Not assessed (–)" (no limits or no better direction).</summary>
    public static string Label(AssuranceType? assurance) => assurance switch
    {
        AssuranceType.Pass => "Pass (P)",
        AssuranceType.Fail => "Fail (F)",
        AssuranceType.HitAndMiss => "Hit and miss (H)",
        _ => "Not assessed (–)",
    };

    /// <summary>
    /// The latest point in a sentence: "common cause variation: no significant change on last year (25 → 29)",
    /// "special cause concern: 7 quarters in a row above the average", "too few quarters for process limits (5 of 6)".
    /// </summary>
    public static string Phrase(IndicatorSpcResult result)
    {
        var grain = result.Grain == SpcGrain.Month ? "months" : "quarters";
        return result.Variation switch
        {
            VariationType.Common => $"common cause variation: {Change(result.Change)}",
            VariationType.Concern or VariationType.Improvement or VariationType.Neutral =>
                $"special cause {(result.Variation == VariationType.Concern ? "concern" : result.Variation == VariationType.Improvement ? "improvement" : "variation")}: {Rules(result.Chart, result.Points, grain)}",
            _ => result.Chart.HasLimits
                ? $"no figure for {result.Period} to judge; {Change(result.Change)}"
                : $"too few {grain} for process limits ({result.Chart.Points.Count} of {XmrChart.MinimumPoints}); {Change(result.Change)}",
        };
    }

    /// <summary>
    /// What flags the latest point, each rule in words, joined by "and": "beyond the upper process limit", "7 quarters in a
    /// row above the average", "6 quarters rising in a row", "two of the last three quarters near the upper limit".
    /// </summary>
    public static string Rules(XmrChart chart, IReadOnlyList<FlaggedPoint> points, string grain = "quarters")
    {
        if (points.Count == 0 || !points[^1].Flagged || chart is not { Mean: { } mean, Upper: { } upper, NearUpper: { } nearUpper })
        {
            return "no rule flags the latest point";
        }

        var latest = points[^1];
        var values = points.Select(p => p.Point.Value).ToList();
        var value = values[^1];
        var words = new List<string>();
        if (latest.Rules.HasFlag(SpecialCause.Limit))
        {
            words.Add($"beyond the {(value > upper ? "upper" : "lower")} process limit");
        }

        if (latest.Rules.HasFlag(SpecialCause.Run))
        {
            var above = value > mean;
            var run = values.AsEnumerable().Reverse().TakeWhile(v => above ? v > mean : v < mean).Count();
            words.Add($"{run} {grain} in a row {(above ? "above" : "below")} the average");
        }

        if (latest.Rules.HasFlag(SpecialCause.Trend))
        {
            var rising = values.Count > 1 && value > values[^2];
            var steps = Enumerable.Range(1, values.Count - 1).Reverse().TakeWhile(i => rising ? values[i] > values[i - 1] : values[i] < values[i - 1]).Count();
            words.Add($"{steps + 1} {grain} {(rising ? "rising" : "falling")} in a row");
        }

        if (latest.Rules.HasFlag(SpecialCause.TwoOfThree))
        {
            words.Add($"two of the last three {grain} near the {(value > nearUpper ? "upper" : "lower")} limit");
        }

        return string.Join(" and ", words);
    }

    /// <summary>
    /// The change on the same quarter last year with its significance: "no significant change on last year (25 → 29)",
    /// "a significant rise on last year (139 → 200)", "a possibly significant fall …", "change on last year not tested, a
    /// rate or percentage (55 → 60)".
    /// </summary>
    public static string Change(ChangeOnLastYear change)
    {
        if (change is not { Current: { } now, LastYear: { } before })
        {
            return "no figure for the same quarter last year";
        }

        var figures = $"({Number(before)} → {Number(now)})";
        var way = now > before ? "rise" : now < before ? "fall" : "change";
        return change.Significance switch
        {
            ChangeSignificance.Significant => $"a significant {way} on last year {figures}",
            ChangeSignificance.Possible => $"a possibly significant {way} on last year {figures}",
            ChangeSignificance.None => $"no significant change on last year {figures}",
            _ => $"change on last year not tested, a rate or percentage {figures}",
        };
    }

    /// <summary>How significant the change is, to follow a direction of travel: "significant", "possibly significant", "not significant", "not tested".</summary>
    public static string Significance(ChangeOnLastYear change) => change.Significance switch
    {
        ChangeSignificance.Significant => "significant",
        ChangeSignificance.Possible => "possibly significant",
        ChangeSignificance.None => "not significant",
        _ => "not tested",
    };

    /// <summary>Concern, improvement or neutral: the latest point is flagged by a special-cause rule.</summary>
    public static bool IsSpecialCause(VariationType variation) =>
        variation is VariationType.Concern or VariationType.Improvement or VariationType.Neutral;

    /// <summary>"special cause concern", "common cause", "not enough data yet" … (the scorecard, the form, the Dashboard).</summary>
    public static string Variation(IndicatorSpcResult result) => result.Variation switch
    {
        VariationType.Concern => "special cause concern",
        VariationType.Improvement => "special cause improvement",
        VariationType.Neutral => "special cause (neither direction is better)",
        VariationType.Common => "common cause",
        _ when result.Chart.HasLimits => "no figure for the quarter yet",
        _ => "not enough data yet for limits",
    };

    /// <summary>"consistently meets the target", "consistently misses the target", "hit and miss against the target"; null without assurance.</summary>
    public static string? Assurance(AssuranceType? assurance) => assurance switch
    {
        AssuranceType.Pass => "consistently meets the target",
        AssuranceType.Fail => "consistently misses the target",
        AssuranceType.HitAndMiss => "hit and miss against the target",
        _ => null,
    };

    /// <summary>"significant change on last year", "possibly significant …", "no significant …"; null when not tested (rates, percentages, a figure missing).</summary>
    public static string? TestedChange(ChangeOnLastYear change) => change.Significance switch
    {
        ChangeSignificance.Significant => "significant change on last year",
        ChangeSignificance.Possible => "possibly significant change on last year",
        ChangeSignificance.None => "no significant change on last year",
        _ => null,
    };

    /// <summary>"128.5 to 173.3 (trial limits, 8 quarters)": the process limits, where the chart has them.</summary>
    public static string? Limits(IndicatorSpcResult result) => result.Chart is { Lower: { } lower, Upper: { } upper } chart
        ? $"{Math.Round(lower, 1).ToString(PartnershipTime.British)} to {Math.Round(upper, 1).ToString(PartnershipTime.British)} ({(chart.Trial ? "trial limits, " : string.Empty)}{chart.Points.Count} quarters)"
        : null;

    /// <summary>"beyond a limit, high; run of 7 on one side of the mean, high": the rules that flag one point, in words; empty for common cause.</summary>
    public static string PointRules(FlaggedPoint point)
    {
        var side = point.Side switch
        {
            Side.High => "high",
            Side.Low => "low",
            Side.None => string.Empty,
            _ => "high and low",
        };
        var rules = new (SpecialCause Rule, string Words)[]
        {
            (SpecialCause.Limit, "beyond a limit"),
            (SpecialCause.Run, "run of 7 on one side of the mean"),
            (SpecialCause.Trend, "trend of 7 rising or falling"),
            (SpecialCause.TwoOfThree, "two of three near a limit"),
        };
        var named = rules.Where(r => point.Rules.HasFlag(r.Rule) && r.Rule != SpecialCause.None).Select(r => r.Words).ToList();
        return named.Count == 0 ? string.Empty : $"{string.Join(", ", named)} ({side})";
    }

    /// <summary>The variation, then the change on last year when it was tested: "special cause concern; significant change on last year".</summary>
    public static string Short(IndicatorSpcResult result) =>
        TestedChange(result.Change) is { } change ? $"{Variation(result)}; {change}" : Variation(result);

    private static string Number(double value) => value.ToString("#,##0.##", CultureInfo.GetCultureInfo("en-GB"));
}
