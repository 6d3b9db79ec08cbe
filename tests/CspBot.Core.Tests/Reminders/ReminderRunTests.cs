using CspBot.Core.Domain;
using CspBot.Core.Features.Deadlines;
using CspBot.Core.Features.Delegations;
using CspBot.Core.Features.Messaging;
using CspBot.Core.Features.Reminders;
using CspBot.Core.Features.Returns;
using CspBot.Core.Scheduling;
using CspBot.Core.Tests.Import;
using Hangfire;
using Hangfire.Common;
using Hangfire.InMemory;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CspBot.Core.Tests.Reminders;

/// <summary>The demo-like partnership: board on 22 Jan 2026, so 2025-26 Q3 returns are due on Thu 8 Jan 2026.</summary>
public class ReminderRunTests : ImportTestBase
{
    private readonly RecordingJobClient jobs = new();

    private void SetLondonTime(string localDateTime) =>
        Clock.SetUtcNow(new DateTimeOffset(DateTime.Parse(localDateTime, System.Globalization.CultureInfo.InvariantCulture), TimeSpan.Zero));

    private async Task<ReminderRunResult> RunAsync()
    {
        await using var db = Database.CreateContext();
        var options = Options.Create(new DeadlineOptions());
        var calendar = new WorkingDayCalendar();
        var owed = new OwedItems(db);
        var outbox = new Outbox(db, Clock);
        var languages = new CspBot.Core.Features.Localisation.PersonalLanguage(db, Clock, NullLogger<CspBot.Core.Features.Localisation.PersonalLanguage>.Instance);
        var run = new ReminderRun(db, new ReportingCycle(db, new DeadlineCalculator(calendar, options), Clock), new ReminderStages(calendar, options),
            new OwnerReminders(owed, new DelegationRules(db, Clock), outbox, languages), outbox, languages, Clock, jobs, new DistributedLocks(new InMemoryStorage()), NullLogger<ReminderRun>.Instance);
        return await run.RunAsync(CancellationToken.None);
    }

    private async Task<List<OutboxMessage>> OutboxAsync()
    {
        await using var db = Database.CreateContext();
        return await db.Outbox.OrderBy(o => o.Id).ToListAsync();
    }

    [Fact]
    public async Task Run_ThreeWorkingDaysBefore_QueuesOneCardPerOwnerWithOutstandingItems()
    {
        await ImportValidPartnershipAsync();
        SetLondonTime("2026-01-05T09:00:00");

        var result = await RunAsync();

        Assert.Equal(["2025-26 Q3 before-3"], result.Stages);
        Assert.Equal(2, result.Queued);
        var queued = await OutboxAsync();
        Assert.All(queued, m => Assert.StartsWith("reminder:2025-26-Q3:before-3:", m.Key));
        Assert.Contains("Reminder: your returns for 2025-26 Q3 are due in 3 working days", queued[0].Payload);
        Assert.Contains("Deadline Thu 8 Jan 2026", queued[0].Payload);
        Assert.Single(jobs.Enqueued);
    }

    [Fact]
    public async Task Run_Twice_OrAfterARetry_QueuesNothingMore()
    {
        await ImportValidPartnershipAsync();
        SetLondonTime("2026-01-05T09:00:00");

        await RunAsync();
        var again = await RunAsync();

        Assert.Equal((0, 2), (again.Queued, again.AlreadyQueued));
        Assert.Equal(2, (await OutboxAsync()).Count);
    }

    [Theory]
    [InlineData("2026-01-03T09:00:00")]
    [InlineData("2026-01-06T09:00:00")]
    [InlineData("2026-01-01T09:00:00")]
    public async Task Run_OnADayThatIsNoStage_QueuesNothing(string localTime)
    {
        await ImportValidPartnershipAsync();
        SetLondonTime(localTime);

        var result = await RunAsync();

        Assert.Empty(result.Stages);
        Assert.Empty(await OutboxAsync());
        Assert.Empty(jobs.Enqueued);
    }

