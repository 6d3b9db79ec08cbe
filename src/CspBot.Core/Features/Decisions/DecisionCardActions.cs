using System.Text.Json.Nodes;
using CspBot.Core.Cards;
using CspBot.Core.Domain;
using CspBot.Core.Features.Conversation;
using CspBot.Core.Features.Localisation;
using CspBot.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CspBot.Core.Features.Decisions;

/// <summary>The decision cards' buttons: open a form, save it (re-shown with the problem when it is refused), back to the menu.</summary>
public sealed class DecisionCardActions(CspDbContext db, NewActions newActions, TargetChanges targets, TimeProvider clock) : ICardAction
{
    public static string NotAnOfficer => DecisionText.NotAnOfficer;

    public IReadOnlyCollection<string> Verbs { get; } =
        [DecisionCards.ActionFormVerb, DecisionCards.TargetFormVerb, DecisionCards.SaveActionVerb, DecisionCards.SaveTargetVerb, DecisionCards.MenuVerb];

    public async Task<CardActionResult> HandleAsync(Member member, ConversationKind conversation, string verb, JsonObject data, CancellationToken cancellationToken)
    {
        if (!member.May(Permissions.CheckReturns))
        {
            return CardActionResult.Say(NotAnOfficer);
        }

        string? T(string field) => CardActionRouter.Text(data, field);
        switch (verb)
        {
            case DecisionCards.ActionFormVerb:
                return CardActionResult.Replace(DecisionCards.ActionForm(await ChoicesAsync(cancellationToken)));
            case DecisionCards.TargetFormVerb:
                return CardActionResult.Replace(DecisionCards.TargetForm(await ChoicesAsync(cancellationToken)));
            case DecisionCards.SaveActionVerb:
                var added = await newActions.AddAsync(member, new NewActionInput(null, T("title"), T("outcome"), T("plan"), T("owner"), T("due")), ChangeSource.Teams, cancellationToken);
                return CardActionResult.Replace(added.Added
                    ? DecisionCards.Menu("✔ " + added.Message)
                    : DecisionCards.ActionForm(await ChoicesAsync(cancellationToken), Typed(data, "title", "outcome", "plan", "owner", "due"), added.Message));
            case DecisionCards.SaveTargetVerb:
                var change = await targets.RecordAsync(member, new TargetChangeInput(T("indicator"), T("target"), T("from"), T("decidedBy"), T("decidedOn"), T("reason")), ChangeSource.Teams, cancellationToken);
                return CardActionResult.Replace(change.Refused
                    ? DecisionCards.TargetForm(await ChoicesAsync(cancellationToken), Typed(data, "indicator", "target", "from", "decidedBy", "decidedOn", "reason"), change.Refusal)
                    : DecisionCards.Menu(Terms.Format(DecisionText.Recorded, T("indicator")?.Trim().ToUpperInvariant(), change.Value!.NewTarget, Terms.Period(change.Value.FromPeriod))));
            default:
                return CardActionResult.Replace(DecisionCards.Menu());
        }
    }

    public async Task<DecisionChoices> ChoicesAsync(CancellationToken cancellationToken)
    {
        var today = Scheduling.PartnershipTime.LocalToday(clock);
        var lastMeeting = await db.Meetings.AsNoTracking().Where(m => m.Date <= today).OrderByDescending(m => m.Date).Select(m => (DateOnly?)m.Date).FirstOrDefaultAsync(cancellationToken);
        var members = await db.Members.AsNoTracking().OrderBy(m => m.Name).ToListAsync(cancellationToken);
        return new DecisionChoices(
            await db.Outcomes.AsNoTracking().OrderBy(o => o.Code).ToListAsync(cancellationToken),
            await db.Plans.AsNoTracking().OrderBy(p => p.Name).ToListAsync(cancellationToken),
            [.. members.Where(m => m.May(Permissions.AnswerReturns))],
            await db.Indicators.AsNoTracking().OrderBy(i => i.Ref).ToListAsync(cancellationToken),
            await newActions.DueChoicesAsync(cancellationToken),
            targets.Periods(),
            lastMeeting ?? today);
    }

    private static Dictionary<string, string?> Typed(JsonObject data, params string[] fields) =>
        fields.ToDictionary(f => f, f => CardActionRouter.Text(data, f));
}

/// <summary><c>decisions</c>: an officer records what a board or PMG meeting decided.</summary>
public sealed class DecisionsCommand : IBotCommand
{
    public CommandInfo Info { get; } = new("decisions", "decisions", Permissions.CheckReturns, "decision", "record decision");

    public Task<IReadOnlyList<BotReply>> HandleAsync(CommandContext context, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<BotReply>>([BotReply.WithCard(DecisionCards.Menu(), DecisionText.MenuSummary)]);
}

/// <summary>The type-ahead of the new-action card's owner field: members whose name, agency or email contains the text.</summary>
public sealed class MemberSearch(CspDbContext db)
{
    public const int MaxResults = 15;

    public async Task<IReadOnlyList<(string Title, string Value)>> FindAsync(Member asking, string? text, CancellationToken cancellationToken)
    {
        if (!asking.May(Permissions.CheckReturns))
        {
            return [];
        }

        var query = (text ?? string.Empty).Trim();
        if (query.Length > 100)
        {
            return [];
        }

        var members = await db.Members.AsNoTracking().OrderBy(m => m.Name).ToListAsync(cancellationToken);
        return members
            .Where(m => m.May(Permissions.AnswerReturns))
            .Where(m => query.Length == 0 || m.Name.Contains(query, StringComparison.OrdinalIgnoreCase) || m.Agency.Contains(query, StringComparison.OrdinalIgnoreCase) || m.Email.Contains(query, StringComparison.OrdinalIgnoreCase))
            .Take(MaxResults)
            .Select(m => ($"{m.Name} ({m.Agency})", m.Email))
            .ToList();
    }
}
