using System.Collections.Concurrent;
using CspBot.Core.Features.Conversation;
using CspBot.Core.Features.Messaging;

namespace CspBot.Core.Tests.Messaging;

/// <summary>A Teams port that answers as scripted (Sent by default) and logs every attempt on the fake clock.</summary>
internal sealed class ScriptedMessenger(TimeProvider clock) : ITeamsMessenger
{
    private int attempts;

    public ConcurrentQueue<SendResult> Next { get; } = new();

    /// <summary>Scripted answers for one conversation, taken before <see cref="Next"/>.</summary>
    public ConcurrentDictionary<string, ConcurrentQueue<SendResult>> NextFor { get; } = new();

    public ConcurrentQueue<ConversationAddress> Delivered { get; } = new();

    /// <summary>Every attempt: when (on the fake clock), to where, what, and how it went.</summary>
    public ConcurrentQueue<(DateTimeOffset At, string ConversationId, string? Text, SendOutcome Outcome)> Log { get; } = new();

    public TimeSpan Delay { get; set; }

    public int Attempts => attempts;

    public async Task<SendResult> SendAsync(ConversationAddress to, BotReply message, CancellationToken cancellationToken)
    {
        var n = Interlocked.Increment(ref attempts);
        var at = clock.GetUtcNow();
        await Task.Delay(Delay, cancellationToken);
        var result = NextFor.TryGetValue(to.ConversationId, out var mine) && mine.TryDequeue(out var own) ? own
            : Next.TryDequeue(out var scripted) ? scripted
            : new SendResult(SendOutcome.Sent, $"activity-{n}");
        if (result.Outcome == SendOutcome.Sent)
        {
            Delivered.Enqueue(to);
        }

        Log.Enqueue((at, to.ConversationId, message.Text, result.Outcome));
        return result;
    }
}
