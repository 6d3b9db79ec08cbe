using System.Text.Json.Serialization;
using CspBot.Core.Domain;
using CspBot.Core.Features.Localisation;
using CspBot.Core.Features.Scorecard;
using CspBot.Core.Features.Variation;

namespace CspBot.Core.Features.Reports;

/// <summary>One quarter of an indicator's trend: its figure (none when not reported).</summary>
public sealed record TrendPoint(string Period, decimal? Actual);

/// <summary>
/// One point of an exception's SPC chart as the paper draws it: the figure, and for a point of the current segment the
/// mean and process limits, the special-cause rules that flag it ("run, trend") and what that special cause is
/// ("concern", "improvement", "variation"); null when common cause or before the segment.
/// </summary>
public sealed record SpcChartPoint(string Period, double Value, double? Mean, double? Lower, double? Upper, string? SpecialCause, string? Kind);

/// <summary>An exception's SPC chart (<see cref="IndicatorSpc"/>'s judgement, flattened for the paper and its stored content).</summary>
public sealed record SpcChartFigures(IReadOnlyList<SpcChartPoint> Points, bool Trial, string? SegmentStart)
{
    /// <summary>At most this many quarters are drawn (the latest; the limits are still those of the whole segment).</summary>
    public const int Shown = IndicatorSpcResult.Shown;

    public static SpcChartFigures Of(IndicatorSpcResult result)
    {
        var chart = result.Chart;
        var earlier = result.Earlier.Select(p => new SpcChartPoint(p.Period, p.Value, null, null, null, null, null));

        // Each point's special cause is judged as the latest point's is (one rule: VariationRules.Latest).
        var segment = result.Points.Select((p, k) => new SpcChartPoint(p.Point.Period, p.Point.Value, chart.Mean, chart.Lower, chart.Upper,
            p.Flagged ? VariationWords.RuleCodes(p.Rules) : null,
            p.Flagged ? VariationRules.Latest(chart, [.. result.Points.Take(k + 1)], result.Polarity) switch
            {
                VariationType.Concern => "concern",
                VariationType.Improvement => "improvement",
                _ => "variation",
            } : null));
        return new SpcChartFigures([.. earlier.Concat(segment).TakeLast(Shown)], chart.Trial, result.SegmentStart?.Id);
    }
}

/// <summary>
/// One key exception, given in full in the body of the paper: a Red (every one) or a key Amber action or indicator,
/// with its figures and the owner's words.
/// </summary>
public sealed record Concern(
    string Rag,
    string Kind,
    string Ref,
    string Title,
    string Outcome,
    string Owner,
    string Agency,
    string? Figures,
    string? Commentary,
    string? Measures,
    string? RevisedDate,
    bool Restricted)
{
    /// <summary>Why an Amber is key ("marked key by the officer", "new this quarter", "worse than last quarter"); null for a Red.</summary>
    public string? KeyBecause { get; init; }

    /// <summary>Indicators: direction of travel against the same quarter last year, in words.</summary>
    public string? Direction { get; init; }

    public string? Unit { get; init; }

    public decimal? Target { get; init; }

    /// <summary>Indicators: the last eight quarters, oldest first, ending with this one.</summary>
    public IReadOnlyList<TrendPoint> Trend { get; init; } = [];

    /// <summary>Indicators: a target changed by decision from this period ("target raised from 55% to 60% by the PMG on …").</summary>
    public string? TargetNote { get; init; }

    /// <summary>Indicators: the latest point's variation in words ("special cause concern: 7 quarters in a row above the average").</summary>
    public string? Variation { get; init; }

    /// <summary>Indicators: the SPC chart's figures; null when the indicator was not charted.</summary>
    public SpcChartFigures? Spc { get; init; }
}

public sealed record MissingReturn(string Owner, string Agency, IReadOnlyList<string> Refs);

/// <summary>RAG counts for one strategic outcome (the scorecard table of the report).</summary>
public sealed record OutcomeCounts(string Outcome, int ActionsRed, int ActionsAmber, int ActionsGreen, int ActionsComplete, int IndicatorsRed, int IndicatorsAmber, int IndicatorsGreen)
{
    /// <summary>The outcome's code (VIO), for chart categories.</summary>
    public string Code { get; init; } = string.Empty;
}

