using System.Globalization;

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

    private static string Number(double value) => value.ToString("#,##0.##", CultureInfo.GetCultureInfo("en-GB"));
}
