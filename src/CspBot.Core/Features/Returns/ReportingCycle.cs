using CspBot.Core.Domain;
using CspBot.Core.Scheduling;

namespace CspBot.Core.Features.Returns;

/// <summary>Which period is being reported on now, and its deadline.</summary>
public sealed class ReportingCycle(TimeProvider clock)
{
    /// <summary>The latest quarter that has ended: returns for July–September are collected in October and November.</summary>
    public ReportingPeriod OpenPeriod() => ReportingPeriod.Containing(clock.LocalToday()).Previous;

    public Task<PeriodSummary> SummaryAsync(ReportingPeriod period, CancellationToken cancellationToken) =>
        Task.FromResult(new PeriodSummary(period, null));
}