/// <summary>Appendix B, the project highlight table: every action with its status, owner, agency and revised date.</summary>
public sealed record ActionRow(string Ref, string Title, string Outcome, string Status, string Owner, string Agency, string? RevisedDate);

/// <summary>Appendix C: every indicator with its figure, target, last year, London and MSG changes, RAG and direction.</summary>
public sealed record IndicatorRow(string Ref, string Title, string Outcome, string Figure, string Target, string LastYear, string London, string Msg, string Rag, string Direction)
{
    /// <summary>A target changed by decision from this period, in words.</summary>
    public string? TargetNote { get; init; }

    /// <summary>The figure was counted from police open data (its text says so; the paper then carries the licence).</summary>
    public bool Counted { get; init; }

    /// <summary>The latest point's variation as a word and a letter ("Concern (C)").</summary>
    public string Variation { get; init; } = string.Empty;

    /// <summary>The assurance against the target as a word and a letter ("Hit and miss (H)").</summary>
    public string Assurance { get; init; } = string.Empty;
}

/// <summary>What a compilation is made from besides the period's results: the calendar, the officer's words, the history.</summary>
public sealed record ReportInputs(string Partnership, PeriodResults Results, DateTimeOffset CompiledAt, int Version)
{
    /// <summary>The same period's results a quarter earlier, to tell which Ambers are new or worse.</summary>
    public PeriodResults? Previous { get; init; }

    /// <summary>The board the paper goes to (<see cref="ReportBoards"/>).</summary>
    public DateOnly? Board { get; init; }

    /// <summary>The board after that one, for future monitoring.</summary>
    public DateOnly? FollowingBoard { get; init; }

    public string? Introduction { get; init; }

    public IReadOnlyList<string> Recommendations { get; init; } = [];

    /// <summary>Ambers the officer marked key, by reference.</summary>
    public IReadOnlySet<string> KeyAmbers { get; init; } = new HashSet<string>();

    /// <summary>Each indicator's figures for the last eight quarters, by reference.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<TrendPoint>> Trends { get; init; } = new Dictionary<string, IReadOnlyList<TrendPoint>>();

    public string? CompiledBy { get; init; }

    /// <summary>Targets changed by decision from this period, by indicator ref, in words.</summary>
    public IReadOnlyDictionary<string, string> TargetNotes { get; init; } = new Dictionary<string, string>();

    /// <summary>Each indicator's SPC judgement for the period (<see cref="IndicatorSpc.ReadAllAsync"/>), by reference.</summary>
    public IReadOnlyDictionary<string, IndicatorSpcResult> Variation { get; init; } = new Dictionary<string, IndicatorSpcResult>();
}

