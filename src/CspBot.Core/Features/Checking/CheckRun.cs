using CspBot.Core.Domain;
using CspBot.Core.Features.Conversation;
using CspBot.Core.Features.Deadlines;
using CspBot.Core.Features.Localisation;
using CspBot.Core.Features.Messaging;
using CspBot.Core.Persistence;
using CspBot.Core.Scheduling;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CspBot.Core.Features.Checking;

public sealed record CheckRunResult(DateOnly Today, int Waiting, int Queued);

/// <summary>
/// The officers' daily check card (09:00 on working days): one card each, only when something is waiting, keyed by the
/// day so a re-run or a second instance never sends it twice.
/// </summary>
public sealed class CheckRun(CspDbContext db, ReturnChecks checks, Outbox outbox, WorkingDayCalendar workingDays, PersonalLanguage languages, TimeProvider clock, IBackgroundJobClient jobs, DistributedLocks locks, ILogger<CheckRun> logger)
{
    public async Task<CheckRunResult> RunAsync(CancellationToken cancellationToken)
    {
        using var held = await locks.AcquireAsync("check-run", cancellationToken);
        var today = clock.LocalToday();
        if (!workingDays.IsWorkingDay(today))
        {
            return new CheckRunResult(today, 0, 0);
        }

        var waiting = await checks.AwaitingAsync(null, cancellationToken);
        if (waiting.Count == 0)
        {
            return new CheckRunResult(today, 0, 0);
        }

        var officers = await db.Members.AsNoTracking().Where(m => (m.Roles & Permissions.CheckReturns) != 0).OrderBy(m => m.Id).ToListAsync(cancellationToken);
        var queued = 0;
        foreach (var officer in officers)
        {
            // Each officer's card in their language (it carries their refresh, so it is built for each of them).
            using (CultureScope.Use(await languages.ForAsync(officer, null, cancellationToken)))
            {
                var card = CheckCards.Bundle(waiting, 0, officer);
                if (await outbox.EnqueueAsync($"checks:{today:yyyy-MM-dd}:{officer.Id}", "checks", officer.Id, null, BotReply.WithCard(card, CheckCards.Summary(waiting.Count)), cancellationToken))
                {
                    queued++;
                }
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        if (queued > 0)
        {
            jobs.Enqueue<OutboxJob>(job => job.SendDueAsync(CancellationToken.None));
        }

        logger.LogInformation("Check run {Today}: {Waiting} returns awaiting check, {Queued} officers' cards queued", today, waiting.Count, queued);
        return new CheckRunResult(today, waiting.Count, queued);
    }
}

/// <summary>Hangfire entry point for the daily check card.</summary>
public sealed class CheckJob(CheckRun run)
{
    [AutomaticRetry(Attempts = 3)]
    public Task<CheckRunResult> RunAsync(CancellationToken cancellationToken) => run.RunAsync(cancellationToken);
}

/// <summary><c>check</c>: an officer gets the check card now, with everything awaiting check.</summary>
public sealed class CheckCommand(ReturnChecks checks) : IBotCommand
{
    public CommandInfo Info { get; } = new("check", "check [ref or owner]", Permissions.CheckReturns, "check returns", "returns to check");

    public async Task<IReadOnlyList<BotReply>> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        if (context.Conversation.Kind != ConversationKind.Personal)
        {
            return [BotReply.Message(Returns.MyActionsCommand.PersonalChatOnly)];
        }

        var filter = CheckCards.Filter(context.Arguments);
        var waiting = await checks.AwaitingAsync(filter, cancellationToken);
        return [BotReply.WithCard(CheckCards.Bundle(waiting, 0, context.Member, filter: filter), CheckCards.Summary(waiting.Count))];
    }
}
