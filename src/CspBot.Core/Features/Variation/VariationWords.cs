using CspBot.Core.Features.Localisation;

namespace CspBot.Core.Features.Variation;

/// <summary>
/// A judged chart in words, for people who read rather than look: the variation and assurance as a word and a letter
/// (never a colour alone), the latest point's special-cause rules ("7 quarters in a row above the average") and the
/// change on last year with its significance. The paper and any other reader use these, so one chart reads the same
/// everywhere; in the language now (VariationText.resx, .cy.resx).
/// </summary>
public static class VariationWords
{
    /// <summary>"Concern (C)", "Improvement (I)", "Common cause (CC)", "Special cause (S)", "Too few points (–)".</summary>
    public static string Label(VariationType variation) => variation switch
    {
        VariationType.Common => VariationText.LabelCommon,
        VariationType.Concern => VariationText.LabelConcern,
        VariationType.Improvement => VariationText.LabelImprovement,
        VariationType.Neutral => VariationText.LabelNeutral,
        _ => VariationText.LabelTooFew,
    };

    /// <summary>"Pass (P)", "Fail (F)", "Hit and miss (H)", "Not assessed (–)" (no limits or no better direction).</summary>
    public static string Label(AssuranceType? assurance) => assurance switch
    {
        AssuranceType.Pass => VariationText.LabelPass,
        AssuranceType.Fail => VariationText.LabelFail,
        AssuranceType.HitAndMiss => VariationText.LabelHitAndMiss,
        _ => VariationText.LabelNotAssessed,
    };

    /// <summary>
    /// The latest point in a sentence: "common cause variation: no significant change on last year (25 → 29)",
    /// "special cause concern: 7 quarters in a row above the average", "too few quarters for process limits (5 of 6)".
    /// </summary>
    public static string Phrase(IndicatorSpcResult result)
    {
        var months = result.Grain == SpcGrain.Month;
        return result.Variation switch
        {
            VariationType.Common => Terms.Format(VariationText.PhraseCommon, Change(result.Change)),
            VariationType.Concern => Terms.Format(VariationText.PhraseConcern, Rules(result.Chart, result.Points, months)),
            VariationType.Improvement => Terms.Format(VariationText.PhraseImprovement, Rules(result.Chart, result.Points, months)),
            VariationType.Neutral => Terms.Format(VariationText.PhraseNeutral, Rules(result.Chart, result.Points, months)),
            _ => result.Chart.HasLimits
                ? Terms.Format(VariationText.PhraseNoFigure, Terms.Period(result.Period), Change(result.Change))
                : Terms.Format(months ? VariationText.PhraseTooFewMonths : VariationText.PhraseTooFewQuarters, result.Chart.Points.Count, XmrChart.MinimumPoints, Change(result.Change)),
        };
    }

    /// <summary>
    /// What flags the latest point, each rule in words, joined by "and": "beyond the upper process limit", "7 quarters in a
    /// row above the average", "6 quarters rising in a row", "two of the last three quarters near the upper limit".
    /// </summary>
    public static string Rules(XmrChart chart, IReadOnlyList<FlaggedPoint> points, bool months = false)
    {
        if (points.Count == 0 || !points[^1].Flagged || chart is not { Mean: { } mean, Upper: { } upper, NearUpper: { } nearUpper })
        {
            return VariationText.NoRule;
        }

        var latest = points[^1];
        var values = points.Select(p => p.Point.Value).ToList();
        var value = values[^1];
        var words = new List<string>();
        if (latest.Rules.HasFlag(SpecialCause.Limit))
        {
            words.Add(value > upper ? VariationText.BeyondUpper : VariationText.BeyondLower);
        }

        if (latest.Rules.HasFlag(SpecialCause.Run))
        {
            var above = value > mean;
            var run = values.AsEnumerable().Reverse().TakeWhile(v => above ? v > mean : v < mean).Count();
            words.Add(Terms.Format((above, months) switch
            {
                (true, false) => VariationText.RunAboveQuarters,
                (false, false) => VariationText.RunBelowQuarters,
                (true, true) => VariationText.RunAboveMonths,
                _ => VariationText.RunBelowMonths,
            }, run));
        }

        if (latest.Rules.HasFlag(SpecialCause.Trend))
        {
            var rising = values.Count > 1 && value > values[^2];
            var steps = Enumerable.Range(1, values.Count - 1).Reverse().TakeWhile(i => rising ? values[i] > values[i - 1] : values[i] < values[i - 1]).Count();
            words.Add(Terms.Format((rising, months) switch
            {
                (true, false) => VariationText.RisingQuarters,
                (false, false) => VariationText.FallingQuarters,
                (true, true) => VariationText.RisingMonths,
                _ => VariationText.FallingMonths,
            }, steps + 1));
        }

        if (latest.Rules.HasFlag(SpecialCause.TwoOfThree))
        {
            var high = value > nearUpper;
            words.Add((high, months) switch
            {
                (true, false) => VariationText.NearUpperQuarters,
                (false, false) => VariationText.NearLowerQuarters,
                (true, true) => VariationText.NearUpperMonths,
                _ => VariationText.NearLowerMonths,
            });
        }

        return string.Join(VariationText.And, words);
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
            return VariationText.NoLastYear;
        }