/// <summary>
/// The performance and project exception report for the board, in the structure of the officer's paper (seeds 002 and
/// 003): front block, purpose, recommendations, summary highlights, performance issues (indicators), project delivery
/// (actions), returns not received, future monitoring, and the appendices (scorecard, project highlight table,
/// indicators). The body gives every Red in full and only the key Ambers; every item is in the appendices.
/// </summary>
public sealed record ExceptionReport(
    string Partnership,
    string Period,
    string PeriodId,
    string Months,
    string Deadline,
    string CompiledAt,
    int Version,
    string Purpose,
    IReadOnlyList<string> Highlights,
    IReadOnlyList<OutcomeCounts> Scorecard,
    IReadOnlyList<Concern> Concerns,
    IReadOnlyList<MissingReturn> Missing,
    IReadOnlyList<string> FutureMonitoring)
{
    /// <summary>The language of this report's own words (headings, fixed wording, dates); what members wrote stays as written.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public Language Language { get; init; }

    /// <summary>The paper as compiled: English, Welsh, or bilingual (the Welsh paper first, then the English).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public PartnershipLanguage Paper { get; init; }

    /// <summary>The same compilation (one version number) in Welsh, kept for a Welsh or bilingual paper.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ExceptionReport? Welsh { get; init; }

    /// <summary>The Government Security Classification printed on the document.</summary>
    public string ProtectiveMarking { get; init; } = Domain.Partnership.DefaultMarking;

    /// <summary>The board the report goes to.</summary>
    public string? Board { get; init; }

    /// <summary>The date of the meeting it goes to, en-GB long form; null when no board is scheduled.</summary>
    public string? BoardDate { get; init; }

    /// <summary>The officer the paper is "report of".</summary>
    public string? ReportOf { get; init; }

    /// <summary>The date on the paper, en-GB long form.</summary>
    public string CompiledOn { get; init; } = string.Empty;

    /// <summary>Who compiled this version (a member's name, or the schedule).</summary>
    public string? CompiledBy { get; init; }

    /// <summary>"Signed off by the Performance Management Group on 12 September 2026", once it is; null before.</summary>
    public string? SignedOff { get; init; }

    /// <summary>The officer's own introduction to the summary, when written.</summary>
    public string? Introduction { get; init; }

    public IReadOnlyList<string> Recommendations { get; init; } = [];

    /// <summary>Ambers that are not key: in the appendices only.</summary>
    public int OtherAmbers { get; init; }

    public IReadOnlyList<ActionRow> Actions { get; init; } = [];

    public IReadOnlyList<IndicatorRow> Indicators { get; init; } = [];

    /// <summary>The seeds' recommendations (002), for the officer to keep or replace.</summary>
    public static IReadOnlyList<string> DefaultRecommendations(ReportingPeriod period) =>
    [
        ReportText.RecommendNote,
        Terms.Format(ReportText.RecommendPriorities, PeriodName(period.Next), PeriodName(period.Next.Next)),
    ];

    /// <summary>"2025-26 Q2"; in Welsh "2025-26 Ch2".</summary>
    public static string PeriodName(ReportingPeriod period) => Words.Current == Language.Welsh ? Terms.Period(period) : period.ToString();

    /// <summary>A period as the inputs name it ("2025-26 Q2", "2025-26-Q2"), in Welsh when writing Welsh.</summary>
    public static string PeriodName(string period) => Words.Current == Language.Welsh && ReportingPeriod.TryParse(period, out var parsed) ? Terms.Period(parsed) : period;

    public static ExceptionReport From(ReportInputs inputs)
    {
        var results = inputs.Results;
        var period = results.Period;
        var months = Terms.Format(ReportText.Months, period.FirstDay.ToString("MMMM", Words.Formatting), period.LastDay.ToString("MMMM yyyy", Words.Formatting));
        var indicators = results.Indicators.Where(i => i.Rag is not null).ToList();
        var actions = results.Actions.ToList();
        var returned = actions.Where(a => a.Status is not null).ToList();
        var highlights = new List<string>
        {
            ImprovedLine(indicators, inputs.Variation),
            Terms.Format(ReportText.HighlightIndicators, indicators.Count(i => i.Rag == Rag.Green), indicators.Count, indicators.Count(i => i.Rag == Rag.Amber), indicators.Count(i => i.Rag == Rag.Red)),
            Terms.Format(ReportText.HighlightActions, actions.Count, returned.Count(a => a.Status == ActionStatus.Complete), returned.Count(a => a.Status == ActionStatus.Green), returned.Count(a => a.Status == ActionStatus.Amber), returned.Count(a => a.Status == ActionStatus.Red)),
            Terms.Format(ReportText.HighlightReturns, results.Items.Count(i => i.Returned), results.Items.Count),
        };

        var previous = inputs.Previous?.Items.ToDictionary(i => (i.Kind, i.Ref)) ?? [];
        var open = results.Items.Where(i => i.Rag is Rag.Red or Rag.Amber && i.Status != ActionStatus.Complete).ToList();
        var concerns = open
            .Select(i => (Item: i, Because: i.Rag == Rag.Red ? null : KeyBecause(i, previous.GetValueOrDefault((i.Kind, i.Ref)), inputs.KeyAmbers, inputs.Variation.GetValueOrDefault(i.Ref)?.Variation)))
            .Where(c => c.Item.Rag == Rag.Red || c.Because is not null)
            .OrderBy(c => c.Item.Rag == Rag.Red ? 0 : 1).ThenBy(c => c.Item.Kind == ItemKind.Indicator ? 0 : 1).ThenBy(c => c.Item.Ref, StringComparer.Ordinal)
            .Select(c => ConcernOf(c.Item, c.Because, inputs.Trends, c.Item.Kind == ItemKind.Indicator ? inputs.Variation.GetValueOrDefault(c.Item.Ref) : null) with { TargetNote = inputs.TargetNotes.GetValueOrDefault(c.Item.Ref) })
            .ToList();

        var missing = results.Items.Where(i => !i.Returned)
            .GroupBy(i => (i.OwnerName, i.Agency))
            .OrderBy(g => g.Key.Agency).ThenBy(g => g.Key.OwnerName)
            .Select(g => new MissingReturn(g.Key.OwnerName, g.Key.Agency, g.Select(i => i.Ref).Order(StringComparer.Ordinal).ToList()))
            .ToList();

        return new ExceptionReport(
            inputs.Partnership,
            PeriodName(period),
            period.Id,
            months,
            LongDate(results.Deadline),
            inputs.CompiledAt.ToString("d MMMM yyyy HH:mm", Words.Formatting),
            inputs.Version,
            Terms.Format(ReportText.Purpose, PeriodName(period), months),
            highlights,
            results.Outcomes.Select(o =>
            {
                var mine = results.Items.Where(i => i.OutcomeCode == o.Code).ToList();
                return new OutcomeCounts(
                    o.Title,
                    mine.Count(i => i.Status == ActionStatus.Red),
                    mine.Count(i => i.Status == ActionStatus.Amber),
                    mine.Count(i => i.Status == ActionStatus.Green),
                    mine.Count(i => i.Status == ActionStatus.Complete),
                    mine.Count(i => i.Kind == ItemKind.Indicator && i.Rag == Rag.Red),
                    mine.Count(i => i.Kind == ItemKind.Indicator && i.Rag == Rag.Amber),
                    mine.Count(i => i.Kind == ItemKind.Indicator && i.Rag == Rag.Green)) { Code = o.Code };
            }).ToList(),
            concerns,
            missing,
            MonitoringOf(period, concerns, missing, inputs))
        {
            BoardDate = inputs.Board is { } board ? LongDate(board) : null,
            Language = Words.Current,
            CompiledOn = inputs.CompiledAt.ToString("d MMMM yyyy", Words.Formatting),
            CompiledBy = inputs.CompiledBy,
            Introduction = inputs.Introduction,
            Recommendations = inputs.Recommendations.Count > 0 ? inputs.Recommendations : DefaultRecommendations(period),
            OtherAmbers = open.Count(i => i.Rag == Rag.Amber) - concerns.Count(c => c.Rag == "Amber"),
            Actions = actions.OrderBy(a => a.Ref, StringComparer.Ordinal).Select(a => new ActionRow(
                a.Ref, a.Title, a.OutcomeCode, a.Status is { } status ? Terms.Status(status) : ReportText.NoReturn, a.OwnerName, a.Agency, a.RevisedDate is { } d ? LongDate(d) : null)).ToList(),
            Indicators = results.Indicators.OrderBy(i => i.Ref, StringComparer.Ordinal)
                .Select(i => IndicatorRowOf(i, inputs.Variation.GetValueOrDefault(i.Ref)) with { TargetNote = inputs.TargetNotes.GetValueOrDefault(i.Ref), Counted = i.Figures?.Counted == true }).ToList(),
        };
    }

    /// <summary>
    /// Why an Amber belongs in the body, or null when it is for the appendices only: the officer marked it; or it is new
    /// this quarter (last quarter it was Green, Complete or not reported); or, for an indicator, its figure is worse than
    /// last quarter's; or, for an indicator, its latest point is special cause concern.
    /// </summary>
    public static string? KeyBecause(ItemResult amber, ItemResult? lastQuarter, IReadOnlySet<string> marked, VariationType? variation = null)
    {
        if (marked.Contains(amber.Ref))
        {
            return ReportText.KeyMarked;
        }

        if (lastQuarter?.Rag is not (Rag.Amber or Rag.Red) || lastQuarter.Status == ActionStatus.Complete)
        {
            return ReportText.KeyNew;
        }

        if (amber.Kind == ItemKind.Indicator && amber.Indicator?.Actual is { } now && lastQuarter.Indicator?.Actual is { } before && amber.Definition is { } definition
            && (definition.Polarity == Polarity.LowerIsBetter ? now > before : now < before))
        {
            return ReportText.KeyWorse;
        }

        if (amber.Kind == ItemKind.Indicator && variation == VariationType.Concern)
        {
            return ReportText.KeySpecialCause;
        }

        return null;
    }

    /// <summary>Greens whose latest point is special cause concern: on target, but the process has changed for the worse.</summary>
    public static IReadOnlyList<string> GreensOfConcern(IEnumerable<ItemResult> items, IReadOnlyDictionary<string, IndicatorSpcResult> variation) =>
        [.. items.Where(i => i.Kind == ItemKind.Indicator && i.Rag == Rag.Green && variation.GetValueOrDefault(i.Ref)?.Variation == VariationType.Concern)
            .Select(i => i.Ref).Order(StringComparer.Ordinal)];

    /// <summary>"5 of 12 indicators improved on the same quarter last year (2 significantly; 4 of them are percentages or rates, not tested)."</summary>
    private static string ImprovedLine(IReadOnlyList<ItemResult> indicators, IReadOnlyDictionary<string, IndicatorSpcResult> variation)
    {
        var improved = indicators.Where(i => i.Indicator!.Direction == DirectionOfTravel.Improving).ToList();
        if (variation.Count == 0 || improved.Count == 0)
        {
            return Terms.Format(ReportText.Improved, improved.Count, indicators.Count);
        }

        var significance = improved.Select(i => variation.GetValueOrDefault(i.Ref)?.Change.Significance ?? ChangeSignificance.NotTested).ToList();
        var significant = significance.Count(s => s == ChangeSignificance.Significant);
        var untested = significance.Count(s => s == ChangeSignificance.NotTested);
        return untested > 0
            ? Terms.Format(ReportText.ImprovedSignificantUntested, improved.Count, indicators.Count, significant, untested)
            : Terms.Format(ReportText.ImprovedSignificant, improved.Count, indicators.Count, significant);
    }

    private static Concern ConcernOf(ItemResult i, string? because, IReadOnlyDictionary<string, IReadOnlyList<TrendPoint>> trends, IndicatorSpcResult? spc) => new(
        i.Rag!.Value.ToString(),
        i.Kind == ItemKind.Indicator ? "Indicator" : "Action",
        i.Ref,
        i.Title,
        i.OutcomeTitle,
        i.OwnerName,
        i.Agency,
        i.Kind == ItemKind.Indicator ? ScorecardCard.Figures(i).TrimStart(' ', '—', ' ') : null,
        i.Commentary,
        i.Measures,
        i.RevisedDate is { } revised ? LongDate(revised) : null,
        i.Restricted)
    {
        KeyBecause = because,
        Direction = i.Indicator is { } assessment ? DirectionText(assessment.Direction, spc?.Change) : null,
        Unit = i.Definition?.Unit,
        Target = i.Definition?.Target,
        Trend = Words.Current == Language.Welsh ? [.. (trends.GetValueOrDefault(i.Ref) ?? []).Select(t => t with { Period = PeriodName(t.Period) })] : trends.GetValueOrDefault(i.Ref) ?? [],
        Variation = spc is null ? null : VariationWords.Phrase(spc),
        Spc = spc is { Chart.Points.Count: >= 2 } ? SpcChartFigures.Of(spc) : null,
    };

    private static IndicatorRow IndicatorRowOf(ItemResult i, IndicatorSpcResult? spc)
    {
        var unit = i.Definition?.Unit;
        return new IndicatorRow(
            i.Ref,
            i.Title,
            i.OutcomeCode,
            i.Indicator?.Actual is { } actual ? (i.Figures?.Counted == true ? Terms.Format(ReportText.CountedFigure, WithUnit(actual, unit), PoliceSourceLabel) : WithUnit(actual, unit)) : ReportText.NoFigure,
            i.Definition is { } d ? Terms.Format(d.Polarity == Polarity.LowerIsBetter ? ReportText.TargetLowerBetter : ReportText.TargetHigherBetter, WithUnit(d.Target, unit)) : "",
            i.Indicator?.PreviousYear is { } last ? WithUnit(last, unit) : "",
            i.Figures?.LondonChangePct is { } london ? ScorecardCard.Signed(london) + (i.Figures.ComparedWith is { } area ? $" ({area})" : string.Empty) : "",
            i.Figures?.MsgChangePct is { } msg ? ScorecardCard.Signed(msg) : "",
            i.Rag is { } rag ? Terms.Rag(rag) : ReportText.NoFigure,
            i.Indicator is { } assessment ? DirectionText(assessment.Direction, spc?.Change) : "")
        {
            Variation = spc is null ? string.Empty : VariationWords.Label(spc.Variation),
            Assurance = spc is null ? string.Empty : VariationWords.Label(spc.Assurance),
        };
    }

    private static IReadOnlyList<string> MonitoringOf(ReportingPeriod period, IReadOnlyList<Concern> concerns, IReadOnlyList<MissingReturn> missing, ReportInputs inputs)
    {
        var monitoring = new List<string>();
        var reds = concerns.Where(c => c.Rag == "Red").Select(c => c.Ref).ToList();
        if (reds.Count > 0)
        {
            monitoring.Add(Terms.Format(ReportText.MonitorReds, string.Join(", ", reds)));
        }

        var ambers = concerns.Where(c => c.Rag == "Amber").Select(c => c.Ref).ToList();
        if (ambers.Count > 0)
        {
            monitoring.Add(Terms.Format(ReportText.MonitorAmbers, string.Join(", ", ambers)));
        }

        if (GreensOfConcern(inputs.Results.Items, inputs.Variation) is { Count: > 0 } greens)
        {
            monitoring.Add(Terms.Format(ReportText.MonitorGreens, string.Join(", ", greens)));
        }

        if (missing.Count > 0)
        {
            monitoring.Add(Terms.Format(ReportText.MonitorMissing, missing.Sum(m => m.Refs.Count), missing.Count));
        }

        monitoring.Add(inputs.FollowingBoard is { } following
            ? Terms.Format(ReportText.MonitorNextBoard, PeriodName(period.Next), LongDate(following))
            : Terms.Format(ReportText.MonitorNoBoard, PeriodName(period.Next)));
        return monitoring;
    }

    /// <summary>"7 December 2026"; in Welsh "7 Rhagfyr 2026".</summary>
    public static string LongDate(DateOnly date) => date.ToString("d MMMM yyyy", Words.Formatting);

    /// <summary>The police open data label: the Police slice's words in English, the paper's own in Welsh.</summary>
    public static string PoliceSourceLabel => Words.Current == Language.Welsh ? ReportText.PoliceSourceLabel : Police.PoliceData.SourceLabel;

    /// <summary>The Open Government Licence attribution, in the language now.</summary>
    public static string PoliceAttribution => Words.Current == Language.Welsh ? ReportText.PoliceAttribution : Police.PoliceData.Attribution;

    /// <summary>A figure with its unit: "171 offences", "36%".</summary>
    public static string WithUnit(decimal value, string? unit) => unit switch
    {
        null or "" => ScorecardCard.Number(value),
        "%" => ScorecardCard.Number(value) + "%",
        _ => $"{ScorecardCard.Number(value)} {unit}",
    };

    /// <summary>
    /// The direction of travel, with whether the change is significant when it is known ("Worsening, not significant"):
    /// a change is never called better or worse without it ("Worsening (not significant)").
    /// </summary>
    public static string DirectionText(DirectionOfTravel direction, ChangeOnLastYear? change = null)
    {
        var word = Terms.Direction(direction);
        return change is not null && direction is DirectionOfTravel.Improving or DirectionOfTravel.Worsening ? Terms.Format(ReportText.DirectionWithSignificance, word, VariationWords.Significance(change)) : word;
    }
}

/// <summary>Which board a period's paper goes to, by the deadline rule.</summary>
public static class ReportBoards
{
    /// <summary>
    /// The board the paper goes to: the period's own board (the one its deadline is set by) when it has not met by the
    /// compile date; otherwise the first board on or after that date. Null when none is scheduled.
    /// </summary>
    public static DateOnly? For(DateOnly? periodsBoard, IEnumerable<DateOnly> boards, DateOnly compiledOn) =>
        periodsBoard is { } own && own >= compiledOn ? own : boards.Where(b => b >= compiledOn).Order().Select(b => (DateOnly?)b).FirstOrDefault();
}
