using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CspBot.Core.Cards;
using CspBot.Core.Domain;
using CspBot.Core.Features.Conversation;
using CspBot.Core.Features.Import;
using CspBot.Core.Features.Localisation;
using CspBot.Core.Features.Messaging;
using CspBot.Core.Features.Returns;
using CspBot.Core.Persistence;
using CspBot.Core.Scheduling;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace CspBot.Core.Features.Decisions;

/// <summary>What an officer typed for an action the board or the PMG asked for. <see cref="Due"/> is a period id or <see cref="NewActions.NextBoard"/>.</summary>
public sealed record NewActionInput(string? Ref, string? Title, string? Outcome, string? Plan, string? Owner, string? Due, bool Restricted = false);

public sealed record NewActionResult(string Message, IReadOnlyList<ImportProblem> Problems, string? Ref = null)
{
    public bool Added => Ref is not null;
}

/// <summary>
/// An action arising from a board or PMG meeting ("Action: &lt;name&gt;"), added with the import's own rules (one row of the
/// actions sheet, all or nothing), its owner told what was asked of them and when it is due. It is owed from the open
/// period on, so it is in the owner's next reminder and every period's expected returns until it is complete.
/// </summary>
public sealed partial class NewActions(CspDbContext db, PartnershipImporter importer, ReportingCycle cycle, Outbox outbox, PersonalLanguage languages, TimeProvider clock, IBackgroundJobClient jobs)
{
    public const string NextBoard = "next-board";

    /// <summary>The due choices: the period reported to the next board, then the open period and the next seven.</summary>
    public async Task<IReadOnlyList<(string Title, string Value)>> DueChoicesAsync(CancellationToken cancellationToken)
    {
        var choices = new List<(string, string)>();
        if (await NextBoardAsync(cancellationToken) is { } next)
        {
            choices.Add((Terms.Format(DecisionText.NextBoardChoice, Words.Date(next.Board, "d MMMM yyyy"), Terms.Period(next.Period)), NextBoard));
        }

        var open = cycle.OpenPeriod();
        choices.AddRange(Enumerable.Range(0, 8).Select(open.AddQuarters).Select(p => (Terms.Period(p), p.Id)));
        return choices;
    }

    /// <summary>The next board meeting after today and the period whose paper it receives.</summary>
    public async Task<(DateOnly Board, ReportingPeriod Period)?> NextBoardAsync(CancellationToken cancellationToken)
    {
        var open = cycle.OpenPeriod();
        foreach (var period in Enumerable.Range(0, 5).Select(open.AddQuarters))
        {
            if ((await cycle.DeadlineAsync(period, cancellationToken)).BoardMeeting is { } board && board >= clock.LocalToday())
            {
                return (board, period);
            }
        }

        return null;
    }

    /// <param name="source">Where the officer added it (a decision card, the console): the history records that.</param>
    public async Task<NewActionResult> AddAsync(Member officer, NewActionInput input, ChangeSource source, CancellationToken cancellationToken)
    {
        if (!officer.May(Permissions.CheckReturns))
        {
            return new NewActionResult(DecisionText.NotAnOfficerNothingAdded, []);
        }

        // Only a choice the form offered: card data edited to another period is refused like any other bad choice.
        var due = input.Due?.Trim() ?? string.Empty;
        var offered = await DueChoicesAsync(cancellationToken);
        if (!offered.Any(c => string.Equals(c.Value, due, StringComparison.OrdinalIgnoreCase)
            || (ReportingPeriod.TryParse(due, out var typed) && c.Value == typed.Id)))
        {
            return new NewActionResult(Terms.Format(DecisionText.ChooseDue, offered.First(c => c.Value != NextBoard).Title, offered[^1].Title), []);
        }

        if (string.Equals(due, NextBoard, StringComparison.OrdinalIgnoreCase))
        {
            if (await NextBoardAsync(cancellationToken) is not { } next)
            {
                return new NewActionResult(DecisionText.NoNextBoard, []);
            }

            due = next.Period.Id;
        }

        var plan = (input.Plan ?? string.Empty).Trim();

        // The import would start a new plan for a name it does not know; an action from a meeting joins an existing one.
        if (!await db.Plans.AnyAsync(p => p.Name == plan, cancellationToken))
        {
            return new NewActionResult(DecisionText.ChoosePlan, []);
        }

        var given = (input.Ref ?? string.Empty).Trim();
        var reference = given.Length > 0 ? given.ToUpperInvariant() : await NextRefAsync(plan, cancellationToken);
        if (await db.Actions.AnyAsync(a => a.Ref == reference, cancellationToken))
        {
            return new NewActionResult(Terms.Format(DecisionText.AlreadyAnAction, reference), []);
        }

        var owner = await db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.Email == (input.Owner ?? string.Empty).Trim().ToLower(), cancellationToken);
        var cells = new Dictionary<string, string>
        {
            ["ref"] = reference,
            ["plan"] = plan,
            ["outcome"] = input.Outcome?.Trim() ?? string.Empty,
            ["title"] = input.Title ?? string.Empty,
            ["owner_email"] = input.Owner?.Trim() ?? string.Empty,
            ["agency"] = owner?.Agency ?? string.Empty,
            ["due_period"] = due,
            ["restricted"] = input.Restricted ? "true" : "false",
        };
        var result = await importer.ImportRowAsync(ImportSheets.Actions, cells, officer.Email, source, cancellationToken);
        if (!result.Succeeded)
        {
            return new NewActionResult(Terms.Format(DecisionText.NotAdded, string.Join(" ", result.Problems.Select(p => p.Message))), result.Problems);
        }

