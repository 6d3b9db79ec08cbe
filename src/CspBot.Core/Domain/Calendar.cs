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

    /// <summary>
    /// Set when an officer reopens a period that is no longer the open one, so its returns may be amended; cleared when it
    /// is closed again. Without it only the open period takes returns.
    /// </summary>
    public DateTimeOffset? OpenedForAmendmentAt { get; set; }

    /// <summary>The officer's introduction to the exception report's summary (the next compilation uses it).</summary>
    public string? ReportIntroduction { get; set; }

    /// <summary>The officer's recommendations to the board, one a line; none means the seeds' defaults.</summary>
    public string? ReportRecommendations { get; set; }

    /// <summary>Ambers the officer marked key, so the paper gives them in full: references, comma-separated.</summary>
    public string? KeyAmbers { get; set; }
}

/// <summary>A secret the server generates once and keeps in the database, so every instance shares it (card seals).</summary>
public sealed class ServerKey
{
    /// <summary>What the key is for, e.g. "card-seal".</summary>
    public required string Purpose { get; set; }

    public required byte[] Key { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>The partnership this database serves (one per deployment).</summary>
public sealed class Partnership
{
    public int Id { get; set; }

    public required string Name { get; set; }

    /// <summary>How the partnership calls itself in short ("Haringey CSP"); falls back to <see cref="Name"/>.</summary>
    public string? ShortName { get; set; }

    /// <summary>The board the exception report goes to ("Community Safety Partnership Board").</summary>
    public string? BoardName { get; set; }

    /// <summary>The officer the board paper is "report of" ("Head of Community Safety").</summary>
    public string? ReportOfficer { get; set; }

    /// <summary>The Government Security Classification printed on documents.</summary>
    public string ProtectiveMarking { get; set; } = DefaultMarking;

    public const string DefaultMarking = "OFFICIAL";

    public const string DefaultName = "Community Safety Partnership";

    public string Short => string.IsNullOrWhiteSpace(ShortName) ? Name : ShortName;

    public string Board => string.IsNullOrWhiteSpace(BoardName) ? $"{Name} Board" : BoardName;

    public string TimeZoneId { get; set; } = "Europe/London";

    /// <summary>The language of a person who has chosen none (and, later, of channel posts and papers).</summary>
    public PartnershipLanguage DefaultLanguage { get; set; }

    /// <summary>The Teams channel the partnership's digest and reports are posted to (a stored conversation id).</summary>
    public string? ChannelConversationId { get; set; }
}
