namespace CspBot.Core.Domain;

/// <summary>A partnership priority, e.g. "Reduce re-offending".</summary>
public sealed class StrategicOutcome
{
    public int Id { get; set; }

    public required string Code { get; set; }

    public required string Title { get; set; }
}

/// <summary>A delivery plan (DV plan, YOS plan, ASB plan …) grouping actions.</summary>
public sealed class Plan
{
    public int Id { get; set; }

    public required string Name { get; set; }

    public List<PlanAction> Actions { get; } = [];
}

/// <summary>One action of a delivery plan, owned by one member.</summary>
public sealed class PlanAction
{
    public int Id { get; set; }

    public required string Ref { get; set; }

    public int PlanId { get; set; }

    public Plan Plan { get; set; } = null!;

    public int OutcomeId { get; set; }

    public StrategicOutcome Outcome { get; set; } = null!;

    public required string Title { get; set; }

    public int OwnerId { get; set; }

    public Member Owner { get; set; } = null!;

    public required string Agency { get; set; }

    public ReportingPeriod DuePeriod { get; set; }

    /// <summary>Restricted items (e.g. DV casework) never show commentary in channel posts.</summary>
    public bool Restricted { get; set; }
}
