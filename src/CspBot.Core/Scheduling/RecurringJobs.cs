using CspBot.Core.Features.Checking;
using CspBot.Core.Features.Digest;
using CspBot.Core.Features.Graph;
using CspBot.Core.Features.Messaging;
using CspBot.Core.Features.Reminders;
using CspBot.Core.Features.Reports;
using Hangfire;

namespace CspBot.Core.Scheduling;

public sealed class SchedulingOptions
{
    public const string Section = "Scheduling";

    /// <summary>How often pending outbox messages (retries, anything a crash left behind) are swept.</summary>
    public string OutboxCron { get; set; } = "* * * * *";

    /// <summary>The reminder run: 09:00 on weekdays (bank holidays are skipped by the run itself).</summary>
    public string RemindersCron { get; set; } = "0 9 * * 1-5";

    /// <summary>The officers' card of returns to check: 09:00 on weekdays (bank holidays are skipped by the run itself).</summary>
    public string ChecksCron { get; set; } = "0 9 * * 1-5";

    /// <summary>The weekly digest to the partnership channel: Monday 09:00.</summary>
    public string DigestCron { get; set; } = "0 9 * * 1";

    /// <summary>Finding members in the directory and installing the app for them: daily 08:30, before the reminders.</summary>
    public string MemberReachCron { get; set; } = "30 8 * * *";
}

/// <summary>Every recurring job, registered in one place, on partnership time (Europe/London).</summary>
public static class RecurringJobs
{
    public const string Outbox = "outbox";
    public const string Reminders = "reminders";
    public const string ExceptionReport = "exception-report";
    public const string Digest = "digest";
    public const string MemberReach = "member-reach";
    public const string Checks = "checks";

    public static void Register(IRecurringJobManager jobs, SchedulingOptions options)
    {
        var london = new RecurringJobOptions { TimeZone = PartnershipTime.Zone };
        jobs.AddOrUpdate<ReminderJob>(Reminders, job => job.RunAsync(CancellationToken.None), options.RemindersCron, london);
        jobs.AddOrUpdate<ExceptionReportJob>(ExceptionReport, job => job.RunAsync(CancellationToken.None), options.RemindersCron, london);
        jobs.AddOrUpdate<CheckJob>(Checks, job => job.RunAsync(CancellationToken.None), options.ChecksCron, london);
        jobs.AddOrUpdate<DigestJob>(Digest, job => job.RunAsync(CancellationToken.None), options.DigestCron, london);
        jobs.AddOrUpdate<MemberReachJob>(MemberReach, job => job.RunAsync(CancellationToken.None), options.MemberReachCron, london);
        jobs.AddOrUpdate<OutboxJob>(Outbox, job => job.SendDueAsync(CancellationToken.None), options.OutboxCron, london);
    }
}
