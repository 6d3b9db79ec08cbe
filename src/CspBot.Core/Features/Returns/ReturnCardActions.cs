using System.Text.Json.Nodes;
using CspBot.Core.Cards;
using CspBot.Core.Domain;
using CspBot.Core.Features.Localisation;
using Microsoft.Extensions.Logging;

namespace CspBot.Core.Features.Returns;

/// <summary>Handles the buttons of the owner's cards: open an item, submit a return, turn a page.</summary>
public sealed class ReturnCardActions(OwedItems owed, MemberItems mine, ReturnService returns, ReportingCycle cycle, ReturnChangeNotice notice, ReturnForms forms, ILogger<ReturnCardActions> logger) : ICardAction
{
    public IReadOnlyCollection<string> Verbs { get; } = [ReturnCards.OpenVerb, ReturnCards.SubmitVerb, ReturnCards.PageVerb];

    public async Task<CardActionResult> HandleAsync(Member member, ConversationKind conversation, string verb, JsonObject data, CancellationToken cancellationToken)
    {
        if (conversation != ConversationKind.Personal)
        {
            return CardActionResult.Say(MyActionsCommand.PersonalChatOnly);
        }

        if (!ReportingPeriod.TryParse(Text(data, "period"), out var period))
        {
            return CardActionResult.Say(ReturnText.MissingPeriod);
        }

        var page = int.TryParse(Text(data, "page"), out var p) ? p : 0;
        var summary = await cycle.SummaryAsync(period, cancellationToken);
        switch (verb)
        {
            case ReturnCards.PageVerb:
                return CardActionResult.Replace(ReturnCards.List(summary, await mine.ForAsync(member, period, cancellationToken), page, member));

            case ReturnCards.OpenVerb:
                var item = await owed.FindAsync(Text(data, "ref") ?? string.Empty, period, cancellationToken);
                if (item is null)
                {
                    return CardActionResult.Say(Terms.Format(ReturnText.CannotFind, Text(data, "ref")));
                }

                if (!await returns.CanChangeAsync(member, item, cancellationToken))
                {
                    return CardActionResult.Say(item.NotYours);
                }

                var intake = await cycle.IntakeAsync(period, cancellationToken);
                return intake == PeriodIntake.Open
                    ? CardActionResult.Replace(await forms.FormAsync(summary, item, null, new Dictionary<string, string>(), page, cancellationToken))
                    : CardActionResult.Say(cycle.IntakeRefusal(period, intake));

            default:
                return await SubmitAsync(member, period, summary, page, data, cancellationToken);
        }
    }

    private async Task<CardActionResult> SubmitAsync(Member member, ReportingPeriod period, PeriodSummary summary, int page, JsonObject data, CancellationToken ct)
    {
        var reference = Text(data, "ref") ?? string.Empty;
        var version = int.TryParse(Text(data, "version"), out var v) ? v : 0;
        var input = new ReturnInput(Text(data, "status"), Text(data, "commentary"), Text(data, "measures"), Text(data, "revisedDate"), Text(data, "actual"));
        var result = await returns.SubmitAsync(member, reference, period, version, input, ChangeSource.Teams, ct);
        logger.LogInformation("Return {Ref} from {Member}: {Outcome}", reference, member.Email, result.Outcome);
        switch (result.Outcome)
        {
            case SubmitOutcome.Saved:
            case SubmitOutcome.AlreadySaved:
                var items = await mine.ForAsync(member, period, ct);
                var left = items.Count(i => i.Owes);
                var banner = Terms.Format(ReturnText.Saved, reference) + (left == 0 ? ReturnText.AllDone : Counted.In(ReturnText.ResourceManager, "StillToDo", left));

                // Returned items sort after outstanding ones: open the page where the saved item now is.
                var index = items.ToList().FindIndex(i => string.Equals(i.Ref, reference, StringComparison.OrdinalIgnoreCase));
                return CardActionResult.Replace(ReturnCards.List(summary, items, index >= 0 ? index / ReturnCards.PageSize : page, member, banner));
            case SubmitOutcome.Invalid:
                return CardActionResult.Replace(await forms.FormAsync(summary, result.Item!, input, result.Errors, page, ct));
            case SubmitOutcome.Conflict:
                var fresh = await owed.FindAsync(reference, period, ct);
                return CardActionResult.Replace(await forms.FormAsync(summary, fresh!, input, new Dictionary<string, string>(), page, ct, await ChangedMeanwhileAsync(member, fresh!.Return, ct)));
            case SubmitOutcome.NotAllowed:
                return CardActionResult.Say(Terms.Format(ReturnText.NothingSaved, result.Item!.NotYours));
            case SubmitOutcome.PeriodClosed:
                return CardActionResult.Say(cycle.IntakeRefusal(period, PeriodIntake.Closed));
            case SubmitOutcome.PeriodNotOpen:
                return CardActionResult.Say(cycle.IntakeRefusal(period, PeriodIntake.NotOpen));
            default:
                return CardActionResult.Say(Terms.Format(ReturnText.CannotFind, reference));
        }
    }

    /// <summary>The stale-form notice: who saved in between and when, then what to do.</summary>
    private async Task<string> ChangedMeanwhileAsync(Member reader, Return? current, CancellationToken ct) => current is null
        ? ReturnText.ChangedMeanwhile
        : Terms.Format(ReturnText.ChangedBy, await notice.WhoChangedAsync(reader, current, ct));

    private static string? Text(JsonObject data, string name) => CardActionRouter.Text(data, name);
}
