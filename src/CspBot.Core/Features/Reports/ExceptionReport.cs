using System.Globalization;
using CspBot.Core.Domain;
using CspBot.Core.Scheduling;
using CspBot.Core.Features.Scorecard;

namespace CspBot.Core.Features.Reports;

/// <summary>One area of concern: a Red or Amber action or indicator with its figures and the owner's words.</summary>
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
    bool Restricted);

public sealed record MissingReturn(string Owner, string Agency, IReadOnlyList<string> Refs);

/// <summary>RAG counts for one strategic outcome (the scorecard table of the report).</summary>
public sealed record OutcomeCounts(string Outcome, int ActionsRed, int ActionsAmber, int ActionsGreen, int ActionsComplete, int IndicatorsRed, int IndicatorsAmber, int IndicatorsGreen);

/// <summary>
/// The performance and project exception report for the board, in the structure of the officer's paper report:
/// purpose, summary highlights, areas of concern (Reds first, then Ambers), missing returns, future monitoring.
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
    private static readonly CultureInfo British = PartnershipTime.British;

    /// <summary>The Government Security Classification printed on the document.</summary>
    public string ProtectiveMarking { get; init; } = Domain.Partnership.DefaultMarking;

    /// <summary>The board the report goes to.</summary>
    public string? Board { get; init; }

    /// <summary>The officer the paper is "report of".</summary>
    public string? ReportOf { get; init; }

    public static ExceptionReport From(string partnership, PeriodResults results, DateOnly? nextBoard, DateTimeOffset compiledAt, int version)
    {
        var period = results.Period;
        var months = $"{period.FirstDay.ToString("MMMM", British)} – {period.LastDay.ToString("MMMM yyyy", British)}";
        var indicators = results.Indicators.Where(i => i.Rag is not null).ToList();
        var actions = results.Actions.ToList();
        var returned = actions.Where(a => a.Status is not null).ToList();
        var highlights = new List<string>
        {
            $"{indicators.Count(i => i.Indicator!.Direction == DirectionOfTravel.Improving)} of {indicators.Count} indicators improved on the same quarter last year.",
            $"{indicators.Count(i => i.Rag == Rag.Green)} of {indicators.Count} indicators are on or better than target; {indicators.Count(i => i.Rag == Rag.Amber)} are Amber and {indicators.Count(i => i.Rag == Rag.Red)} Red.",
            $"Of {actions.Count} delivery plan actions, {returned.Count(a => a.Status == ActionStatus.Complete)} are complete, {returned.Count(a => a.Status == ActionStatus.Green)} on track (Green), {returned.Count(a => a.Status == ActionStatus.Amber)} slipping (Amber) and {returned.Count(a => a.Status == ActionStatus.Red)} off track (Red).",
            $"{results.Items.Count(i => i.Returned)} of {results.Items.Count} returns were received by the time of compilation.",
        };

        var concerns = results.Items
            .Where(i => i.Rag is Rag.Red or Rag.Amber && i.Status != ActionStatus.Complete)
            .OrderBy(i => i.Rag == Rag.Red ? 0 : 1).ThenBy(i => i.Kind == ItemKind.Indicator ? 0 : 1).ThenBy(i => i.Ref, StringComparer.Ordinal)
            .Select(i => new Concern(
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
                i.RevisedDate?.ToString("d MMMM yyyy", British),
                i.Restricted))
            .ToList();

        var missing = results.Items.Where(i => !i.Returned)
            .GroupBy(i => (i.OwnerName, i.Agency))
            .OrderBy(g => g.Key.Agency).ThenBy(g => g.Key.OwnerName)
            .Select(g => new MissingReturn(g.Key.OwnerName, g.Key.Agency, g.Select(i => i.Ref).Order(StringComparer.Ordinal).ToList()))
            .ToList();

        var monitoring = new List<string>();
        var reds = concerns.Where(c => c.Rag == "Red").Select(c => c.Ref).ToList();
        if (reds.Count > 0)
        {
            monitoring.Add($"The PMG will monitor every Red item closely until it improves: {string.Join(", ", reds)}.");
        }

        var ambers = concerns.Where(c => c.Rag == "Amber").Select(c => c.Ref).ToList();
        if (ambers.Count > 0)
        {
            monitoring.Add($"Amber items to watch so they do not slip further: {string.Join(", ", ambers)}.");
        }

        if (missing.Count > 0)
        {
            monitoring.Add($"Missing returns will be chased before the next PMG ({missing.Sum(m => m.Refs.Count)} items from {missing.Count} owners).");
        }

        monitoring.Add(nextBoard is { } board
            ? $"{period.Next} performance will be reported after the quarter ends; the next board meets on {board.ToString("d MMMM yyyy", British)}."
            : $"{period.Next} performance will be reported after the quarter ends.");

        return new ExceptionReport(
            partnership,
            period.ToString(),
            period.Id,
            months,
            results.Deadline.ToString("d MMMM yyyy", British),
            compiledAt.ToString("d MMMM yyyy HH:mm", British),
            version,
            $"To draw the exceptions and key issues from {period} performance monitoring ({months}) to the attention of the Board.",
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
                    mine.Count(i => i.Kind == ItemKind.Indicator && i.Rag == Rag.Green));
            }).ToList(),
            concerns,
            missing,
            monitoring);
    }
}