    [Fact]
    public async Task Run_OwnerWhoHasReturnedEverything_IsNotReminded()
    {
        await ImportValidPartnershipAsync();
        await using (var db = Database.CreateContext())
        {
            foreach (var (kind, reference) in new[] { (ItemKind.Action, "RRO-01"), (ItemKind.Indicator, "VIO-01") })
            {
                db.Returns.Add(new Return { ItemKind = kind, ItemRef = reference, Period = ReportingPeriod.Parse("2025-26 Q3"), SubmittedBy = "mark.reid@met.police.example", Commentary = "Done", Status = ActionStatus.Green, Actual = kind == ItemKind.Indicator ? 140 : null });
            }

            await db.SaveChangesAsync();
        }

        SetLondonTime("2026-01-08T09:00:00");

        var result = await RunAsync();

        Assert.Equal(["2025-26 Q3 deadline"], result.Stages);
        var queued = Assert.Single(await OutboxAsync());
        await using var check = Database.CreateContext();
        Assert.Equal("priya.shah@council.example", (await check.Members.SingleAsync(m => m.Id == queued.RecipientMemberId)).Email);
    }

    [Fact]
    public async Task Run_FinalStage_EscalatesToOfficersAndChairOnce()
    {
        await ImportValidPartnershipAsync();
        SetLondonTime("2026-01-15T09:00:00");

        var result = await RunAsync();
        await RunAsync();

        Assert.Equal(["2025-26 Q3 overdue-5"], result.Stages);
        Assert.Equal(2, result.Escalations);
        var escalations = (await OutboxAsync()).Where(o => o.Kind == "escalation").ToList();
        Assert.Equal(2, escalations.Count);
        Assert.Contains("Late returns for 2025-26 Q3", escalations[0].Payload);
        Assert.Contains("DI Mark Reid (Metropolitan Police)", escalations[0].Payload);
    }

    [Fact]
    public async Task Run_ClosedPeriod_IsNotReminded()
    {
        await ImportValidPartnershipAsync();
        await using (var db = Database.CreateContext())
        {
            db.PeriodSettings.Add(new PeriodSettings { Period = ReportingPeriod.Parse("2025-26 Q3"), ClosedAt = Clock.GetUtcNow() });
            await db.SaveChangesAsync();
        }

        SetLondonTime("2026-01-05T09:00:00");

        Assert.Equal(0, (await RunAsync()).Queued);
    }

    [Fact]
    public async Task Run_OwnerAway_TheirDelegateIsRemindedWithTheirItems()
    {
        await ImportValidPartnershipAsync();
        await using (var db = Database.CreateContext())
        {
            var mark = await db.Members.SingleAsync(m => m.Email == "mark.reid@met.police.example");
            var priya = await db.Members.SingleAsync(m => m.Email == "priya.shah@council.example");
            db.Delegations.Add(new Delegation { Owner = mark, Delegate = priya, Until = new DateOnly(2026, 1, 31) });
            await db.SaveChangesAsync();
        }

        SetLondonTime("2026-01-05T09:00:00");
        await RunAsync();

        await using var check = Database.CreateContext();
        var priyaId = (await check.Members.SingleAsync(m => m.Email == "priya.shah@council.example")).Id;
        var toPriya = Assert.Single(await OutboxAsync(), o => o.RecipientMemberId == priyaId);
        Assert.Contains("RRO-01", toPriya.Payload);
        Assert.Contains("DV-01", toPriya.Payload);
    }

    private sealed class RecordingJobClient : IBackgroundJobClient
    {
        public List<Job> Enqueued { get; } = [];

        public string Create(Job job, IState state)
        {
            Enqueued.Add(job);
            return Enqueued.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        public bool ChangeState(string jobId, IState state, string expectedState) => true;
    }
}
