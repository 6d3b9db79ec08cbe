namespace CspBot.Core.Domain;

public enum ItemKind
{
    Action = 0,
    Indicator = 1,
}

/// <summary>Status an owner gives an action. Indicators get their RAG computed, never typed.</summary>
public enum ActionStatus
{
    Green = 0,
    Amber = 1,
    Red = 2,
    Complete = 3,
}

/// <summary>Where a change came from.</summary>
public enum ChangeSource
{
    Teams = 0,
    Import = 1,
    Api = 2,
    System = 3,

    /// <summary>The operations console (Teams tabs or a browser).</summary>
    Console = 4,
}

/// <summary>Where a return stands with the monitoring staff: "checked by monitoring staff" before it reaches the board.</summary>
public enum ReturnCheck
{
    /// <summary>Submitted or amended since an officer last looked at it.</summary>
    AwaitingCheck = 0,

    Accepted = 1,

    /// <summary>An officer asked the owner a question; amending the return sends it back for checking.</summary>
    Queried = 2,
}

/// <summary>An owner's answer for one item (action or indicator) in one period. Amendable until the period closes.</summary>
public sealed class Return
{
    public int Id { get; set; }

    public ItemKind ItemKind { get; set; }

    /// <summary>The action or indicator reference (DV-03, VIO-02).</summary>
    public required string ItemRef { get; set; }

    public ReportingPeriod Period { get; set; }

    public ActionStatus? Status { get; set; }

    public decimal? Actual { get; set; }

    public string? Commentary { get; set; }

    public string? MeasuresToImprove { get; set; }

    public DateOnly? RevisedDate { get; set; }

    public required string SubmittedBy { get; set; }

    public DateTimeOffset SubmittedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public ChangeSource Source { get; set; }

    public ReturnCheck Check { get; set; }

    /// <summary>The officer who last accepted or queried it.</summary>
    public string? CheckedBy { get; set; }

    public DateTimeOffset? CheckedAt { get; set; }

    /// <summary>The officer's latest question to the owner (kept after it is answered; the history holds every one).</summary>
    public string? Query { get; set; }

    /// <summary>Why an officer last changed the owner's status (moderation), shown to the owner and in the history.</summary>
    public string? ModerationReason { get; set; }

    /// <summary>Incremented on every amendment; a stale card carrying an older version cannot overwrite a newer answer.</summary>
    public int Version { get; set; } = 1;
}

/// <summary>One field of one record changed: who, when, old → new, from where. Kept forever.</summary>
public sealed class ChangeRecord
{
    public long Id { get; set; }

    /// <summary>"Return", "Member", "PlanAction", "Indicator" …</summary>
    public required string Entity { get; set; }

    /// <summary>The record's natural key, e.g. "DV-03@2025-26-Q3" or an email.</summary>
    public required string EntityKey { get; set; }

    public required string Field { get; set; }

    public string? OldValue { get; set; }

    public string? NewValue { get; set; }

    public required string ChangedBy { get; set; }

    public DateTimeOffset ChangedAt { get; set; }

    public ChangeSource Source { get; set; }
}
