using System.Globalization;
using System.Text.Json.Nodes;
using CspBot.Core.Cards;
using CspBot.Core.Domain;
using CspBot.Core.Features.Localisation;
using CspBot.Core.Features.Reports;
using CspBot.Core.Features.Returns;

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

    /// <summary>How much of a commentary or measures the card shows.</summary>
    public const int MaxTextShown = 700;

    /// <summary>The card-data field of the question typed for <paramref name="reference"/> (one per return on the card).</summary>
    public static string QuestionField(string reference) => $"question-{reference}";

    /// <summary>What <c>check</c> was asked to narrow to (a ref, an owner's name, an agency), trimmed and bounded; null for all.</summary>
    public static string? Filter(string? text) => FreeText.Normalise(text) is { Length: > 0 and <= 100 } typed ? typed : null;

    /// <summary>The check card's summary (its notification text), in the language now.</summary>
    public static string Summary(int waiting) => Terms.Format(CheckText.Summary, waiting);

    /// <summary>The card in the language now: open a <see cref="CultureScope"/> for the officer it is for.</summary>
    public static JsonObject Bundle(IReadOnlyList<(ReportingPeriod Period, OwedItem Item)> waiting, int page, Member officer, string? banner = null, bool bannerGood = true, string? filter = null)
    {
        var pages = Math.Max(1, (int)Math.Ceiling(waiting.Count / (double)PageSize));
        page = Math.Clamp(page, 0, pages - 1);
        var body = new List<JsonNode>();
        if (banner is not null)
        {
            body.Add(AdaptiveCard.Text(banner, weight: "Bolder", color: bannerGood ? "Good" : "Warning"));
        }

        body.Add(AdaptiveCard.Heading(waiting.Count == 0
            ? (filter is null ? CheckText.HeadingNone : Terms.Format(CheckText.HeadingNoneMatching, filter))
            : (filter is null ? Terms.Format(CheckText.Heading, waiting.Count) : Terms.Format(CheckText.HeadingMatching, filter, waiting.Count))));
        body.Add(AdaptiveCard.Text(
            waiting.Count == 0 ? CheckText.AllChecked
                : pages > 1 ? Terms.Format(CheckText.IntroPaged, page + 1, pages) : CheckText.Intro,
            isSubtle: true, spacing: "None"));
        foreach (var (period, item) in waiting.Skip(page * PageSize).Take(PageSize))
        {
            body.Add(Entry(period, item, page, filter));
        }

        var actions = new List<JsonNode>();
        if (page > 0)
        {
            actions.Add(AdaptiveCard.Execute(CheckText.Previous, PageVerb, PageData(page - 1, filter)));
        }

        if (page < pages - 1)
        {
            actions.Add(AdaptiveCard.Execute(CheckText.Next, PageVerb, PageData(page + 1, filter)));
        }

        var card = AdaptiveCard.Create(body, actions);
        return officer.TeamsUserId is { } user ? card.Refreshing(PageVerb, PageData(page, filter), user) : card;
    }

    /// <summary>The page, and the filter the card was made with (not sealed: it only narrows what an officer sees).</summary>
    private static JsonObject PageData(int page, string? filter)
    {
        var data = new JsonObject { ["page"] = page };
        if (filter is not null)
        {
            data["filter"] = filter;
        }

        return data;
    }

    private static JsonObject Entry(ReportingPeriod period, OwedItem item, int page, string? filter)
    {
        var current = item.Return!;
        var lines = new List<JsonNode>
        {
            AdaptiveCard.Text($"**{item.Ref}** {item.Title}"),
            AdaptiveCard.Text($"{ReturnCards.StatusText(item)} · {item.Owner?.Name ?? item.OwnerEmail} ({item.Agency}) · {Terms.Period(period)}", isSubtle: true, spacing: "None"),
        };
        // Five returns of 2,000-character answers would not fit Teams' 28 KB a card: long text is cut here, and is whole on
        // the console's Returns page.
        var facts = new List<(string, string)> { (CheckText.Commentary, FreeText.Shorten(current.Commentary ?? string.Empty, MaxTextShown)) };
        if (current.MeasuresToImprove is { } measures)
        {
            facts.Add((CheckText.Measures, FreeText.Shorten(measures, MaxTextShown)));
        }

        if (current.RevisedDate is { } revised)
        {
            facts.Add((CheckText.RevisedDate, Words.Date(revised, "d MMM yyyy")));
        }

        if (item.Indicator is { } indicator && item.Actual is { } actual)
        {
            facts.Add((CheckText.Figure, Terms.Format(CheckText.FigureAgainstTarget, ExceptionReport.WithUnit(actual, indicator.Unit), ExceptionReport.WithUnit(indicator.Target, indicator.Unit))));
        }

        if (current.Query is { } earlier)
        {
            facts.Add((CheckText.EarlierQuery, FreeText.Shorten(earlier, MaxTextShown)));
        }

        lines.Add(AdaptiveCard.Facts(facts));
        var data = PageData(page, filter);
        data["ref"] = item.Ref;
        data["period"] = period.Id;
        data["version"] = current.Version;
        lines.Add(AdaptiveCard.ActionSet(
            AdaptiveCard.Execute(CheckText.Accept, AcceptVerb, data.DeepClone().AsObject(), style: "positive"),
            AdaptiveCard.ShowCard(CheckText.Query, [
                AdaptiveCard.TextInput(QuestionField(item.Ref), item.Owner is { } owner ? Terms.Format(CheckText.QuestionFor, owner.Name, item.Ref) : Terms.Format(CheckText.QuestionForTheOwner, item.Ref), null, multiline: true, maxLength: ReturnChecks.MaxQuestion),
            ], [AdaptiveCard.Execute(CheckText.SendQuery, QueryVerb, data.DeepClone().AsObject())])));
        return AdaptiveCard.Container(lines, separator: true);
    }

    /// <summary>The data's page number, clamped by the card.</summary>
    public static int Page(string? text) => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var page) ? page : 0;
}
