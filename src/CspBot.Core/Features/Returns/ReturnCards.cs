using System.Globalization;
using System.Text.Json.Nodes;
using CspBot.Core.Cards;
using CspBot.Core.Domain;
using CspBot.Core.Features.Localisation;
using CspBot.Core.Features.Scorecard;
using CspBot.Core.Features.Variation;

namespace CspBot.Core.Features.Returns;

/// <summary>What the list card needs to know about the period.</summary>
public sealed record PeriodSummary(ReportingPeriod Period, DateOnly? Deadline);

/// <summary>
/// The owner's cards: the list of everything they owe (used by reminders and "my actions"), and the form for one
/// item. Both are answered in place with Universal Actions.
/// </summary>
public static class ReturnCards
{
    public const string OpenVerb = "cspbot.return.open";
    public const string SubmitVerb = "cspbot.return.submit";
    public const string PageVerb = "cspbot.return.page";
    public const int PageSize = 8;

    /// <param name="owner">
    /// Whose list it is: the card refreshes for them (their Teams user id), so a reminder opened days later shows what is
    /// returned now. Unknown (not yet in Teams), it does not refresh.
    /// </param>
    public static JsonObject List(PeriodSummary summary, IReadOnlyList<OwedItem> items, int page, Member owner, string? banner = null, string? heading = null)
    {
        var pages = Math.Max(1, (int)Math.Ceiling(items.Count / (double)PageSize));
        page = Math.Clamp(page, 0, pages - 1);
        var returned = items.Count(i => i.Returned);
        var body = new List<JsonNode>();
        if (banner is not null)
        {
            body.Add(AdaptiveCard.Text(banner, weight: "Bolder", color: "Good"));
        }

        body.Add(AdaptiveCard.Heading(heading ?? Terms.Format(ReturnText.ListHeading, Terms.Period(summary.Period))));
        body.Add(AdaptiveCard.Text(
            Terms.Format(ReturnText.ListSubtitle, Deadline(summary), returned, items.Count) + (pages > 1 ? Terms.Format(ReturnText.PageOf, page + 1, pages) : string.Empty),
            isSubtle: true, spacing: "None"));
        if (items.Count == 0)
        {
            body.Add(AdaptiveCard.Text(ReturnText.NothingToReport));
        }

        foreach (var item in items.Skip(page * PageSize).Take(PageSize))
        {
            body.Add(AdaptiveCard.Container(
            [
                AdaptiveCard.Columns(
                    AdaptiveCard.Column(
                        "stretch",
                        AdaptiveCard.Text($"**{item.Ref}** {item.Title}"),
                        AdaptiveCard.Text($"{StatusText(item)} · {item.ContextText}", isSubtle: true, spacing: "None")),
                    AdaptiveCard.Column("auto", AdaptiveCard.ActionSet(
                        AdaptiveCard.Execute(item.Returned && !item.Queried ? ReturnText.Change : item.Queried ? ReturnText.Answer : ReturnText.Update, OpenVerb, ItemData(item, summary.Period, page))))),
            ], separator: true));
        }

        var actions = new List<JsonNode>();
        if (page > 0)
        {
            actions.Add(AdaptiveCard.Execute(ReturnText.Previous, PageVerb, PageData(summary.Period, page - 1)));
        }

        if (page < pages - 1)
        {
            actions.Add(AdaptiveCard.Execute(ReturnText.Next, PageVerb, PageData(summary.Period, page + 1)));
        }

        var card = AdaptiveCard.Create(body, actions);
        return owner.TeamsUserId is { } user ? card.Refreshing(PageVerb, PageData(summary.Period, page), user) : card;
    }