        var (significant, possible) = now > before
            ? (VariationText.SignificantRise, VariationText.PossibleRise)
            : now < before ? (VariationText.SignificantFall, VariationText.PossibleFall) : (VariationText.SignificantChange, VariationText.PossibleChange);
        var sentence = change.Significance switch
        {
            ChangeSignificance.Significant => significant,
            ChangeSignificance.Possible => possible,
            ChangeSignificance.None => VariationText.NoSignificantChange,
            _ => VariationText.NotTestedChange,
        };
        return Terms.Format(sentence, Number(before), Number(now));
    }

    /// <summary>How significant the change is, to follow a direction of travel: "significant", "possibly significant", "not significant", "not tested".</summary>
    public static string Significance(ChangeOnLastYear change) => change.Significance switch
    {
        ChangeSignificance.Significant => VariationText.Significant,
        ChangeSignificance.Possible => VariationText.PossiblySignificant,
        ChangeSignificance.None => VariationText.NotSignificant,
        _ => VariationText.NotTested,
    };

    /// <summary>Concern, improvement or neutral: the latest point is flagged by a special-cause rule.</summary>
    public static bool IsSpecialCause(VariationType variation) =>
        variation is VariationType.Concern or VariationType.Improvement or VariationType.Neutral;

    /// <summary>"special cause concern", "common cause", "not enough data yet" … (the scorecard, the form, the Dashboard).</summary>
    public static string Variation(IndicatorSpcResult result) => result.Variation switch
    {
        VariationType.Concern or VariationType.Improvement or VariationType.Neutral => SpecialCauseName(result.Variation),
        VariationType.Common => VariationText.CommonCause,
        _ when result.Chart.HasLimits => VariationText.NoFigureYet,
        _ => VariationText.NotEnoughData,
    };

    /// <summary>A special cause in words: "special cause concern", "… improvement", "special cause (neither direction is better)".</summary>
    public static string SpecialCauseName(VariationType variation) => variation switch
    {
        VariationType.Concern => VariationText.SpecialConcern,
        VariationType.Improvement => VariationText.SpecialImprovement,
        _ => VariationText.SpecialNeutral,
    };

    /// <summary>"consistently meets the target", "consistently misses the target", "hit and miss against the target"; null without assurance.</summary>
    public static string? Assurance(AssuranceType? assurance) => assurance switch
    {
        AssuranceType.Pass => VariationText.MeetsTarget,
        AssuranceType.Fail => VariationText.MissesTarget,
        AssuranceType.HitAndMiss => VariationText.HitAndMiss,
        _ => null,
    };

    /// <summary>"significant change on last year", "possibly significant …", "no significant …"; null when not tested (rates, percentages, a figure missing).</summary>
    public static string? TestedChange(ChangeOnLastYear change) => change.Significance switch
    {
        ChangeSignificance.Significant => VariationText.TestedSignificant,
        ChangeSignificance.Possible => VariationText.TestedPossible,
        ChangeSignificance.None => VariationText.TestedNone,
        _ => null,
    };

    /// <summary>"128.5 to 173.3 (trial limits, 8 quarters)": the process limits, where the chart has them.</summary>
    public static string? Limits(IndicatorSpcResult result) => result.Chart is { Lower: { } lower, Upper: { } upper } chart
        ? Terms.Format(chart.Trial ? VariationText.LimitsTrial : VariationText.LimitsProcess, Math.Round(lower, 1).ToString(Words.Formatting), Math.Round(upper, 1).ToString(Words.Formatting), chart.Points.Count)
        : null;

    /// <summary>"beyond a limit, high; run of 7 on one side of the mean, high": the rules that flag one point, in words; empty for common cause.</summary>
    public static string PointRules(FlaggedPoint point)
    {
        var side = point.Side switch
        {
            Side.High => VariationText.SideHigh,
            Side.Low => VariationText.SideLow,
            Side.None => string.Empty,
            _ => VariationText.SideBoth,
        };
        var rules = new (SpecialCause Rule, string Words)[]
        {
            (SpecialCause.Limit, VariationText.PointLimit),
            (SpecialCause.Run, VariationText.PointRun),
            (SpecialCause.Trend, VariationText.PointTrend),
            (SpecialCause.TwoOfThree, VariationText.PointTwoOfThree),
        };
        var named = rules.Where(r => point.Rules.HasFlag(r.Rule) && r.Rule != SpecialCause.None).Select(r => r.Words).ToList();
        return named.Count == 0 ? string.Empty : Terms.Format(VariationText.PointRulesSide, string.Join(", ", named), side);
    }

    /// <summary>
    /// The rules that flag a point by their short names, as the paper's SPC tables and alt text give them: in English the
    /// API's codes ("run, trend"), in Welsh their Welsh names.
    /// </summary>
    public static string RuleCodes(SpecialCause rules) => Words.Current == Domain.Language.Welsh
        ? string.Join(", ", Enum.GetValues<SpecialCause>().Where(r => r != SpecialCause.None && rules.HasFlag(r)).Select(r => VariationText.ResourceManager.GetString("Rule" + r, Words.WelshText) ?? r.ToString()))
        : string.Join(", ", VariationEndpoints.RuleNames(rules));

    /// <summary>The variation, then the change on last year when it was tested: "special cause concern; significant change on last year".</summary>
    public static string Short(IndicatorSpcResult result) =>
        TestedChange(result.Change) is { } change ? Terms.Format(VariationText.ShortWithChange, Variation(result), change) : Variation(result);

    private static string Number(double value) => value.ToString("#,##0.##", Words.Formatting);
}
