using System.Globalization;
using System.Text.Json.Nodes;
using CspBot.Core.Cards;
using CspBot.Core.Features.Channel;
using CspBot.Core.Domain;
using CspBot.Core.Features.Localisation;
using CspBot.Core.Features.Reports;
using CspBot.Core.Features.Returns;
using CspBot.Core.Features.Variation;

namespace CspBot.Core.Features.Scorecard;

/// <summary>The chair's scorecard: RAG counts per strategic outcome, direction of travel, the Reds by name, returns in.</summary>
public static class ScorecardCard
{
    private const int MaxRedsListed = 15;

    /// <param name="reportVersion">The latest compiled version of the period's report, for its button; null when none.</param>
    public static JsonObject Build(PeriodResults results, StrategicOutcome? only, int? reportVersion)
    {
        var items = only is null ? results.Items : results.Items.Where(i => i.OutcomeCode == only.Code).ToList();
        var body = new List<JsonNode>
        {
            AdaptiveCard.Heading(only is null ? Terms.Format(ScorecardText.Heading, Terms.Period(results.Period)) : Terms.Format(ScorecardText.HeadingForOutcome, Terms.Period(results.Period), only.Title)),
            AdaptiveCard.Text(Terms.Format(ScorecardText.Subtitle, ReturnCards.Deadline(new PeriodSummary(results.Period, results.Deadline)), items.Count(i => i.Returned), items.Count), isSubtle: true, spacing: "None"),
        };
        var outcomes = (only is null ? results.Outcomes : [only]).Where(o => items.Any(i => i.OutcomeCode == o.Code)).ToList();
        var table = new List<JsonNode>
        {
            AdaptiveCard.Text(ScorecardText.CountsKey, isSubtle: true, spacing: "Small"),
            Row(ScorecardText.ColumnOutcome, ScorecardText.ColumnActions, ScorecardText.ColumnIndicators),
        };
        foreach (var outcome in outcomes)
        {
            var mine = items.Where(i => i.OutcomeCode == outcome.Code).ToList();
            table.Add(Row(outcome.Title, ActionCounts(mine), IndicatorCounts(mine)));
        }

        table.Add(Row(ScorecardText.AllOutcomes, ActionCounts(items), IndicatorCounts(items)));
        body.Add(RagChart(outcomes, items, AdaptiveCard.Container(table)));

        var indicators = items.Where(i => i.Indicator is not null).ToList();
        body.Add(AdaptiveCard.Text(Travel(indicators), spacing: "Medium"));

        // The scorecard goes to chats and channels: restricted items are counted, never named.
        var reds = ChannelDisclosure.Split(items.Where(i => i.Rag == Rag.Red).OrderBy(i => i.Kind).ThenBy(i => i.Ref, StringComparer.Ordinal), i => i.Restricted);
        body.Add(AdaptiveCard.Text(reds.Total == 0 ? ScorecardText.NoReds : Terms.Format(ScorecardText.Reds, reds.Total), spacing: "Medium"));
        foreach (var red in reds.Named.Take(MaxRedsListed))
        {
            body.Add(AdaptiveCard.Text($"🔴 **{red.Ref}** {red.Title}{Figures(red)}{(red.Spc is { } spc ? " · " + VariationWords.Short(spc) : string.Empty)} · {red.Agency}", spacing: "Small"));
        }

        if (reds.Named.Count > MaxRedsListed)
        {
            body.Add(AdaptiveCard.Text(Terms.Format(ScorecardText.RedsMore, reds.Named.Count - MaxRedsListed), isSubtle: true));
        }

        if (ChannelDisclosure.WithheldLine(reds.Withheld) is { } withheld)
        {
            body.Add(AdaptiveCard.Text("🔴 " + withheld, spacing: "Small"));
        }

        var actions = new List<JsonNode>();
        if (reportVersion is { } version)
        {
            actions.Add(ReportLinkAction.Button(results.Period, version, ScorecardText.FullReport));
        }
        else
        {
            body.Add(AdaptiveCard.Text(ScorecardText.NotCompiled, isSubtle: true));
        }

        return AdaptiveCard.Create(body, actions);
    }

    /// <summary>"79 against a target of 60 (+84% on last year; London +25%, MSG +28%)".</summary>
    public static string Figures(ItemResult item)
    {
        if (item.Indicator is not { Actual: { } actual } assessment || item.Definition is not { } definition)
        {
            return string.Empty;
        }

        var parts = new List<string>();
        if (assessment.ChangePct is { } change)
        {
            parts.Add(Terms.Format(ScorecardText.OnLastYear, Signed(change)));
        }

        var comparisons = new List<string>();
        if (item.Figures?.LondonChangePct is { } london)
        {
            comparisons.Add($"{item.Figures.ComparisonName} {Signed(london)}");
        }

        if (item.Figures?.MsgChangePct is { } msg)
        {
            comparisons.Add(Terms.Format(ScorecardText.Msg, Signed(msg)));
        }

        if (comparisons.Count > 0)
        {
            parts.Add(string.Join(", ", comparisons));
        }

        if (item.Figures?.Counted == true)
        {
            parts.Add(Police.PoliceData.SourceLabel);
        }

        return Terms.Format(ScorecardText.Figures, Number(actual), Number(definition.Target)) + (parts.Count > 0 ? $" ({string.Join("; ", parts)})" : string.Empty);
    }

