using System.Text.Json.Nodes;
using CspBot.Core.Domain;
using CspBot.Core.Features.Localisation;

namespace CspBot.Core.Cards;

/// <summary>
/// Small builders for Adaptive Card JSON (schema 1.5, elements Teams supports). The .NET AdaptiveCards package is not
/// available to this build; cards are validated in tests by the official JavaScript renderer. Every text shown goes
/// through <see cref="FreeText.ForDisplay"/>, so no name, ref or commentary becomes a link or a mention; the card
/// templates themselves use markdown only for bold.
/// </summary>
public static class AdaptiveCard
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";

    public static JsonObject Create(IEnumerable<JsonNode> body, IEnumerable<JsonNode>? actions = null)
    {
        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = "1.5",

            // The language the card is written in (set per recipient by CultureScope), for screen readers and Teams.
            ["lang"] = Words.Code,
            ["msteams"] = new JsonObject { ["width"] = "Full" },
            ["body"] = new JsonArray([.. body]),
        };
        if (actions is not null)
        {
            var list = new JsonArray([.. actions]);
            if (list.Count > 0)
            {
                card["actions"] = list;
            }
        }

        return card;
    }

    public static JsonObject Text(string text, string? size = null, string? weight = null, string? color = null, bool isSubtle = false, bool wrap = true, string? spacing = null)
    {
        var block = new JsonObject { ["type"] = "TextBlock", ["text"] = FreeText.ForDisplay(text), ["wrap"] = wrap };
        SetIf(block, "size", size);
        SetIf(block, "weight", weight);
        SetIf(block, "color", color);
        SetIf(block, "spacing", spacing);
        if (isSubtle)
        {
            block["isSubtle"] = true;
        }

        return block;
    }

    /// <summary>
    /// Makes <paramref name="card"/> refresh itself (Universal Actions): when one of <paramref name="userIds"/> (Teams
    /// user ids, at most 60) opens a chat holding it, Teams sends the action and shows the card the bot answers.
    /// </summary>
    public static JsonObject Refreshing(this JsonObject card, string verb, JsonObject data, params string[] userIds)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(userIds.Length, 60);
        card["refresh"] = new JsonObject
        {
            ["action"] = Execute("Refresh", verb, data),
            ["userIds"] = new JsonArray([.. userIds.Select(id => JsonValue.Create(id))]),
        };
        return card;
    }

    public static JsonObject Heading(string text) => Text(text, size: "Large", weight: "Bolder");

    public static JsonObject Facts(IEnumerable<(string Title, string Value)> facts) => new()
    {
        ["type"] = "FactSet",
        ["facts"] = new JsonArray([.. facts.Select(f => (JsonNode)new JsonObject { ["title"] = FreeText.ForDisplay(f.Title), ["value"] = FreeText.ForDisplay(f.Value) })]),
    };

    public static JsonObject Container(IEnumerable<JsonNode> items, string? style = null, bool separator = false)
    {
        var container = new JsonObject { ["type"] = "Container", ["items"] = new JsonArray([.. items]) };
        SetIf(container, "style", style);
        if (separator)
        {
            container["separator"] = true;
        }

        return container;
    }

    private static void SetIf(JsonObject node, string name, string? value)
    {
        if (value is not null)
        {
            node[name] = value;
        }
    }

    /// <summary>
    /// A Universal Action (<c>Action.Execute</c>) with an <c>Action.Submit</c> fallback for clients without it. The verb
    /// is also put in the data, so both arrive at the same handler.
    /// </summary>
    public static JsonObject Execute(string title, string verb, JsonObject data, string? style = null)
    {
        data["verb"] = verb;
        var action = new JsonObject
        {
            ["type"] = "Action.Execute",
            ["title"] = title,
            ["verb"] = verb,
            ["data"] = data.DeepClone(),
            ["fallback"] = new JsonObject { ["type"] = "Action.Submit", ["title"] = title, ["data"] = data.DeepClone() },
        };
        SetIf(action, "style", style);
        return action;
    }

    /// <summary>A button that opens a small card in place (a question to type, then its own button).</summary>
    public static JsonObject ShowCard(string title, IEnumerable<JsonNode> body, IEnumerable<JsonNode> actions) => new()
    {
        ["type"] = "Action.ShowCard",
        ["title"] = title,
        ["card"] = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["body"] = new JsonArray([.. body]),
            ["actions"] = new JsonArray([.. actions]),
        },
    };

    /// <summary>A button that sends <paramref name="text"/> as if typed (Teams' imBack).</summary>
    public static JsonObject SendText(string title, string text) => new()
    {
        ["type"] = "Action.Submit",
        ["title"] = title,
        ["data"] = new JsonObject { ["msteams"] = new JsonObject { ["type"] = "imBack", ["value"] = text } },
    };

    public static JsonObject ActionSet(params JsonNode[] actions) => new() { ["type"] = "ActionSet", ["actions"] = new JsonArray(actions) };

    public static JsonObject Columns(params JsonObject[] columns) => new() { ["type"] = "ColumnSet", ["columns"] = new JsonArray(columns) };

    public static JsonObject Column(string width, params JsonNode[] items) => new()
    {
        ["type"] = "Column",
        ["width"] = width,
        ["verticalContentAlignment"] = "Center",
        ["items"] = new JsonArray(items),
    };

    public static JsonObject TextInput(string id, string label, string? value, bool multiline = false, string? placeholder = null, int maxLength = 2000)
    {
        var input = new JsonObject { ["type"] = "Input.Text", ["id"] = id, ["label"] = label, ["isMultiline"] = multiline, ["maxLength"] = maxLength };
        SetIf(input, "value", value is null ? null : FreeText.Writable(value));
        SetIf(input, "placeholder", placeholder);
        return input;
    }

    public static JsonObject DateInput(string id, string label, string? value)
    {
        var input = new JsonObject { ["type"] = "Input.Date", ["id"] = id, ["label"] = label };
        SetIf(input, "value", value);
        return input;
    }

    public static JsonObject ChoiceInput(string id, string label, string? value, params (string Title, string Value)[] choices)
    {
        var input = new JsonObject
        {
            ["type"] = "Input.ChoiceSet",
            ["id"] = id,
            ["label"] = label,
            ["style"] = "compact",
            ["choices"] = new JsonArray([.. choices.Select(c => (JsonNode)new JsonObject { ["title"] = c.Title, ["value"] = c.Value })]),
        };
        SetIf(input, "value", value);
        return input;
    }
}