        var period = ReportingPeriod.Parse(due);
        var open = cycle.OpenPeriod();
        // The owner's card in the owner's language, whatever the officer's.
        using (CultureScope.Use(await languages.ForAsync(owner!, null, cancellationToken)))
        {
            var heading = Terms.Format(DecisionText.NewActionHeading, reference);
            var card = AdaptiveCard.Create(
            [
                AdaptiveCard.Heading(heading),
                AdaptiveCard.Text(Terms.Format(DecisionText.NewActionIntro, officer.Name)),
                AdaptiveCard.Facts([(DecisionText.Action, FreeText.ForDisplay(input.Title)), (DecisionText.Plan, plan), (DecisionText.Due, Terms.Period(period))]),
                AdaptiveCard.Text(Terms.Format(DecisionText.NewActionWhen, Terms.Period(open)), isSubtle: true),
            ],
            [AdaptiveCard.Execute(DecisionText.GiveFirstUpdate, ReturnCards.OpenVerb, new JsonObject { ["ref"] = reference, ["period"] = open.Id, ["page"] = 0 })]);
            await outbox.EnqueueAsync($"new-action:{reference}", "new-action", owner!.Id, null, BotReply.WithCard(card, heading), cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        jobs.Enqueue<OutboxJob>(job => job.SendDueAsync(CancellationToken.None));
        return new NewActionResult(Terms.Format(DecisionText.Added, reference, owner!.Name, Terms.Period(period)), [], reference);
    }

    /// <summary>
    /// The delivery plans offered for a new action of <paramref name="outcome"/>: those already holding that outcome's
    /// actions, or every plan when it has none yet (its first action) or no outcome is chosen.
    /// </summary>
    public static IReadOnlyList<Plan> PlansFor(StrategicOutcome? outcome, IReadOnlyList<Plan> plans, IEnumerable<PlanAction> actions)
    {
        if (outcome is null)
        {
            return plans;
        }

        var holding = actions.Where(a => a.OutcomeId == outcome.Id).Select(a => a.PlanId).ToHashSet();
        return holding.Count == 0 ? plans : [.. plans.Where(p => holding.Contains(p.Id))];
    }

    /// <summary>The plan's next ref: its actions' prefix ("DV-") and one more than the highest number, else the plan's initials.</summary>
    public async Task<string> NextRefAsync(string plan, CancellationToken cancellationToken)
    {
        var refs = await db.Actions.AsNoTracking().Where(a => a.Plan.Name == plan).Select(a => a.Ref).ToListAsync(cancellationToken);
        var numbered = refs.Select(r => Numbered().Match(r)).Where(m => m.Success).ToList();
        var prefix = numbered.GroupBy(m => m.Groups["prefix"].Value).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault()
            ?? string.Concat(plan.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => char.ToUpperInvariant(w[0])).Where(char.IsLetter)) + "-";
        var next = numbered.Where(m => m.Groups["prefix"].Value == prefix).Select(m => int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture)).DefaultIfEmpty(0).Max() + 1;
        for (; ; next++)
        {
            var candidate = $"{prefix}{next:00}";
            if (!await db.Actions.AnyAsync(a => a.Ref == candidate, cancellationToken) && !await db.Indicators.AnyAsync(i => i.Ref == candidate, cancellationToken))
            {
                return candidate;
            }
        }
    }

    [GeneratedRegex(@"^(?<prefix>.*?)(?<n>\d{1,6})$")]
    private static partial Regex Numbered();
}
