using System.Globalization;
using System.Text.Json.Nodes;
using CspBot.Core.Cards;
using CspBot.Core.Domain;
using CspBot.Core.Features.Returns;
using CspBot.Core.Scheduling;

namespace CspBot.Core.Features.Checking;

/// <summary>
/// The officer's check card: the returns awaiting check with their figures, RAG and commentary, each with Accept and
/// Query in place (Universal Actions). Sent at most once a working day, and refreshed to what is waiting now.
/// </summary>
public static class CheckCards
{
    public const string AcceptVerb = "cspbot.check.accept";
    public const string QueryVerb = "cspbot.check.query";
    public const string PageVerb = "cspbot.check.page";
    public const int PageSize = 5;

    /// <summary>The card-data field of the question typed for <paramref name="reference"/> (one per return on the card).</summary>
    public static string QuestionField(string reference) => $"question-{reference}";

    public static JsonObject Bundle(IReadOnlyList<(ReportingPeriod Period, OwedItem Item)> waiting, int page, Member officer, string? banner = null, bool bannerGood = true)
    {
        var pages = Math.Max(1, (int)Math.Ceiling(waiting.Count / (double)PageSize));
        page = Math.Clamp(page, 0, pages - 1);
        var body = new List<JsonNode>();
        if (banner is not null)
        {
            body.Add(AdaptiveCard.Text(banner, weight: "Bolder", color: bannerGood ? "Good" : "Warning"));
        }

        body.Add(AdaptiveCard.Heading(waiting.Count == 0 ? "No returns to check" : $"Returns to check ({waiting.Count})"));
        body.Add(AdaptiveCard.Text(
            waiting.Count == 0
                ? "Everything submitted has been checked. Thank you!"
                : "Accept each return, or query it with its owner. Checked returns are what the board paper reports." + (pages > 1 ? $" · page {page + 1} of {pages}" : string.Empty),
            isSubtle: true, spacing: "None"));
        foreach (var (period, item) in waiting.Skip(page * PageSize).Take(PageSize))
        {
            body.Add(Entry(period, item, page));
        }

        var actions = new List<JsonNode>();
        if (page > 0)
        {
            actions.Add(AdaptiveCard.Execute("Previous", PageVerb, new JsonObject { ["page"] = page - 1 }));
        }

        if (page < pages - 1)
        {
            actions.Add(AdaptiveCard.Execute("Next", PageVerb, new JsonObject { ["page"] = page + 1 }));
        }

        var card = AdaptiveCard.Create(body, actions);
        return officer.TeamsUserId is { } user ? card.Refreshing(PageVerb, new JsonObject { ["page"] = page }, user) : card;
    }

    private static JsonObject Entry(ReportingPeriod period, OwedItem item, int page)
    {
        var current = item.Return!;
        var lines = new List<JsonNode>
        {
            AdaptiveCard.Text($"**{item.Ref}** {item.Title}"),
            AdaptiveCard.Text($"{ReturnCards.StatusText(item)} · {item.Owner?.Name ?? item.OwnerEmail} ({item.Agency}) · {period}", isSubtle: true, spacing: "None"),
        };
        var facts = new List<(string, string)> { ("Commentary", current.Commentary ?? string.Empty) };
        if (current.MeasuresToImprove is { } measures)
        {
            facts.Add(("Measures", measures));
        }

        if (current.RevisedDate is { } revised)
        {
            facts.Add(("Revised date", revised.ToString("d MMM yyyy", PartnershipTime.British)));
        }

        if (item.Indicator is { } indicator && current.Actual is { } actual)
        {
            facts.Add(("Figure", $"{ReturnChecks.Number(actual)} {indicator.Unit} against a target of {ReturnChecks.Number(indicator.Target)}"));
        }

        if (current.Query is { } earlier)
        {
            facts.Add(("Earlier query", earlier));
        }

        lines.Add(AdaptiveCard.Facts(facts));
        var data = new JsonObject { ["ref"] = item.Ref, ["period"] = period.Id, ["version"] = current.Version, ["page"] = page };
        lines.Add(AdaptiveCard.ActionSet(
            AdaptiveCard.Execute("Accept", AcceptVerb, data.DeepClone().AsObject(), style: "positive"),
            AdaptiveCard.ShowCard("Query", [
                AdaptiveCard.TextInput(QuestionField(item.Ref), $"Question for {item.Owner?.Name ?? "the owner"} about {item.Ref}", null, multiline: true, maxLength: ReturnChecks.MaxQuestion),
            ], [AdaptiveCard.Execute("Send query", QueryVerb, data.DeepClone().AsObject())])));
        return AdaptiveCard.Container(lines, separator: true);
    }

    /// <summary>The data's page number, clamped by the card.</summary>
    public static int Page(string? text) => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var page) ? page : 0;
}
