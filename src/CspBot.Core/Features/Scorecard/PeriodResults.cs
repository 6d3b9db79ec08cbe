using CspBot.Core.Domain;
using CspBot.Core.Features.Returns;
using CspBot.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CspBot.Core.Features.Scorecard;

/// <summary>One item's standing for a period, as the scorecard, the exception report and the digest show it.</summary>
public sealed record ItemResult(
    ItemKind Kind,
    string Ref,
    string Title,
    string OutcomeCode,
    string OutcomeTitle,
    string OwnerName,
    string Agency,
    bool Restricted,
    bool Returned,
    ActionStatus? Status,
    Rag? Rag,
    IndicatorAssessment? Indicator,
    Indicator? Definition,
    IndicatorValue? Figures,
    string? Commentary,
    string? Measures,
    DateOnly? RevisedDate)
{
    /// <summary>Red first, then Amber, Green, Complete, then not yet known.</summary>
    public int Severity => Rag switch
    {
        Scorecard.Rag.Red => 0,
        Scorecard.Rag.Amber => 1,
        Scorecard.Rag.Green => Status == ActionStatus.Complete ? 3 : 2,
        _ => 4,
    };
}

/// <summary>Every action and indicator of a period with RAG, direction of travel and the owner's words.</summary>
public sealed record PeriodResults(ReportingPeriod Period, DateOnly Deadline, IReadOnlyList<ItemResult> Items, IReadOnlyList<StrategicOutcome> Outcomes)
{
    public IEnumerable<ItemResult> Actions => Items.Where(i => i.Kind == ItemKind.Action);

    public IEnumerable<ItemResult> Indicators => Items.Where(i => i.Kind == ItemKind.Indicator);
}

public sealed class PeriodResultsBuilder(CspDbContext db, OwedItems owed, ReportingCycle cycle)
{
    public async Task<PeriodResults> BuildAsync(ReportingPeriod period, CancellationToken cancellationToken)
    {
        var items = await owed.AllAsync(period, cancellationToken);
        var deadline = await cycle.DeadlineAsync(period, cancellationToken);
        var outcomes = await db.Outcomes.AsNoTracking().OrderBy(o => o.Code).ToListAsync(cancellationToken);
        var results = items.Select(item =>
        {
            if (item.Kind == ItemKind.Action)
            {
                var status = item.Return?.Status;
                Rag? rag = status switch
                {
                    ActionStatus.Red => Rag.Red,
                    ActionStatus.Amber => Rag.Amber,
                    ActionStatus.Green or ActionStatus.Complete => Rag.Green,
                    _ => null,
                };
                return new ItemResult(ItemKind.Action, item.Ref, item.Title, item.Outcome!.Code, item.Outcome.Title, item.Owner!.Name, item.Agency,
                    item.Restricted, item.Returned, status, rag, null, null, null, item.Return?.Commentary, item.Return?.MeasuresToImprove, item.Return?.RevisedDate);
            }

            var indicator = item.Indicator!;
            var assessment = IndicatorAssessment.Of(indicator, item.Return?.Actual ?? item.Figures?.Actual, item.Figures?.PreviousYear);
            return new ItemResult(ItemKind.Indicator, item.Ref, item.Title, indicator.Outcome.Code, indicator.Outcome.Title, indicator.Owner.Name, item.Agency,
                false, item.Returned, null, assessment.Rag, assessment, indicator, item.Figures, item.Return?.Commentary, item.Return?.MeasuresToImprove, null);
        }).ToList();
        return new PeriodResults(period, deadline.Date, results, outcomes);
    }
}
