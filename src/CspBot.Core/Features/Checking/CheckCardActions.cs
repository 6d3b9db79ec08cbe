using System.Text.Json.Nodes;
using CspBot.Core.Cards;
using CspBot.Core.Domain;
using CspBot.Core.Features.Returns;

namespace CspBot.Core.Features.Checking;

/// <summary>The check card's buttons: Accept, Query (with its question) and the pages. Answered with the card as it is now.</summary>
public sealed class CheckCardActions(ReturnChecks checks) : ICardAction
{
    public IReadOnlyCollection<string> Verbs { get; } = [CheckCards.AcceptVerb, CheckCards.QueryVerb, CheckCards.PageVerb];

    public async Task<CardActionResult> HandleAsync(Member member, ConversationKind conversation, string verb, JsonObject data, CancellationToken cancellationToken)
    {
        if (!member.May(Permissions.CheckReturns))
        {
            return CardActionResult.Say(CheckText.NotAnOfficer);
        }

        // Commentary of restricted items is on this card: it is answered only in a personal chat.
        if (conversation != ConversationKind.Personal)
        {
            return CardActionResult.Say(MyActionsCommand.PersonalChatOnly);
        }

        var page = CheckCards.Page(CardActionRouter.Text(data, "page"));
        string? banner = null;
        var good = true;
        if (verb != CheckCards.PageVerb)
        {
            if (!ReportingPeriod.TryParse(CardActionRouter.Text(data, "period"), out var period))
            {
                return CardActionResult.Say(CardActionRouter.OutOfDate);
            }

            var reference = CardActionRouter.Text(data, "ref") ?? string.Empty;
            var version = int.TryParse(CardActionRouter.Text(data, "version"), out var v) ? v : -1;
            var result = verb == CheckCards.AcceptVerb
                ? await checks.AcceptAsync(member, reference, period, version, ChangeSource.Teams, cancellationToken)
                : await checks.QueryAsync(member, reference, period, version, CardActionRouter.Text(data, CheckCards.QuestionField(reference)), ChangeSource.Teams, cancellationToken);
            if (result.Outcome == CheckOutcome.Invalid)
            {
                return CardActionResult.Say(result.Message);
            }

            good = result.Outcome == CheckOutcome.Done;
            banner = (good ? "✔ " : "⚠ ") + result.Message;
        }

        var filter = CheckCards.Filter(CardActionRouter.Text(data, "filter"));
        var waiting = await checks.AwaitingAsync(filter, cancellationToken);
        return CardActionResult.Replace(CheckCards.Bundle(waiting, page, member, banner, good, filter));
    }
}
