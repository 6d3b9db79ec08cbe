namespace CspBot.Core.Domain;

public enum ConversationKind
{
    Personal = 0,
    Channel = 1,
    GroupChat = 2,
}

/// <summary>
/// Everything needed to message a conversation proactively, stored when the app is installed or a user first
/// writes. Plain data: the Teams layer turns it back into its own reference type.
/// </summary>
public sealed class StoredConversation
{
    public int Id { get; set; }

    public ConversationKind Kind { get; set; }

    public required string ConversationId { get; set; }

    public required string ServiceUrl { get; set; }

    public required string ChannelId { get; set; }

    public string? TenantId { get; set; }

    public string? BotId { get; set; }

    public string? BotName { get; set; }

    /// <summary>For personal chats: the member this conversation reaches.</summary>
    public int? MemberId { get; set; }

    public Member? Member { get; set; }

    public string? TeamsUserId { get; set; }

    public string? TeamId { get; set; }

    public string? TeamName { get; set; }

    /// <summary>For team channels: the team's Microsoft 365 group id (what Graph calls the team id).</summary>
    public string? TeamGroupId { get; set; }

    /// <summary>For team channels: the channel's name, as Teams last said it (null for General before a rename).</summary>
    public string? ChannelName { get; set; }

    /// <summary>
    /// When Teams said this conversation can no longer be posted to (channel or team deleted, team archived, the app
    /// removed or uninstalled); null while it can.
    /// </summary>
    public DateTimeOffset? GoneAt { get; set; }

    /// <summary>Why it is gone, in the officer's words ("the channel was deleted").</summary>
    public string? GoneReason { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

public enum OutboxStatus
{
    Pending = 0,
    Sent = 1,

    /// <summary>Gave up after retries, or the recipient cannot be reached; the officer sees it in status.</summary>
    Failed = 2,

    /// <summary>A partnership channel post with no channel to go to (none chosen yet, or it was deleted): it waits, and is sent once an officer chooses one.</summary>
    Held = 3,
}

/// <summary>
/// A message to send. Written in the same transaction as the decision to send it, with a unique key per
/// (kind, recipient, period, stage), so re-running a job never queues it twice and a crash loses nothing.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }

    public required string Key { get; set; }

    public required string Kind { get; set; }

    public int? RecipientMemberId { get; set; }

    public int? ConversationId { get; set; }

    /// <summary>Message body as JSON (text and/or Adaptive Card).</summary>
    public required string Payload { get; set; }

    public OutboxStatus Status { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    public string? SentActivityId { get; set; }

    public string? LastError { get; set; }
}

/// <summary>One compilation of the exception report for a period; every compilation is kept as a dated version.</summary>
public sealed class ReportSnapshot
{
    public int Id { get; set; }

    public ReportingPeriod Period { get; set; }

    public int Version { get; set; }

    public DateTimeOffset CompiledAt { get; set; }

    public required string CompiledBy { get; set; }

    /// <summary>The report's content as JSON (what the card and the digest read).</summary>
    public required string Content { get; set; }

    public byte[]? Docx { get; set; }

    /// <summary>The copy filed in the partnership channel's Files (SharePoint), when Microsoft Graph is on.</summary>
    public string? SharePointUrl { get; set; }

    /// <summary>Why the report could not be filed in the channel's Files, when it could not.</summary>
    public string? FilingIssue { get; set; }

    /// <summary>Who signed this version off for the board (an officer or the chair), when it has been.</summary>
    public string? SignedOffBy { get; set; }

    public DateTimeOffset? SignedOffAt { get; set; }
}
