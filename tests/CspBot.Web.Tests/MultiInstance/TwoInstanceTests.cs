using System.Net;
using System.Text.Json.Nodes;
using CspBot.Core.Domain;
using CspBot.Core.Persistence;
using CspBot.Testing;
using CspBot.Web.Tests.Support;
using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace CspBot.Web.Tests.MultiInstance;

/// <summary>
/// Scale-out on a real shared database: two CspBot processes against one PostgreSQL database, each with its own
/// Hangfire server on shared Hangfire.PostgreSql storage, with the reminder, digest and exception-report jobs due at the
/// same moment and started on both at once. Whatever interleaving happens, every owner gets one reminder for the stage,
/// the channel one digest, and the period one report version.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class TwoInstanceTests(PostgresCluster postgres, ITestOutputHelper output) : IAsyncLifetime
{
    private const string DeadlineDay = "2025-10-21T08:00:00Z"; // 09:00 in London on the demo's 2025-26 Q2 deadline
    private const string DueToday = "Your returns for 2025-26 Q2 are due today";

    /// <summary>The tenant's rate for these instances (Outbox:RequestsPerSecond), low so that a few seconds show it kept.</summary>
    private const int Rate = 20;
    private FakeConnector connector = null!;
    private string database = string.Empty;
    private AppProcess first = null!;
    private AppProcess second = null!;

    public async Task InitializeAsync()
    {
        if (PostgresCluster.Unavailable is not null)
        {
            return;
        }

        connector = await FakeConnector.StartAsync();
        database = await postgres.CreateDatabaseAsync("scale");
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Default"] = database,
            ["Demo:Seed"] = "true",
            ["Demo:Anchor"] = DemoMembers.AuthoredFor,
            ["Outbox:RequestsPerSecond"] = Rate.ToString(System.Globalization.CultureInfo.InvariantCulture),

            // Small pages, so that senders on both instances would each find messages to claim.
            ["Outbox:BatchSize"] = "10",
        };

        // Both start together: migrations, Hangfire's schema and the demo seed race as in a real scale-out deployment.
        first = AppProcess.Start("instance A", settings);
        second = AppProcess.Start("instance B", settings);
        try
        {
            await Task.WhenAll(first.WaitForHealthAsync(), second.WaitForHealthAsync());
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        if (first is null)
        {
            return;
        }

        output.WriteLine("--- instance A ---\n" + first.Log + "\n--- instance B ---\n" + second.Log);
        await first.DisposeAsync();
        await second.DisposeAsync();
        await connector.DisposeAsync();
    }

    [PostgresFact]
    public void StartingTogetherOnAnEmptyDatabase_BothMigrateAndOneSeeds_WithoutAFailedAttempt()
    {
        // CspBot's own errors (a failed start-up attempt: a migration or the seed colliding with the other instance's)
        // and Hangfire's (its schema installed twice). EF Core's command log is left out: it reports its first read of
        // the migration history on an empty database as a failed command, and handles it.
        static string Failures(AppProcess app) => string.Join('\n', app.Errors.Split('\n')
            .Where(l => l.StartsWith("fail: CspBot", StringComparison.Ordinal) || l.StartsWith("fail: Hangfire", StringComparison.Ordinal) || l.StartsWith("crit:", StringComparison.Ordinal)));

        Assert.True(Failures(first).Length == 0, "instance A failed at start-up:\n" + Failures(first));
        Assert.True(Failures(second).Length == 0, "instance B failed at start-up:\n" + Failures(second));
        Assert.Single(new[] { first.Log, second.Log }, log => log.Contains("Demo partnership", StringComparison.Ordinal) && log.Contains("loaded from", StringComparison.Ordinal));
    }

    [PostgresFact]
    public async Task JobsDueTogetherOnTwoInstances_SendOneReminderPerOwner_OneDigest_AndCompileOneReportVersion()
    {
        await DemoMembers.ConnectEveryoneAsync(connector, [first.Client, second.Client]);
        await Task.WhenAll(first.SetClockAsync(DeadlineDay), second.SetClockAsync(DeadlineDay));
        var storage = HangfireStorage();
        await SharedHangfire.WaitForRecurringJobsAsync(storage);

        // Everything due at once: the schedulers of both instances firing (a Hangfire job each, run by whichever
        // server's workers take it) and an operator's "run now" on each instance, all at the same moment.
        var scheduler = new RecurringJobManager(storage);
        var triggered = new[] { RecurringJobIds.Reminders, RecurringJobIds.Digest, RecurringJobIds.ExceptionReport }
            .SelectMany(job => new[] { scheduler.TriggerJob(job), scheduler.TriggerJob(job) })
            .ToList();
        var runs = await Task.WhenAll(
            first.RunJobAsync("reminders"), second.RunJobAsync("reminders"),
            first.RunJobAsync("digest"), second.RunJobAsync("digest"));
        await WaitForJobsAsync(storage, triggered);
        await DeliverEverythingAsync();

        // The oracle: the owners the operations API lists with anything outstanding for the period.
        var returns = JsonNode.Parse(await first.Client.GetStringAsync("/api/admin/periods/2025-26-Q2/returns"))!["items"]!.AsArray();
        var owners = returns.Where(i => i!["status"]!.GetValue<string>() == "outstanding").Select(i => i!["owner"]!.GetValue<string>()).ToHashSet();
        var expected = DemoMembers.All.Where(m => owners.Contains(m.Email)).Select(m => m.Conversation).Order().ToList();
        Assert.Equal(owners.Count, expected.Count);
        Assert.Equal(owners.Count, runs.Take(2).Sum(r => r["queued"]!.GetValue<int>() + r["alreadyQueued"]!.GetValue<int>()) / 2);

        var delivered = connector.Sent.Where(s => s.Activity.Json().Contains(DueToday, StringComparison.Ordinal)).Select(s => s.ConversationId).Order().ToList();
        Assert.Equal(expected, delivered);

        await using var db = Database();
        var reminders = await db.Outbox.AsNoTracking().Where(o => o.Kind == "reminder").ToListAsync();
        Assert.Equal(owners.Count, reminders.Count);
        Assert.All(reminders, r => Assert.Equal((OutboxStatus.Sent, 1), (r.Status, r.Attempts)));

        var channel = connector.Sent.Where(s => s.ConversationId.StartsWith(DemoMembers.Channel, StringComparison.Ordinal)).Select(s => s.Activity.Json()).ToList();
        Assert.Single(channel, json => json.Contains("Weekly digest", StringComparison.Ordinal));
        Assert.Single(channel, json => json.Contains("2025-26 Q2 exception report", StringComparison.Ordinal));

        var versions = await db.ReportSnapshots.AsNoTracking().Where(r => r.Period == ReportingPeriod.Parse("2025-26 Q2")).Select(r => r.Version).ToListAsync();
        Assert.Equal([1], versions);
        Assert.Equal(HttpStatusCode.OK, (await first.Client.GetAsync("/api/reports/2025-26-Q2/exception-report.docx?version=1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await second.Client.GetAsync("/api/reports/2025-26-Q2/exception-report.docx?version=2")).StatusCode);

        // Officers compiling on both instances at the same moment get consecutive versions, not a collision.
        var manual = await Task.WhenAll(first.RunJobAsync("exception-report"), second.RunJobAsync("exception-report"));
        Assert.Equal([2, 3], manual.Select(m => m["version"]!.GetValue<int>()).Order());
        Assert.False(first.HasExited || second.HasExited, "an instance died");
    }

    [PostgresFact]
    public async Task TwoInstancesSendingAtOnce_TogetherStayWithinTheTenantRate_AndLoseOrRepeatNothing()
    {
        const int Messages = 120;
        await using var teams = await ThrottlingConnector.StartAsync(new ConnectorLimits { TenantRequestsPerSecond = Rate });
        await QueueForNewMembersAsync(teams.ServiceUrl, Messages);

        // Both instances' schedulers and an operator's "run now" on each, all at once.
        var scheduler = new RecurringJobManager(HangfireStorage());
        scheduler.TriggerJob(Core.Scheduling.RecurringJobs.Outbox);
        scheduler.TriggerJob(Core.Scheduling.RecurringJobs.Outbox);
        await Task.WhenAll(first.RunJobAsync("outbox"), second.RunJobAsync("outbox"), first.RunJobAsync("outbox"), second.RunJobAsync("outbox"));
        await DeliverEverythingAsync();

        var (most, rate) = teams.RequestsPerWindow(TimeSpan.FromSeconds(1));
        output.WriteLine($"two instances: {teams.Delivered} delivered; at most {most} requests in any second (limit {Rate}); {rate:0.0} req/s from first to last");
        Assert.True(most <= Rate, $"{most} requests reached Teams within one second; Outbox:RequestsPerSecond is {Rate}");
        Assert.Equal((Messages, Messages, 0), (teams.Delivered, teams.Conversations, teams.TenantThrottled));
        await using var db = Database();
        Assert.Equal(Messages, await db.Outbox.CountAsync(o => o.Kind == "fan-out" && o.Status == OutboxStatus.Sent && o.Attempts == 1));
    }

    /// <summary>New members, each with a personal chat on <paramref name="serviceUrl"/> and one message queued for it.</summary>
    private async Task QueueForNewMembersAsync(string serviceUrl, int count)
    {
        await using var db = Database();
        var members = Enumerable.Range(0, count)
            .Select(i => new Member { Email = $"fan-{i}@partner.example", Name = $"Fan {i}", Agency = "Council", Roles = MemberRoles.Owner, Reachability = Reachability.Reachable })
            .ToList();
        db.Members.AddRange(members);
        await db.SaveChangesAsync();
        var now = DateTimeOffset.UtcNow.AddYears(-5);
        foreach (var member in members)
        {
            db.Conversations.Add(new StoredConversation
            {
                Kind = ConversationKind.Personal, ConversationId = $"a:fan-{member.Id}", ServiceUrl = serviceUrl, ChannelId = "msteams",
                TenantId = "tenant-1", BotId = "28:cspbot", MemberId = member.Id, TeamsUserId = $"29:fan-{member.Id}",
            });
            db.Outbox.Add(new OutboxMessage { Key = $"fan-out:{member.Id}", Kind = "fan-out", RecipientMemberId = member.Id, Payload = """{"text":"Hello","card":null}""", CreatedAt = now, NextAttemptAt = now });
        }

        await db.SaveChangesAsync();
    }

    /// <summary>Runs the outbox on both instances at once until nothing is left to send now.</summary>
    private async Task DeliverEverythingAsync()
    {
        for (var round = 0; round < 20; round++)
        {
            await Task.WhenAll(first.RunJobAsync("outbox"), second.RunJobAsync("outbox"));
            await using var db = Database();
            if (!await db.Outbox.AnyAsync(o => o.Status == OutboxStatus.Pending))
            {
                return;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException("the outbox still has pending messages");
    }

    private PostgresCspDbContext Database() =>
        new(new DbContextOptionsBuilder<PostgresCspDbContext>().UseNpgsql(database).Options);

    private PostgreSqlStorage HangfireStorage() => SharedHangfire.Open(database);


    /// <summary>Waits until every triggered Hangfire job has finished; fails naming any that failed.</summary>
    private static async Task WaitForJobsAsync(JobStorage storage, IReadOnlyList<string> ids)
    {
        var monitoring = storage.GetMonitoringApi();
        for (var i = 0; i < 600; i++)
        {
            var states = ids.Select(id => monitoring.JobDetails(id).History.FirstOrDefault()).ToList();
            var failed = states.FirstOrDefault(s => s?.StateName == "Failed" || s?.StateName == "Scheduled");
            Assert.True(failed is null, $"a triggered job did not succeed at the first attempt: {failed?.StateName} {failed?.Reason} {string.Join(", ", failed?.Data ?? new Dictionary<string, string>())}");
            if (states.All(s => s?.StateName == "Succeeded"))
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("the triggered jobs did not finish: " + string.Join(", ", ids.Select(id => $"{id} {monitoring.JobDetails(id).History.FirstOrDefault()?.StateName}")));
    }

    private static class RecurringJobIds
    {
        public const string Reminders = Core.Scheduling.RecurringJobs.Reminders;
        public const string Digest = Core.Scheduling.RecurringJobs.Digest;
        public const string ExceptionReport = Core.Scheduling.RecurringJobs.ExceptionReport;
    }
}
