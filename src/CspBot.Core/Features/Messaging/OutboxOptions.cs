namespace CspBot.Core.Features.Messaging;

/// <summary>How the outbox delivers (<c>Outbox:*</c>); the README's configuration table documents each key.</summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>Messages claimed per database round trip; also how many wait, claimed, for a free sender.</summary>
    public int BatchSize { get; set; } = 100;

    public int MaxAttempts { get; set; } = 8;

    /// <summary>First back-off after a transient failure; doubles per attempt, with ±25% jitter.</summary>
    public TimeSpan BaseBackoff { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a claimed message is hidden from other senders while it is being sent.</summary>
    public TimeSpan ClaimTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Proactive requests per second for the whole app in this tenant (Teams allows 50 per app per tenant, replies to
    /// users included: set it lower to leave them more room).
    /// </summary>
    public double RequestsPerSecond { get; set; } = 50;

    /// <summary>Requests that may go at once after a quiet spell; 0 = a tenth of a second's worth.</summary>
    public int Burst { get; set; }

    /// <summary>Sends in flight at once.</summary>
    public int MaxConcurrency { get; set; } = 16;

    /// <summary>
    /// Waits (Retry-After, back-off, a busy conversation) up to this long are waited in the sender; a longer one hands
    /// the message back to the outbox for a later run.
    /// </summary>
    public TimeSpan MaxWait { get; set; } = TimeSpan.FromSeconds(30);
}
