using CspBot.Core.Cards;
using CspBot.Core.Domain;
using CspBot.Core.Features.Conversation;
using CspBot.Core.Features.Localisation;
using CspBot.Core.Features.Deadlines;
using CspBot.Core.Features.Messaging;
using CspBot.Core.Features.Returns;
using CspBot.Core.Persistence;
using CspBot.Core.Scheduling;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CspBot.Core.Features.Reminders;

/// <summary>What one run of the reminder job did.</summary>
public sealed record ReminderRunResult(DateOnly Today, IReadOnlyList<string> Stages, int Queued, int AlreadyQueued, int Escalations);

/// <summary>
/// The daily reminder run (09:00 Europe/London): for the open period, the one before (whose overdue stages can fall
/// after the quarter turns) and the current quarter (whose first stage can fall before it ends), if today is a stage, queue one card per owner with anything outstanding,
/// and at the final stage an escalation to the officers and the chair. Keys per (owner, period, stage) make re-runs,
/// retries and overlapping runs harmless; the outbox then delivers.
/// </summary>
public sealed class ReminderRun(
    CspDbContext db,
    ReportingCycle cycle,
    ReminderStages stages,
    OwnerReminders reminders,
    Outbox outbox,
    PersonalLanguage languages,
    TimeProvider clock,
    IBackgroundJobClient jobs,
    DistributedLocks locks,
    ILogger<ReminderRun> logger)
{
    public async Task<ReminderRunResult> RunAsync(CancellationToken cancellationToken)
    {
        // One run at a time across instances: a second run waits, then finds every reminder already queued.
        using var held = await locks.AcquireAsync("reminder-run", cancellationToken);
        var today = clock.LocalToday();
        var open = cycle.OpenPeriod();
        var ran = new List<string>();
        int queued = 0, already = 0, escalations = 0;
        foreach (var period in new[] { open.Previous, open, open.Next })
        {
            var deadline = await cycle.DeadlineAsync(period, cancellationToken);
            if (stages.StageOn(today, deadline.Date) is not { } stage || await cycle.IsClosedAsync(period, cancellationToken))
            {
                continue;
            }

            ran.Add($"{period} {stage.Key}");
            var summary = new PeriodSummary(period, deadline.Date);
            var late = await reminders.OutstandingAsync(period, cancellationToken);
            var prefix = $"reminder:{period.Id}:{stage.Key}:";
            var queuedBefore = await reminders.QueuedAsync(prefix, cancellationToken);
            foreach (var owner in late)
            {
                if (await reminders.QueueAsync(prefix + owner.Member.Id, "reminder", owner, summary, () => Heading(period, stage), queuedBefore, cancellationToken))
                {
                    queued++;
                }
                else
                {
                    already++;
                }
            }

            if (stages.IsFinalStage(stage) && late.Count > 0)
            {
                escalations += await EscalateAsync(period, stage, late, cancellationToken);
            }

            logger.LogInformation("Reminder stage {Stage} for {Period}: {Owners} owners outstanding", stage.Key, period, late.Count);
        }

        await db.SaveChangesAsync(cancellationToken);
        if (queued + escalations > 0)
        {
            jobs.Enqueue<OutboxJob>(job => job.SendDueAsync(CancellationToken.None));
        }

        return new ReminderRunResult(today, ran, queued, already, escalations);
    }

    /// <summary>The reminder's heading, in the language now (the owner's, set by <see cref="OwnerReminders.QueueAsync"/>).</summary>
    private static string Heading(ReportingPeriod period, ReminderStage stage) => stage.WorkingDaysFromDeadline switch
    {
        < 0 => Terms.Format(ReminderText.HeadingBefore, Terms.Period(period), Counted.In(ReminderText.ResourceManager, "WorkingDays", -stage.WorkingDaysFromDeadline)),
        0 => Terms.Format(ReminderText.HeadingToday, Terms.Period(period)),
        _ => Terms.Format(ReminderText.HeadingOverdue, Terms.Period(period), Counted.In(ReminderText.ResourceManager, "WorkingDays", stage.WorkingDaysFromDeadline)),
    };

    /// <summary>Tells every officer and chair who is late and for what, once per period, each in their language.</summary>
    private async Task<int> EscalateAsync(ReportingPeriod period, ReminderStage stage, IReadOnlyList<LateOwner> late, CancellationToken cancellationToken)
    {
        var recipients = await db.Members.AsNoTracking()
            .Where(m => (m.Roles & (MemberRoles.Officer | MemberRoles.Chair)) != 0)
            .ToListAsync(cancellationToken);
        var count = 0;
        var byLanguage = new Dictionary<Language, BotReply>(); // one card per language, not per person
        foreach (var recipient in recipients)
        {
            var language = await languages.ForAsync(recipient, null, cancellationToken);
            if (!byLanguage.TryGetValue(language, out var escalation))
            {
                using (CultureScope.Use(language))
                {
                    byLanguage[language] = escalation = Escalation(period, stage, late);
                }
            }

            if (await outbox.EnqueueAsync($"escalation:{period.Id}:{recipient.Id}", "escalation", recipient.Id, null, escalation, cancellationToken))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The escalation card, in the language now.</summary>
    private static BotReply Escalation(ReportingPeriod period, ReminderStage stage, IReadOnlyList<LateOwner> late)
    {
        var heading = Terms.Format(DeadlineText.EscalationHeading, Terms.Period(period));
        var card = AdaptiveCard.Create(
        [
            AdaptiveCard.Heading(heading),
            AdaptiveCard.Text(Terms.Format(DeadlineText.EscalationText, stage.Description, late.Sum(o => o.Outstanding.Count), late.Count), isSubtle: true, spacing: "None"),
            AdaptiveCard.Facts(late.Select(o => ($"{o.Member.Name} ({o.Member.Agency})", string.Join(", ", o.Outstanding.Select(i => i.Ref))))),
        ]);
        return BotReply.WithCard(card, heading);
    }
}

/// <summary>Hangfire entry point for the daily reminder run.</summary>
public sealed class ReminderJob(ReminderRun run)
{
    [AutomaticRetry(Attempts = 3)]
    public Task<ReminderRunResult> RunAsync(CancellationToken cancellationToken) => run.RunAsync(cancellationToken);
}
