using System.Text.Json.Nodes;
using CspBot.Core.Domain;
using CspBot.Core.Features.Returns;
using Microsoft.Extensions.Logging;

namespace CspBot.Core.Cards;

/// <summary>The result of a card action: a card that replaces the one clicked, or a short message.</summary>
public sealed record CardActionResult(JsonObject? Card, string? Message)
{
    /// <summary>
    /// True when the card is for the person who clicked only (it carries a link made for them). Teams shows an
    /// Action.Execute answer to the clicker alone; an Action.Submit answer would replace the card for everyone, so
    /// such a card goes to the clicker's personal chat instead.
    /// </summary>
    public bool ForClickerOnly { get; init; }

    public static CardActionResult Replace(JsonObject card) => new(card, null);

    public static CardActionResult Say(string message) => new(null, message);
}

/// <summary>The buttons of one feature's cards: the verbs it answers and what each does.</summary>
public interface ICardAction
{
    IReadOnlyCollection<string> Verbs { get; }

    /// <param name="data">Card data whose seal has been checked.</param>
    Task<CardActionResult> HandleAsync(Member member, ConversationKind conversation, string verb, JsonObject data, CancellationToken cancellationToken);
}

/// <summary>
/// Every card button arrives here, from Action.Execute or its Action.Submit fallback. The seal is checked first, for
/// every verb: the verb itself is sealed with the data, so a sealed "open" cannot be replayed as a "submit".
/// </summary>
public sealed class CardActionRouter(IEnumerable<ICardAction> actions, CardSeal seal, ILogger<CardActionRouter> logger)
{
    /// <summary>In the language now (CardText).</summary>
    public static string AlteredCard => CardText.AlteredCard;

    /// <summary>In the language now (CardText).</summary>
    public static string OutOfDate => CardText.OutOfDate;

    public async Task<CardActionResult> HandleAsync(Member member, ConversationKind conversation, string? verb, JsonObject data, CancellationToken cancellationToken)
    {
        var handler = verb is null ? null : actions.FirstOrDefault(a => a.Verbs.Contains(verb));
        if (handler is null)
        {
            logger.LogWarning("Unknown card action {Verb} from {Member}", verb, member.Email);
            return CardActionResult.Say(OutOfDate);
        }

        if (Text(data, "verb") != verb || !await seal.IsIntactAsync(data, cancellationToken))
        {
            logger.LogWarning("Card action {Verb} from {Member} refused: its data was altered or it was not sent by this server", verb, member.Email);
            return CardActionResult.Say(AlteredCard);
        }

        return await handler.HandleAsync(member, conversation, verb!, data, cancellationToken);
    }

    /// <summary>A card-data field as text (numbers as their JSON), or null when absent.</summary>
    public static string? Text(JsonObject data, string name) => data[name] switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var s) => s,
        var node => node.ToJsonString(),
    };
}
