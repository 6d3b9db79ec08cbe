namespace CspBot.Core.Domain;

public enum Polarity
{
    /// <summary>Higher values are better (e.g. sanctioned detections).</summary>
    HigherIsBetter = 0,

    /// <summary>Lower values are better (e.g. robbery offences).</summary>
    LowerIsBetter = 1,
}

/// <summary>A measured performance indicator with a target.</summary>
public sealed class Indicator
{
    public int Id { get; set; }

    public required string Ref { get; set; }

    public int OutcomeId { get; set; }

    public StrategicOutcome Outcome { get; set; } = null!;

    public required string Title { get; set; }

    public int OwnerId { get; set; }

    public Member Owner { get; set; } = null!;

    public required string Unit { get; set; }

    public Polarity Polarity { get; set; }

    public decimal Target { get; set; }

    /// <summary>How far (percent of target) a value may miss the target and still be Amber.</summary>
    public decimal TolerancePct { get; set; } = 10m;

    public List<IndicatorValue> Values { get; } = [];
}

/// <summary>An indicator's figures for one period, with last year's figure and London / Most Similar Group comparisons.</summary>
public sealed class IndicatorValue
{
    public int Id { get; set; }

    public int IndicatorId { get; set; }

    public Indicator Indicator { get; set; } = null!;

    public ReportingPeriod Period { get; set; }

    public decimal? Actual { get; set; }

    public decimal? PreviousYear { get; set; }

    /// <summary>The change in London, or in <see cref="ComparedWith"/> when an indicator is compared with its force.</summary>
    public decimal? LondonChangePct { get; set; }

    /// <summary>The area <see cref="LondonChangePct"/> is for when it is not London (a police force's name); null for London.</summary>
    public string? ComparedWith { get; set; }

    /// <summary>What the comparison is called beside its figure: "London", or the force.</summary>
    public string ComparisonName => ComparedWith ?? "London";

    public decimal? MsgChangePct { get; set; }

    /// <summary>Where the figures came from when CspBot counted them ("data.police.uk: 2025-07 to 2025-09 …"); null when typed or imported.</summary>
    public string? Source { get; set; }

    /// <summary>Why an officer set the figure over a counted one; a re-count then leaves it alone.</summary>
    public string? OverrideReason { get; set; }

    /// <summary>Counted from police open data, and not overridden by an officer.</summary>
    public bool Counted => Source is not null && OverrideReason is null;
}

/// <summary>
/// A target changed by decision ("the PMG has agreed to increase the confidence in police target locally from 55% to
/// 60%"): it applies from <see cref="FromPeriod"/> on, never to the quarters before, and the next report says so.
/// </summary>
public sealed class TargetChange
{
    public int Id { get; set; }

    public int IndicatorId { get; set; }

    public Indicator Indicator { get; set; } = null!;

    public ReportingPeriod FromPeriod { get; set; }

    public decimal OldTarget { get; set; }

    public decimal NewTarget { get; set; }

    /// <summary>Who decided, as the paper names them: "the PMG", "the Board".</summary>
    public required string DecidedBy { get; set; }

    public DateOnly DecidedOn { get; set; }

    public required string Reason { get; set; }

    public required string RecordedBy { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>
/// An indicator's chart rebased by an officer (after a change of recording practice, say): a new segment starts at
/// <see cref="FromPeriod"/>, whose limits are worked from its own points only. Withdrawn rather than deleted, so the
/// change history keeps both the rebase and its undoing.
/// </summary>
public sealed class SpcRebase
{
    public int Id { get; set; }

    public int IndicatorId { get; set; }

    public Indicator Indicator { get; set; } = null!;

    public ReportingPeriod FromPeriod { get; set; }

    public required string Reason { get; set; }

    /// <summary>The officer's email.</summary>
    public required string DecidedBy { get; set; }

    public DateTimeOffset DecidedAt { get; set; }

    /// <summary>Undone: the chart no longer starts a segment here (kept for the history).</summary>
    public bool Withdrawn { get; set; }
}
