using CspBot.Core.Domain;
using CspBot.Core.Features.Conversation;
using CspBot.Core.Features.Localisation;
using CspBot.Core.Features.Messaging;
using CspBot.Core.Features.Returns;
using CspBot.Core.Persistence;
using CspBot.Core.Scheduling;
using Hangfire;
using Microsoft.Extensions.Logging;

namespace CspBot.Core.Features.Reminders;

/// <summary>
/// What a chase did: whose reminder was queued now (<see cref="Sent"/> to those Teams can reach), who had one today
/// already, and who cannot be reached; <see cref="PastDeadline"/> decides whether what they owe is late or outstanding.
/// </summary>
public sealed record ChaseOutcome(ReportingPeriod Period, IReadOnlyList<LateOwner> Queued, IReadOnlyList<LateOwner> Already, IReadOnlyList<LateOwner> Unreachable, bool PastDeadline = false)
{
    /// <summary>The reminders queued to owners Teams can reach: the ones that go.</summary>
    public IReadOnlyList<LateOwner> Sent => [.. Queued.Where(o => o.Member.Reachability == Reachability.Reachable)];

    /// <summary>No reminder went to anyone (nobody to chase, all chased today already, or none of them reachable).</summary>
    public bool NoneSent => Sent.Count == 0;

    /// <summary>The officer's answer, the same in chat and on the console.</summary>
    public string Text => ChaseWords.Said(this);
}

/// <summary>An officer sends an immediate reminder to everyone still owing returns for the open period (once a day each).</summary>
public sealed class Chaser(
    CspDbContext db,
    OwnerReminders reminders,
    ReportingCycle cycle,
    TimeProvider clock,
    IBackgroundJobClient jobs,
    ILogger<Chaser> logger)
{
    public async Task<ChaseOutcome> ChaseAsync(Member officer, CancellationToken cancellationToken)
    {
        var period = cycle.OpenPeriod();
        var summary = await cycle.SummaryAsync(period, cancellationToken);
        var late = await reminders.OutstandingAsync(period, cancellationToken);
        if (late.Count == 0)
        {
            return new ChaseOutcome(period, [], [], []);
        }

        var today = clock.LocalToday();
        var queued = new List<LateOwner>();
        var already = new List<LateOwner>();
        var chasedBefore = await reminders.QueuedAsync($"chase:{period.Id}:", cancellationToken);
        foreach (var owner in late)
        {
            var key = $"chase:{period.Id}:{owner.Member.Id}:{today:yyyy-MM-dd}";
            var chased = await reminders.QueueAsync(key, "chase", owner, summary, () => Terms.Format(ReminderText.Chasing, officer.Name, Terms.Period(period)), chasedBefore, cancellationToken);
            (chased ? queued : already).Add(owner);
        }

        await db.SaveChangesAsync(cancellationToken);
        if (queued.Count > 0)
        {
            jobs.Enqueue<OutboxJob>(job => job.SendDueAsync(CancellationToken.None));
        }

        var outcome = new ChaseOutcome(period, queued, already, [.. late.Where(o => o.Member.Reachability != Reachability.Reachable)], today > summary.Deadline);
        logger.LogInformation("{Officer} chased {Count} owners for {Period}: {Sent} reachable, {Unreachable} not", officer.Email, queued.Count, period, outcome.Sent.Count, outcome.Unreachable.Count);
        return outcome;
    }
}

/// <summary><c>chase</c>: an officer sends an immediate reminder to everyone still owing returns (once a day each).</summary>
public sealed class ChaseCommand(Chaser chaser) : IBotCommand
{
    public CommandInfo Info { get; } = new("chase", "chase", Permissions.RunCycle);

    public async Task<IReadOnlyList<BotReply>> HandleAsync(CommandContext context, CancellationToken cancellationToken) =>
        [BotReply.Message((await chaser.ChaseAsync(context.Member, cancellationToken)).Text)];
}
