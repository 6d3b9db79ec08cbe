using CspBot.Core.Domain;
using CspBot.Core.Features.Conversation;
using CspBot.Core.Features.Messaging;
using CspBot.Core.Features.Returns;
using CspBot.Core.Persistence;
using CspBot.Core.Scheduling;
using Hangfire;
using Microsoft.Extensions.Logging;

namespace CspBot.Core.Features.Reminders;

/// <summary>What a chase did: who was sent a reminder now, who had one today already, who cannot be reached.</summary>
public sealed record ChaseOutcome(ReportingPeriod Period, IReadOnlyList<LateOwner> Queued, IReadOnlyList<LateOwner> Already, IReadOnlyList<LateOwner> Unreachable)
{
    /// <summary>The officer's answer, the same in chat and on the console.</summary>
    public string Text
    {
        get
        {
            if (Queued.Count == 0 && Already.Count == 0)
            {
                return $"Everyone has returned for {Period}. Nobody to chase.";
            }

            var lines = new List<string>();
            if (Queued.Count > 0)
            {
                lines.Add($"Chasing {Queued.Count} owner(s) for {Period}: " + string.Join(", ", Queued.Select(o => $"{o.Member.Name} ({o.Outstanding.Count})")) + ".");
            }

            if (Already.Count > 0)
            {
                lines.Add("Already chased today: " + string.Join(", ", Already.Select(o => o.Member.Name)) + ".");
            }

            if (Unreachable.Count > 0)
            {
                lines.Add("Can't reach in Teams: " + string.Join(", ", Unreachable.Select(o => $"{o.Member.Name} ({ChaseCommand.Describe(o.Member.Reachability)})")) + ".");
            }

            return string.Join("\n\n", lines);
        }
    }
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
            var heading = $"{officer.Name} is chasing your returns for {period}";
            (reminders.Queue(key, "chase", owner, summary, heading, chasedBefore) ? queued : already).Add(owner);
        }

        await db.SaveChangesAsync(cancellationToken);
        if (queued.Count > 0)
        {
            jobs.Enqueue<OutboxJob>(job => job.SendDueAsync(CancellationToken.None));
        }

        logger.LogInformation("{Officer} chased {Count} owners for {Period}", officer.Email, queued.Count, period);
        return new ChaseOutcome(period, queued, already, late.Where(o => o.Member.Reachability != Reachability.Reachable).ToList());
    }
}

/// <summary><c>chase</c>: an officer sends an immediate reminder to everyone still owing returns (once a day each).</summary>
public sealed class ChaseCommand(Chaser chaser) : IBotCommand
{
    public CommandInfo Info { get; } = new("chase", "chase", "Send an immediate reminder to everyone with returns outstanding.", Permissions.RunCycle);

    public async Task<IReadOnlyList<BotReply>> HandleAsync(CommandContext context, CancellationToken cancellationToken) =>
        [BotReply.Message((await chaser.ChaseAsync(context.Member, cancellationToken)).Text)];

    internal static string Describe(Reachability reachability) => reachability switch
    {
        Reachability.Blocked => "blocked the bot",
        Reachability.NotInstalled => "app not installed",
        _ => "reachable",
    };
}
