using CspBot.Core.Features.Messaging;
using Hangfire;

namespace CspBot.Core.Scheduling;

public sealed class SchedulingOptions
{
    public const string Section = "Scheduling";

    /// <summary>How often pending outbox messages (retries, anything a crash left behind) are swept.</summary>
    public string OutboxCron { get; set; } = "* * * * *";
}

/// <summary>Every recurring job, registered in one place, on partnership time (Europe/London).</summary>
public static class RecurringJobs
{
    public const string Outbox = "outbox";

    public static void Register(IRecurringJobManager jobs, SchedulingOptions options)
    {
        var london = new RecurringJobOptions { TimeZone = PartnershipTime.Zone };
        jobs.AddOrUpdate<OutboxJob>(Outbox, job => job.SendDueAsync(CancellationToken.None), options.OutboxCron, london);
    }
}
