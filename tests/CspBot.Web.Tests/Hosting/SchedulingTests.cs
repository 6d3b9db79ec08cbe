using CspBot.Web.Tests.Support;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace CspBot.Web.Tests.Hosting;

public class SchedulingTests
{
    [Fact]
    public async Task Startup_RegistersEveryRecurringJobOnLondonTime()
    {
        await using var app = new CspBotApp(seedDemo: false);
        app.CreateClient();
        var storage = app.Services.GetRequiredService<JobStorage>();

        var deadline = DateTime.UtcNow.AddSeconds(10);
        List<RecurringJobDto> jobs;
        do
        {
            using var connection = storage.GetConnection();
            jobs = connection.GetRecurringJobs();
            await Task.Delay(50);
        }
        while (jobs.Count < 5 && DateTime.UtcNow < deadline);

        Assert.Equal(["checks", "digest", "exception-report", "member-reach", "outbox", "reminders"], jobs.Select(j => j.Id).Order());
        Assert.All(jobs, j => Assert.Equal("Europe/London", j.TimeZoneId));
        Assert.Equal("0 9 * * 1-5", jobs.Single(j => j.Id == "reminders").Cron);
        Assert.Equal("0 9 * * 1", jobs.Single(j => j.Id == "digest").Cron);
        Assert.Equal("30 8 * * *", jobs.Single(j => j.Id == "member-reach").Cron);
    }

    [Fact]
    public async Task ScheduledExceptionReport_FiredTwiceOnTheDeadlineDay_SucceedsAndCompilesOneVersion()
    {
        await using var app = new CspBotApp(seedDemo: true);
        await app.SetClockAsync("2025-10-21T08:00:00Z");
        var storage = app.Services.GetRequiredService<JobStorage>();
        await WaitForRecurringJobsAsync(storage);

        // Hangfire stores each job's result: the job must return plain values (a ReportingPeriod overflowed the stack).
        var scheduler = new RecurringJobManager(storage);
        var ids = new[] { scheduler.TriggerJob("exception-report"), scheduler.TriggerJob("exception-report") };
        var monitoring = storage.GetMonitoringApi();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!ids.All(id => monitoring.JobDetails(id).History.FirstOrDefault()?.StateName == "Succeeded"))
        {
            Assert.True(DateTime.UtcNow < deadline, "the scheduled report did not succeed: " + string.Join(", ", ids.Select(id => monitoring.JobDetails(id).History.FirstOrDefault()?.StateName)));
            await Task.Delay(50);
        }

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CspBot.Core.Persistence.CspDbContext>();
        var versions = db.ReportSnapshots.AsEnumerable().Where(r => r.Period.Id == "2025-26-Q2").Select(r => r.Version).ToList();
        Assert.Equal([1], versions);
        var results = ids.Select(id => monitoring.JobDetails(id).History.First().Data.TryGetValue("Result", out var result) ? result : null).ToList();
        Assert.Single(results, r => r?.Contains("\"Version\":1", StringComparison.Ordinal) == true);
        Assert.Single(results, r => r is null or "null");
    }

    private static async Task WaitForRecurringJobsAsync(JobStorage storage)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            using var connection = storage.GetConnection();
            if (connection.GetRecurringJobs().Count >= 5 || DateTime.UtcNow > deadline)
            {
                return;
            }

            await Task.Delay(50);
        }
    }
}
