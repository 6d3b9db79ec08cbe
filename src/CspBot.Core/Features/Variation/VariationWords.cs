using CspBot.Core.Scheduling;

namespace CspBot.Core.Features.Variation;

/// <summary>
/// The judgements in the partnership's words, one short phrase each, for every card and page that shows them: never a
/// colour or an icon alone.
/// </summary>
public static class VariationWords
{
    /// <summary>Concern, improvement or neutral: the latest point is flagged by a special-cause rule.</summary>
    public static bool IsSpecialCause(VariationType variation) =>
        variation is VariationType.Concern or VariationType.Improvement or VariationType.Neutral;

    /// <summary>"special cause concern", "common cause", "not enough data yet" …</summary>
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
    public static string? Change(ChangeOnLastYear change) => change.Significance switch
    {
        ChangeSignificance.Significant => "significant change on last year",
        ChangeSignificance.Possible => "possibly significant change on last year",
        ChangeSignificance.None => "no significant change on last year",
        _ => null,
    };

    /// <summary>"significant", "possibly significant", "not significant"; null when not tested.</summary>
    public static string? Significance(ChangeOnLastYear change) => change.Significance switch
    {
        ChangeSignificance.Significant => "significant",
        ChangeSignificance.Possible => "possibly significant",
        ChangeSignificance.None => "not significant",
        _ => null,
    };

    /// <summary>"128.5 to 173.3 (trial limits, 8 quarters)": the process limits, where the chart has them.</summary>
    public static string? Limits(IndicatorSpcResult result) => result.Chart is { Lower: { } lower, Upper: { } upper } chart
        ? $"{Math.Round(lower, 1).ToString(PartnershipTime.British)} to {Math.Round(upper, 1).ToString(PartnershipTime.British)} ({(chart.Trial ? "trial limits, " : string.Empty)}{chart.Points.Count} quarters)"
        : null;

    /// <summary>"beyond a limit, high; run of 7 on one side of the mean, high": the rules that flag a point, in words; empty for common cause.</summary>
    public static string Rules(FlaggedPoint point)
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
        Change(result.Change) is { } change ? $"{Variation(result)}; {change}" : Variation(result);
}
