using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CspBot.Core.Features.Conversation;
using CspBot.Core.Persistence;

namespace CspBot.Core.Features.Returns;

/// <summary>
/// Seals the fields of card data that say what a button acts on (the item, the period, the version the form was shown
/// with) with an HMAC under a key only the server holds, so a member who edits them in a card's JSON is detected
/// rather than believed. Every card leaves the server through <see cref="SealAsync(JsonObject, CancellationToken)"/> and every card action is checked
/// by <see cref="IsIntactAsync"/> before anything reads it. The key comes from the <see cref="ServerKeyRing"/>,
/// so every instance shares it and cards survive a restart.
/// </summary>
public sealed class CardSeal(ServerKeyRing keys)
{
    public const string Purpose = "card-seal";

    /// <summary>The card-data field that carries the seal.</summary>
    public const string Field = "sig";

    /// <summary>The sealed fields, in the order they are signed. A field that is absent is signed as absent.</summary>
    private static readonly string[] Sealed = ["verb", "ref", "period", "version"];

    /// <summary>Seals the data of every CspBot action in the card (Action.Execute and its Action.Submit fallback).</summary>
    public async Task<JsonObject> SealAsync(JsonObject card, CancellationToken cancellationToken)
    {
        var secret = await KeyAsync(cancellationToken);
        foreach (var data in ActionData(card))
        {
            data[Field] = Signature(secret, data);
        }

        return card;
    }

    /// <summary>The reply with its card (if any) sealed.</summary>
    public async Task<BotReply> SealAsync(BotReply reply, CancellationToken cancellationToken)
    {
        if (reply.Card is { } card)
        {
            await SealAsync(card, cancellationToken);
        }

        return reply;
    }

    /// <summary>Whether the card data carries a seal that matches its sealed fields.</summary>
    public async Task<bool> IsIntactAsync(JsonObject data, CancellationToken cancellationToken)
    {
        if (data[Field] is not JsonValue value || !value.TryGetValue<string>(out var given) || given.Length > 100)
        {
            return false;
        }

        var expected = Signature(await KeyAsync(cancellationToken), data);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(given));
    }

    private static string Signature(byte[] secret, JsonObject data)
    {
        var text = new StringBuilder();
        foreach (var name in Sealed)
        {
            text.Append(name).Append('=').Append(data[name] is { } node ? node.ToJsonString() : "-").Append('\n');
        }

        return Convert.ToBase64String(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static IEnumerable<JsonObject> ActionData(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["type"] is JsonValue type && type.TryGetValue<string>(out var kind) && kind is "Action.Execute" or "Action.Submit"
                    && obj["data"] is JsonObject data && data["verb"] is JsonValue verb && verb.TryGetValue<string>(out var name) && name.StartsWith("cspbot.", StringComparison.Ordinal))
                {
                    yield return data;
                }

                foreach (var (_, child) in obj)
                {
                    foreach (var found in ActionData(child))
                    {
                        yield return found;
                    }
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    foreach (var found in ActionData(child))
                    {
                        yield return found;
                    }
                }

                break;
        }
    }

    private Task<byte[]> KeyAsync(CancellationToken cancellationToken) => keys.KeyAsync(Purpose, cancellationToken);
}
