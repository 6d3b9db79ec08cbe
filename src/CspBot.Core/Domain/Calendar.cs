namespace CspBot.Core.Domain;

public enum MeetingKind
{
    Board = 0,

    /// <summary>Performance Management Group.</summary>
    Pmg = 1,
}

/// <summary>A board or PMG meeting in the partnership calendar.</summary>
public sealed class Meeting
{
    public int Id { get; set; }

    public DateOnly Date { get; set; }

    public MeetingKind Kind { get; set; }
}

/// <summary>Officer decisions about one reporting period: a deadline override and whether it is closed to amendments.</summary>
public sealed class PeriodSettings
{
    public int Id { get; set; }

    public ReportingPeriod Period { get; set; }

    public DateOnly? DeadlineOverride { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }
}

/// <summary>The partnership this database serves (one per deployment).</summary>
public sealed class Partnership
{
    public int Id { get; set; }

    public required string Name { get; set; }

    public string TimeZoneId { get; set; } = "Europe/London";

    /// <summary>The Teams channel the partnership's digest and reports are posted to (a stored conversation id).</summary>
    public string? ChannelConversationId { get; set; }
}
