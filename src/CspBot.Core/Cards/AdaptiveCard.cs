using System.Text.Json.Nodes;

namespace CspBot.Core.Cards;

/// <summary>
/// Small builders for Adaptive Card JSON (schema 1.5, elements Teams supports). The .NET AdaptiveCards package is not
/// available to this build; cards are validated in tests by the official JavaScript renderer.
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
        var block = new JsonObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = wrap };
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

    public static JsonObject Heading(string text) => Text(text, size: "Large", weight: "Bolder");

    public static JsonObject Facts(IEnumerable<(string Title, string Value)> facts) => new()
    {
        ["type"] = "FactSet",
        ["facts"] = new JsonArray([.. facts.Select(f => (JsonNode)new JsonObject { ["title"] = f.Title, ["value"] = f.Value })]),
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
}
