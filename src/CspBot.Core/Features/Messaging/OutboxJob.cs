using Hangfire;

namespace CspBot.Core.Features.Messaging;

/// <summary>Hangfire entry point for delivering the outbox; safe to run on several servers at once (they take turns).</summary>
public sealed class OutboxJob(OutboxSender sender, OutboxTurn turn)
{
    [AutomaticRetry(Attempts = 0)]
    public Task<int> SendDueAsync(CancellationToken cancellationToken) => sender.SendDueInTurnAsync(turn, cancellationToken);
}
