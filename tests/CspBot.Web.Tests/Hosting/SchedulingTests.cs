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

        Assert.Equal(["digest", "exception-report", "member-reach", "outbox", "reminders"], jobs.Select(j => j.Id).Order());
        Assert.All(jobs, j => Assert.Equal("Europe/London", j.TimeZoneId));
        Assert.Equal("0 9 * * 1-5", jobs.Single(j => j.Id == "reminders").Cron);
        Assert.Equal("0 9 * * 1", jobs.Single(j => j.Id == "digest").Cron);
        Assert.Equal("30 8 * * *", jobs.Single(j => j.Id == "member-reach").Cron);
    }
}
