using CspBot.Core.Domain;

namespace CspBot.Core.Features.Scorecard;

public enum Rag
{
    Green,
    Amber,
    Red,
}

public enum DirectionOfTravel
{
    Unknown,
    Improving,
    NoChange,
    Worsening,
}

/// <summary>An indicator's computed RAG and direction of travel for one period.</summary>
public sealed record IndicatorAssessment(Rag? Rag, DirectionOfTravel Direction, decimal? Actual, decimal? PreviousYear, decimal? ChangePct)
{
    /// <summary>
    /// PRODUCT.md's rule: Green on or better than target; Amber when worse but within the indicator's tolerance
    /// (percent of target) or improved on the same period last year; Red otherwise. Never typed by anyone.
    /// </summary>
    public static IndicatorAssessment Of(Indicator indicator, decimal? actual, decimal? previousYear)
    {
        var direction = TravelOf(indicator.Polarity, actual, previousYear);
        decimal? change = actual is { } a && previousYear is { } p && p != 0 ? Math.Round((a - p) / Math.Abs(p) * 100m, 1) : null;
        if (actual is not { } value)
        {
            return new IndicatorAssessment(null, direction, actual, previousYear, change);
        }

        var shortfall = indicator.Polarity == Polarity.LowerIsBetter ? value - indicator.Target : indicator.Target - value;
        var tolerance = Math.Abs(indicator.Target) * indicator.TolerancePct / 100m;
        var rag = shortfall <= 0 ? Scorecard.Rag.Green
            : shortfall <= tolerance || direction == DirectionOfTravel.Improving ? Scorecard.Rag.Amber
            : Scorecard.Rag.Red;
        return new IndicatorAssessment(rag, direction, actual, previousYear, change);
    }

    private static DirectionOfTravel TravelOf(Polarity polarity, decimal? actual, decimal? previousYear)
    {
        if (actual is not { } a || previousYear is not { } p)
        {
            return DirectionOfTravel.Unknown;
        }

        if (a == p)
        {
            return DirectionOfTravel.NoChange;
        }

        var better = polarity == Polarity.LowerIsBetter ? a < p : a > p;
        return better ? DirectionOfTravel.Improving : DirectionOfTravel.Worsening;
    }
}
