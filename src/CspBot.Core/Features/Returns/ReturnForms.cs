using System.Text.Json.Nodes;
using CspBot.Core.Domain;
using CspBot.Core.Features.Variation;

namespace CspBot.Core.Features.Returns;

/// <summary>The owner's form (<see cref="ReturnCards.Form"/>) with, for an indicator, its chart to the period: however the form is opened, the variation is beside the figure.</summary>
public sealed class ReturnForms(IndicatorSpc charts)
{
    public async Task<JsonObject> FormAsync(PeriodSummary summary, OwedItem item, ReturnInput? typed, IReadOnlyDictionary<string, string> errors, int page, CancellationToken cancellationToken, string? notice = null)
    {
        var spc = item.Kind == ItemKind.Indicator ? (await charts.ReadAllAsync(summary.Period, cancellationToken, [item.Ref])).GetValueOrDefault(item.Ref) : null;
        return ReturnCards.Form(summary, item, typed, errors, page, notice, spc);
    }
}