    /// <param name="spc">The indicator's chart to the period (<see cref="ReturnForms"/> reads it): its variation is shown beside the figure.</param>
    public static JsonObject Form(PeriodSummary summary, OwedItem item, ReturnInput? typed, IReadOnlyDictionary<string, string> errors, int page, string? notice = null, IndicatorSpcResult? spc = null)
    {
        var current = item.Return;
        var body = new List<JsonNode>();

        // However the form is opened (the query's own card, the list, update, the console), an open question is shown.
        notice ??= item.Queried && current?.Query is { } question
            ? Terms.Format(ReturnText.QueryOnForm, question)
            : null;
        if (notice is not null)
        {
            body.Add(AdaptiveCard.Text(notice, weight: "Bolder", color: "Warning"));
        }

        body.Add(AdaptiveCard.Heading($"{item.Ref} · {item.Title}"));
        body.Add(AdaptiveCard.Text($"{item.ContextText} · {Terms.Period(summary.Period)} · {Deadline(summary)}", isSubtle: true, spacing: "None"));
        if (errors.Count > 0)
        {
            body.Add(AdaptiveCard.Text(ReturnText.NothingSavedYet, color: "Attention", weight: "Bolder"));
        }

        if (item.Kind == ItemKind.Action)
        {
            body.Add(AdaptiveCard.ChoiceInput("status", ReturnText.StatusLabel, typed?.Status ?? current?.Status?.ToString(),
                (ReturnText.StatusGreen, "Green"), (ReturnText.StatusAmber, "Amber"), (ReturnText.StatusRed, "Red"), (Glossary.Complete, "Complete")));
            AddError(body, errors, "status");
        }
        else if (item.Indicator is { } indicator)
        {
            body.Add(AdaptiveCard.Facts([.. IndicatorFacts(indicator, item.Figures), .. ChartFacts(spc)]));
            if (item.AwaitingCount)
            {
                // Police-fed, its months not all uploaded: the figure is not the owner's to type, even while it waits.
                body.Add(AdaptiveCard.Text(AwaitingCountText, spacing: "Medium"));
            }
            else if ((item.PoliceFed || item.Figures is { Counted: true }) && item.Actual is { } counted)
            {
                // Counted from police open data: the owner adds the story, not the number.
                var assessment = IndicatorAssessment.Of(indicator, counted, item.Figures?.PreviousYear);
                body.Add(AdaptiveCard.Text(
                    Terms.Format(
                        assessment.Rag is Rag.Red or Rag.Amber ? ReturnText.CountedFigureWithMeasures : ReturnText.CountedFigure,
                        Number(counted),
                        indicator.Unit,
                        assessment.Rag is { } rag ? $"{RagSymbol(rag)} {Terms.Rag(rag)}" : ReturnText.NoRag,
                        Terms.Direction(assessment.Direction).ToLower(Words.Formatting),
                        spc is not null && VariationWords.Significance(spc.Change) is { } significance ? $" ({significance})" : string.Empty,
                        spc is not null ? " · " + VariationWords.Variation(spc) : string.Empty,
                        Police.PoliceData.SourceLabel),
                    spacing: "Medium"));
            }
            else
            {
                body.Add(AdaptiveCard.TextInput("actual", Terms.Format(ReturnText.FigureLabel, indicator.Unit), typed?.Actual ?? Number(current?.Actual ?? item.Figures?.Actual), maxLength: 20));
                AddError(body, errors, "actual");
            }
        }

        body.Add(AdaptiveCard.TextInput("commentary", ReturnText.CommentaryLabel, typed?.Commentary ?? current?.Commentary, multiline: true, placeholder: ReturnText.CommentaryPlaceholder));
        AddError(body, errors, "commentary");
        body.Add(AdaptiveCard.TextInput("measures", ReturnText.MeasuresLabel, typed?.Measures ?? current?.MeasuresToImprove, multiline: true));
        AddError(body, errors, "measures");
        if (item.Kind == ItemKind.Action)
        {
            body.Add(AdaptiveCard.DateInput("revisedDate", ReturnText.RevisedDateLabel, typed?.RevisedDate ?? current?.RevisedDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
            AddError(body, errors, "revisedDate");
        }

        var data = ItemData(item, summary.Period, page);
        data["version"] = current?.Version ?? 0;
        return AdaptiveCard.Create(body,
        [
            AdaptiveCard.Execute(ReturnText.Submit, SubmitVerb, data, style: "positive"),
            AdaptiveCard.Execute(ReturnText.BackToList, PageVerb, PageData(summary.Period, page)),
        ]);
    }

    /// <summary>What an owner's form says of a police-fed figure still waiting for months (the card and the console's form).</summary>
    public static string AwaitingCountText => Terms.Format(ReturnText.AwaitingCount, Police.PoliceData.SourceLabel);

    public static string Deadline(PeriodSummary summary) =>
        summary.Deadline is { } deadline ? Terms.Format(ReturnText.Deadline, Words.Date(deadline, ReturnText.DeadlineFormat)) : ReturnText.NoDeadline;

    /// <summary>The item's state; for a returned indicator its RAG, computed from the figure (never typed).</summary>
    public static string StatusText(OwedItem item) => item.Return switch
    {
        null => ReturnText.Outstanding,
        { Check: ReturnCheck.Queried, Query: { } question } => Terms.Format(ReturnText.Queried, FreeText.Shorten(question, 120)),
        { Status: { } status } => $"{Symbol(status)} {Terms.Status(status)}",
        not null when item.Indicator is { } indicator && item.Actual is { } actual
            && IndicatorAssessment.Of(indicator, actual, item.Figures?.PreviousYear).Rag is { } rag
            => Terms.Format(ReturnText.IndicatorRag, RagSymbol(rag), Terms.Rag(rag), Number(actual), Number(indicator.Target)),
        _ => ReturnText.Returned,
    };

    public static string RagSymbol(Rag rag) => rag switch
    {
        Rag.Red => "🔴",
        Rag.Amber => "🟠",
        _ => "🟢",
    };

    public static string Symbol(ActionStatus status) => status switch
    {
        ActionStatus.Green => "🟢",
        ActionStatus.Amber => "🟠",
        ActionStatus.Red => "🔴",
        _ => "✅",
    };

    private static IEnumerable<(string, string)> IndicatorFacts(Indicator indicator, IndicatorValue? figures)
    {
        yield return (ReturnText.Target, Terms.Format(indicator.Polarity == Polarity.LowerIsBetter ? ReturnText.TargetLowerIsBetter : ReturnText.TargetHigherIsBetter, Number(indicator.Target), indicator.Unit));
        if (figures?.PreviousYear is { } lastYear)
        {
            yield return (ReturnText.SameQuarterLastYear, Number(lastYear)!);
        }

        if (figures?.LondonChangePct is { } london)
        {
            yield return (Terms.Format(ReturnText.ComparisonChange, figures.ComparisonName), Signed(london));
        }

        if (figures?.MsgChangePct is { } msg)
        {
            yield return (ReturnText.MsgChange, Signed(msg));
        }
    }

    /// <summary>The chart's judgement in words: variation (with the change on last year's significance), usual range, assurance.</summary>
    private static IEnumerable<(string, string)> ChartFacts(IndicatorSpcResult? spc)
    {
        if (spc is null)
        {
            yield break;
        }

        yield return (ReturnText.Variation, VariationWords.Short(spc));
        if (VariationWords.Limits(spc) is { } limits)
        {
            yield return (ReturnText.UsualRange, limits);
        }

        if (VariationWords.Assurance(spc.Assurance) is { } assurance)
        {
            yield return (ReturnText.Assurance, assurance);
        }
    }

    private static JsonObject PageData(ReportingPeriod period, int page) => new() { ["period"] = period.Id, ["page"] = page };

    private static JsonObject ItemData(OwedItem item, ReportingPeriod period, int page) => new()
    {
        ["ref"] = item.Ref,
        ["period"] = period.Id,
        ["page"] = page,
    };

    private static void AddError(List<JsonNode> body, IReadOnlyDictionary<string, string> errors, string field)
    {
        if (errors.TryGetValue(field, out var message))
        {
            body.Add(AdaptiveCard.Text(message, color: "Attention", spacing: "None"));
        }
    }

    private static string? Number(decimal? value) => value?.ToString("0.####", CultureInfo.InvariantCulture);

    private static string Signed(decimal pct) => pct.ToString("+0.#;-0.#;0", Words.Formatting) + "%";
}
