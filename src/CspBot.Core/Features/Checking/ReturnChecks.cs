using CspBot.Core.Domain;
using CspBot.Core.Features.Localisation;
using CspBot.Core.Features.Conversation;
using CspBot.Core.Features.Messaging;
using CspBot.Core.Features.Returns;
using CspBot.Core.Persistence;
using CspBot.Core.Scheduling;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CspBot.Core.Features.Checking;

public enum CheckOutcome
{
    Done,

    /// <summary>It was already so (a second click, or another officer first): nothing changed.</summary>
    AlreadyDone,

    /// <summary>The return changed since the card or page was shown: nothing changed, and the message says what did.</summary>
    Stale,

    NotAllowed,

    Invalid,

    NotFound,

    PeriodClosed,
}

public sealed record CheckResult(CheckOutcome Outcome, string Message, OwedItem? Item = null)
{
    public bool Changed => Outcome == CheckOutcome.Done;
}

/// <summary>
/// The monitoring staff's check of the returns ("checked by monitoring staff", as the board paper says): accept a return,
/// query it with its owner, or moderate an action's status with a reason. The check card, the console and the tests all
/// come here; every change is in the change history. Each acts on the version of the return the officer was shown, so a
/// check never lands on an answer nobody looked at.
/// </summary>
public sealed class ReturnChecks(
    CspDbContext db,
    OwedItems owed,
    ReportingCycle cycle,
    Outbox outbox,
    ReturnChangeNotice notice,
    ReturnForms forms,
    PersonalLanguage languages,
    DistributedLocks locks,
    TimeProvider clock,
    IBackgroundJobClient jobs,
    ILogger<ReturnChecks> logger)
{
    public const int MaxQuestion = 1000;

    public const int MaxReason = 1000;

    public static string NotAnOfficer => CheckText.NotAnOfficer;

    /// <summary>
    /// Every return awaiting check, oldest submission first, in the periods whose returns can still be waiting (the one
    /// before the open period, whose report may be due, the open one and the next); with <paramref name="filter"/>, only
    /// the one of that ref, or those whose owner's name or agency contains it.
    /// </summary>
    public async Task<IReadOnlyList<(ReportingPeriod Period, OwedItem Item)>> AwaitingAsync(string? filter, CancellationToken cancellationToken)
    {
        var open = cycle.OpenPeriod();
        var found = new List<(ReportingPeriod, OwedItem)>();
        foreach (var period in new[] { open.Previous, open, open.Next })
        {
            if (!await db.Returns.AnyAsync(r => r.Period == period && r.Check == ReturnCheck.AwaitingCheck, cancellationToken))
            {
                continue;
            }

            found.AddRange((await owed.AllAsync(period, cancellationToken)).Where(i => i.AwaitingCheck && Matches(i, filter)).Select(i => (period, i)));
        }

        return found.OrderBy(f => f.Item2.Return!.UpdatedAt).ThenBy(f => f.Item2.Ref, StringComparer.Ordinal).ToList();
    }

    private static bool Matches(OwedItem item, string? filter) => filter is null
        || string.Equals(item.Ref, filter, StringComparison.OrdinalIgnoreCase)
        || (item.Owner?.Name ?? item.OwnerEmail).Contains(filter, StringComparison.OrdinalIgnoreCase)
        || item.Agency.Contains(filter, StringComparison.OrdinalIgnoreCase);

    public Task<CheckResult> AcceptAsync(Member officer, string reference, ReportingPeriod period, int shownVersion, ChangeSource source, CancellationToken cancellationToken) =>
        ActAsync(officer, reference, period, shownVersion, source, cancellationToken, async (item, current) =>
        {
            if (current.Check == ReturnCheck.Accepted)
            {
                return new CheckResult(CheckOutcome.AlreadyDone, await AlreadyAcceptedAsync(officer, item.Ref, current.CheckedBy, cancellationToken), item);
            }

            current.Check = ReturnCheck.Accepted;
            current.CheckedBy = officer.Email;
            current.CheckedAt = clock.GetUtcNow();
            return new CheckResult(CheckOutcome.Done, Terms.Format(CheckText.Accepted, item.Ref), item);
        });

    /// <summary>Asks the owner a question about their return; they get a card with the question and their answer to amend.</summary>
    public Task<CheckResult> QueryAsync(Member officer, string reference, ReportingPeriod period, int shownVersion, string? question, ChangeSource source, CancellationToken cancellationToken)
    {
        var text = FreeText.Normalise(question) ?? string.Empty;
        if (text.Length == 0 || text.Length > MaxQuestion)
        {
            return Task.FromResult(new CheckResult(CheckOutcome.Invalid, text.Length == 0
                ? CheckText.QuestionMissing
                : Terms.Format(CheckText.QuestionTooLong, MaxQuestion)));
        }

        return ActAsync(officer, reference, period, shownVersion, source, cancellationToken, async (item, current) =>
        {
            // A query the owner could never answer (their card and form refuse a period not open for returns) is not sent.
            if (await cycle.IntakeAsync(period, cancellationToken) is var intake and not PeriodIntake.Open)
            {
                return new CheckResult(CheckOutcome.PeriodClosed, QueryRefusal(period, intake, item.Owner?.Name ?? item.OwnerEmail), item);
            }

            if (current.Check == ReturnCheck.Queried && current.Query == text)
            {
                return new CheckResult(CheckOutcome.AlreadyDone, Terms.Format(CheckText.QueryAlreadySent, item.Ref), item);
            }

            current.Check = ReturnCheck.Queried;
            current.Query = text;
            current.CheckedBy = officer.Email;
            current.CheckedAt = clock.GetUtcNow();
            var owner = item.Owner!;
            var summary = await cycle.SummaryAsync(period, cancellationToken);
            // The query card is the owner's message: written in their language, whatever the officer's.
            using (CultureScope.Use(await languages.ForAsync(owner, null, cancellationToken)))
            {
                var card = await forms.FormAsync(summary, item with { Return = current }, null, new Dictionary<string, string>(), 0, cancellationToken,
                    Terms.Format(ReturnText.QueryFromOfficer, officer.Name, text));
                await outbox.EnqueueAsync($"query:{period.Id}:{item.Ref}:v{current.Version}:{clock.GetUtcNow().ToUnixTimeMilliseconds()}", "query", owner.Id, null,
                    BotReply.WithCard(card, Terms.Format(ReturnText.QuerySummary, item.Ref)), cancellationToken);
            }

            return new CheckResult(CheckOutcome.Done, Terms.Format(CheckText.QuerySent, owner.Name, item.Ref), item);
        });
    }

    /// <summary>Why a query about a return of <paramref name="period"/> is not sent: its owner could not answer it.</summary>
    public static string QueryRefusal(ReportingPeriod period, PeriodIntake intake, string owner) =>
        Terms.Format(intake == PeriodIntake.Closed ? CheckText.QueryRefusedClosed : CheckText.QueryRefusedNotOpen, Terms.Period(period), owner);

    /// <summary>Changes an action's status as the owner gave it, with the reason; the owner is told in chat.</summary>
    public async Task<CheckResult> ModerateAsync(Member officer, string reference, ReportingPeriod period, int shownVersion, string? status, string? reason, ChangeSource source, CancellationToken cancellationToken)
    {
        var why = FreeText.Normalise(reason) ?? string.Empty;
        if (!Enum.TryParse<ActionStatus>(status, ignoreCase: true, out var moderated) || !Enum.IsDefined(moderated) || int.TryParse(status, out _))
        {
            return new CheckResult(CheckOutcome.Invalid, CheckText.ChooseStatus);
        }

        if (why.Length == 0 || why.Length > MaxReason)
        {
            return new CheckResult(CheckOutcome.Invalid, why.Length == 0
                ? CheckText.ReasonMissing
                : Terms.Format(CheckText.ReasonTooLong, MaxReason));
        }

        if (await cycle.IntakeAsync(period, cancellationToken) != PeriodIntake.Open)
        {
            return new CheckResult(CheckOutcome.PeriodClosed, Terms.Format(CheckText.ModerationClosed, Terms.Period(period)));
        }

        return await ActAsync(officer, reference, period, shownVersion, source, cancellationToken, async (item, current) =>
        {
            if (item.Kind != ItemKind.Action || current.Status is not { } was)
            {
                return new CheckResult(CheckOutcome.Invalid, Terms.Format(CheckText.IndicatorHasNoStatus, item.Ref), item);
            }

            if (was == moderated)
            {
                return new CheckResult(CheckOutcome.AlreadyDone, Terms.Format(CheckText.AlreadyStatus, item.Ref, Terms.Status(moderated)), item);
            }

            current.Status = moderated;
            current.ModerationReason = why;
            current.Check = ReturnCheck.Accepted;
            current.CheckedBy = officer.Email;
            current.CheckedAt = clock.GetUtcNow();
            current.Version++;
            current.UpdatedAt = clock.GetUtcNow();
            var owner = item.Owner!;
            // The owner is told in their language, whatever the officer's.
            using (CultureScope.Use(await languages.ForAsync(owner, null, cancellationToken)))
            {
                var told = Terms.Format(CheckText.ModerationTold, officer.Name, item.Ref, Terms.Period(period), Terms.Status(was), Terms.Status(moderated), why);
                await outbox.EnqueueAsync($"moderation:{period.Id}:{item.Ref}:v{current.Version}", "moderation", owner.Id, null, BotReply.Message(told), cancellationToken);
            }

            return new CheckResult(CheckOutcome.Done, Terms.Format(CheckText.Moderated, item.Ref, Terms.Status(moderated), owner.Name), item);
        });
    }

    private async Task<CheckResult> ActAsync(
        Member officer, string reference, ReportingPeriod period, int shownVersion, ChangeSource source, CancellationToken ct, Func<OwedItem, Return, Task<CheckResult>> act)
    {
        if (!officer.May(Permissions.CheckReturns))
        {
            logger.LogWarning("{Member} tried to check {Ref} for {Period} without being an officer", officer.Email, reference, period);
            return new CheckResult(CheckOutcome.NotAllowed, NotAnOfficer);
        }

        // One check of one return at a time, on any instance: a double click finds the first click's answer.
        using var held = await locks.AcquireAsync($"check:{period.Id}:{reference.ToUpperInvariant()}", ct);
        var item = await owed.FindAsync(reference, period, ct);
        var current = item is null ? null : await db.Returns.FirstOrDefaultAsync(r => r.ItemKind == item.Kind && r.ItemRef == item.Ref && r.Period == period, ct);
        if (item is null || current is null)
        {
            return new CheckResult(CheckOutcome.NotFound, Terms.Format(CheckText.NotFound, reference, Terms.Period(period)));
        }

        if (current.Version != shownVersion)
        {
            return new CheckResult(CheckOutcome.Stale,
                Terms.Format(CheckText.Stale, await notice.WhoChangedAsync(officer, current, ct)), item with { Return = current });
        }

        var result = await act(item, current);
        if (!result.Changed)
        {
            return result;
        }

        try
        {
            await db.SaveChangesWithHistoryAsync(officer.Email, source, clock.GetUtcNow(), ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The owner amended it in the moment between reading and saving.
            db.ChangeTracker.Clear();
            var fresh = await db.Returns.AsNoTracking().FirstAsync(r => r.ItemKind == item.Kind && r.ItemRef == item.Ref && r.Period == period, ct);
            return new CheckResult(CheckOutcome.Stale, Terms.Format(CheckText.StaleJustNow, await notice.WhoChangedAsync(officer, fresh, ct)), item with { Return = fresh });
        }

        jobs.Enqueue<OutboxJob>(job => job.SendDueAsync(CancellationToken.None));
        logger.LogInformation("{Officer} checked {Ref} for {Period}: {Check} (version {Version})", officer.Email, item.Ref, period, current.Check, current.Version);
        return result with { Item = item with { Return = current } };
    }

    /// <summary>"DV-07 was already accepted by you." / "… by Priya Shah." (or by nobody named), in the language now.</summary>
    private async Task<string> AlreadyAcceptedAsync(Member reader, string reference, string? email, CancellationToken ct) => email switch
    {
        null => Terms.Format(CheckText.AlreadyAccepted, reference),
        _ when string.Equals(email, reader.Email, StringComparison.OrdinalIgnoreCase) => Terms.Format(CheckText.AlreadyAcceptedByYou, reference),
        _ => Terms.Format(CheckText.AlreadyAcceptedBy, reference, await notice.WhoAsync(reader, email, ct)),
    };
}