    public static string Number(decimal value) => value.ToString("#,0.##", Words.Formatting);

    public static string Signed(decimal pct) => pct.ToString("+0.#;-0.#;0", CultureInfo.InvariantCulture) + "%";

    /// <summary>
    /// "Direction of travel against the same quarter last year: 5 improving (1 significantly), 7 worsening (2
    /// significantly, 1 possibly), 1 unchanged; rates and percentages are not tested." Never worse or better without
    /// whether the change is significant.
    /// </summary>
    public static string Travel(IReadOnlyCollection<ItemResult> indicators)
    {
        string Moving(DirectionOfTravel direction, string sentence)
        {
            var moving = indicators.Where(i => i.Indicator!.Direction == direction).ToList();
            int Of(ChangeSignificance significance) => moving.Count(i => i.Spc?.Change.Significance == significance);
            var tested = new[] { (Of(ChangeSignificance.Significant), ScorecardText.Significantly), (Of(ChangeSignificance.Possible), ScorecardText.PossiblySignificantly) }
                .Where(t => t.Item1 > 0).Select(t => Terms.Format(t.Item2, t.Item1)).ToList();
            var none = Of(ChangeSignificance.None);
            return Terms.Format(sentence, moving.Count) + (moving.Count == 0 ? string.Empty
                : tested.Count > 0 ? Terms.Format(ScorecardText.Tested, string.Join(", ", tested))
                : none > 0 ? ScorecardText.NoneSignificantly
                : string.Empty);
        }

        return Terms.Format(ScorecardText.Travel, Moving(DirectionOfTravel.Improving, ScorecardText.Improving), Moving(DirectionOfTravel.Worsening, ScorecardText.Worsening),
            indicators.Count(i => i.Indicator!.Direction == DirectionOfTravel.NoChange));
    }

    private static string ActionCounts(IReadOnlyCollection<ItemResult> items)
    {
        var actions = items.Where(i => i.Kind == ItemKind.Action).ToList();
        return $"{actions.Count(i => i.Status == ActionStatus.Red)} · {actions.Count(i => i.Status == ActionStatus.Amber)} · {actions.Count(i => i.Status == ActionStatus.Green)} · {actions.Count(i => i.Status == ActionStatus.Complete)}";
    }

    private static string IndicatorCounts(IReadOnlyCollection<ItemResult> items)
    {
        var indicators = items.Where(i => i.Kind == ItemKind.Indicator).ToList();
        return $"{indicators.Count(i => i.Rag == Rag.Red)} · {indicators.Count(i => i.Rag == Rag.Amber)} · {indicators.Count(i => i.Rag == Rag.Green)}";
    }

    /// <summary>
    /// RAG per outcome as Teams draws it (a stacked horizontal bar per outcome, actions and indicators together, in
    /// Teams' good/warning/attention colours with the counts on the bars), falling back to the text table in clients that
    /// cannot draw charts (the Agents Playground, older mobile clients).
    /// </summary>
    public static JsonObject RagChart(IReadOnlyList<StrategicOutcome> outcomes, IReadOnlyCollection<ItemResult> items, JsonObject fallback) => new()
    {
        ["type"] = "Chart.HorizontalBar.Stacked",
        ["title"] = ScorecardText.ChartTitle,
        ["showBarValues"] = true,
        ["data"] = new JsonArray([.. outcomes.Select(o =>
        {
            var mine = items.Where(i => i.OutcomeCode == o.Code).ToList();
            return (JsonNode)new JsonObject
            {
                ["title"] = o.Code,
                ["data"] = new JsonArray(
                    Segment(Glossary.Red, mine.Count(i => i.Rag == Rag.Red), "attention"),
                    Segment(Glossary.Amber, mine.Count(i => i.Rag == Rag.Amber), "warning"),
                    Segment(Glossary.Green, mine.Count(i => i.Rag == Rag.Green && i.Status != ActionStatus.Complete), "good"),
                    Segment(Glossary.Complete, mine.Count(i => i.Status == ActionStatus.Complete), "neutral")),
            };
        })]),
        ["fallback"] = fallback,
    };

    private static JsonObject Segment(string legend, int value, string color) => new() { ["legend"] = legend, ["value"] = value, ["color"] = color };

    private static JsonObject Row(string outcome, string actions, string indicators) =>
        AdaptiveCard.Columns(
            AdaptiveCard.Column("stretch", AdaptiveCard.Text(outcome, spacing: "None")),
            AdaptiveCard.Column("110px", AdaptiveCard.Text(actions, spacing: "None")),
            AdaptiveCard.Column("90px", AdaptiveCard.Text(indicators, spacing: "None")));
}
