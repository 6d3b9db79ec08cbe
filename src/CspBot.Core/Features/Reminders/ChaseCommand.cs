using CspBot.Core.Domain;
using CspBot.Core.Features.Conversation;
using CspBot.Core.Features.Messaging;
using CspBot.Core.Features.Returns;
using CspBot.Core.Persistence;
using CspBot.Core.Scheduling;
using Hangfire;
using Microsoft.Extensions.Logging;

namespace CspBot.Core.Features.Reminders;

/// <summary><c>chase</c>: an officer sends an immediate reminder to everyone still owing returns (once a day each).</summary>
public sealed class ChaseCommand(
    CspDbContext db,
    OwnerReminders reminders,
    ReportingCycle cycle,
    TimeProvider clock,
    IBackgroundJobClient jobs,
    ILogger<ChaseCommand> logger) : IBotCommand
{
    public CommandInfo Info { get; } = new("chase", "chase", "Send an immediate reminder to everyone with returns outstanding.", MemberRoles.Officer);

    public async Task<IReadOnlyList<BotReply>> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var period = cycle.OpenPeriod();
        var summary = await cycle.SummaryAsync(period, cancellationToken);
        var late = await reminders.OutstandingAsync(period, cancellationToken);
        if (late.Count == 0)
        {
            return [BotReply.Message($"Everyone has returned for {period}. Nobody to chase.")];
        }

        var today = clock.LocalToday();
        var queued = new List<LateOwner>();
        var already = new List<LateOwner>();
        var chasedBefore = await reminders.QueuedAsync($"chase:{period.Id}:", cancellationToken);
        foreach (var owner in late)
        {
            var key = $"chase:{period.Id}:{owner.Member.Id}:{today:yyyy-MM-dd}";
            var heading = $"{context.Member.Name} is chasing your returns for {period}";
            (reminders.Queue(key, "chase", owner, summary, heading, chasedBefore) ? queued : already).Add(owner);
        }

        await db.SaveChangesAsync(cancellationToken);
        if (queued.Count > 0)
        {
            jobs.Enqueue<OutboxJob>(job => job.SendDueAsync(CancellationToken.None));
        }

        logger.LogInformation("{Officer} chased {Count} owners for {Period}", context.Member.Email, queued.Count, period);
        var lines = new List<string>();
        if (queued.Count > 0)
        {
            lines.Add($"Chasing {queued.Count} owner(s) for {period}: " + string.Join(", ", queued.Select(o => $"{o.Member.Name} ({o.Outstanding.Count})")) + ".");
        }

        if (already.Count > 0)
        {
            lines.Add("Already chased today: " + string.Join(", ", already.Select(o => o.Member.Name)) + ".");
        }

        var unreachable = late.Where(o => o.Member.Reachability != Reachability.Reachable).ToList();
        if (unreachable.Count > 0)
        {
            lines.Add("Can't reach in Teams: " + string.Join(", ", unreachable.Select(o => $"{o.Member.Name} ({Describe(o.Member.Reachability)})")) + ".");
        }

        return [BotReply.Message(string.Join("\n\n", lines))];
    }

    internal static string Describe(Reachability reachability) => reachability switch
    {
        Reachability.Blocked => "blocked the bot",
        Reachability.NotInstalled => "app not installed",
        _ => "reachable",
    };
}
