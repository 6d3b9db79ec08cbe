using System.Text.Json.Nodes;
using CspBot.Core.Domain;
using CspBot.Core.Persistence;
using CspBot.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace CspBot.Web.Tests.Faults;

/// <summary>
/// The process is killed (SIGKILL) in the middle of the reminder fan-out and started again on the same database: no
/// reminder is lost, and the only ones sent twice are those that were on the wire when it died, each recorded in the
/// outbox as a second attempt.
/// </summary>
public sealed class CrashMidFanOutTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string DueToday = "Your returns for 2025-26 Q2 are due today";
    private readonly string folder = Directory.CreateTempSubdirectory("cspbot-crash-").FullName;
    private FakeConnector connector = null!;
    private AppProcess? app;

    private string DatabaseFile => Path.Combine(folder, "cspbot.db");

    public async Task InitializeAsync() => connector = await FakeConnector.StartAsync();

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            output.WriteLine(app.Log);
            await app.DisposeAsync();
        }

        await connector.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    private AppProcess Start(string name) => AppProcess.Start(name, new Dictionary<string, string?>
    {
        ["Database:Provider"] = "Sqlite",
        ["ConnectionStrings:Default"] = $"Data Source={DatabaseFile}",
        ["Demo:Seed"] = "true",
        ["Demo:Anchor"] = DemoMembers.AuthoredFor,
    });

    [Fact]
    public async Task KilledMidFanOut_AfterRestart_EveryReminderIsDelivered_AndOnlyTheInFlightOnesTwice()
    {
        app = Start("before the crash");
        await app.WaitForHealthAsync();
        await DemoMembers.ConnectEveryoneAsync(connector, [app.Client]);
        var owners = await OwnersOutstandingAsync(app);

        // The connector answers three reminders, then takes its time: the fan-out (started by the reminder run through
        // Hangfire, one send at a time or many at once) is caught in the middle with sends on the wire.
        connector.AnswerAtOnce = 3;
        connector.SendDelay = TimeSpan.FromSeconds(2);
        await app.SetClockAsync("2025-10-21T08:00:00Z");
        var run = await app.RunJobAsync("reminders");
        Assert.Equal(owners.Count, run["queued"]!.GetValue<int>());
        await WaitUntilAsync(() => Reminders().Count >= 3 && connector.InFlight > 0, "the fan-out never got going");
        app.Kill();

        // What the crash left: sends already on the wire still arrive (the connector does not know the caller died).
        // Delivered but not recorded as sent are exactly the messages that may go twice.
        await WaitUntilAsync(() => connector.InFlight == 0, "a send never finished");
        var deliveredBeforeRestart = Reminders().ToHashSet();
        Dictionary<string, OutboxMessage> atCrash;
        await using (var db = Database())
        {
            var conversationOf = await db.Conversations.AsNoTracking().Where(c => c.MemberId != null).ToDictionaryAsync(c => c.MemberId!.Value, c => c.ConversationId);
            atCrash = (await db.Outbox.AsNoTracking().Where(o => o.Kind == "reminder").ToListAsync()).ToDictionary(o => conversationOf[o.RecipientMemberId!.Value]);
        }

        var unrecorded = deliveredBeforeRestart.Where(c => atCrash[c].Status != OutboxStatus.Sent).Order().ToList();
        Assert.True(unrecorded.Count > 0, "no send was on the wire at the kill: nothing was tested");
        Assert.All(unrecorded, c => Assert.True(atCrash[c].Attempts >= 1, $"{c} was delivered but its outbox message shows no claim"));

        // Restarted past the claim timeout: messages claimed by the dead process are due again.
        connector.SendDelay = TimeSpan.Zero;
        await app.DisposeAsync();
        app = Start("after the restart");
        await app.WaitForHealthAsync();
        await app.SetClockAsync("2025-10-21T08:05:00Z");
        await app.RunJobAsync("outbox");
        await WaitUntilAsync(() => PendingReminders() == 0, "reminders were left pending after the restart");

        await using var after = Database();
        var rows = await after.Outbox.AsNoTracking().Where(o => o.Kind == "reminder").ToListAsync();
        var delivered = Reminders();
        Assert.All(rows, r => Assert.Equal(OutboxStatus.Sent, r.Status));
        Assert.Equal(owners.Order(), delivered.Distinct().Order());

        // Sent twice: exactly the messages that were on the wire when the process died, each claimed again after
        // the restart (a second attempt in the outbox). Nothing the crash had recorded as sent went again.
        var twice = delivered.GroupBy(c => c).Where(g => g.Count() > 1).Select(g => g.Key).Order().ToList();
        Assert.Equal(unrecorded, twice);
        Assert.All(twice, c => Assert.True(rows.Single(r => r.Id == atCrash[c].Id).Attempts > atCrash[c].Attempts, $"{c} went twice without a second attempt recorded"));
        Assert.Equal(rows.Count + twice.Count, delivered.Count);
        output.WriteLine($"{deliveredBeforeRestart.Count} delivered before the restart, {twice.Count} of them not yet recorded and sent again");
    }

    private List<string> Reminders() =>
        connector.Sent.Where(s => s.Activity.Json().Contains(DueToday, StringComparison.Ordinal)).Select(s => s.ConversationId).ToList();

    private int PendingReminders()
    {
        using var db = Database();
        return db.Outbox.Count(o => o.Kind == "reminder" && o.Status == OutboxStatus.Pending);
    }

    private SqliteCspDbContext Database() =>
        new(new DbContextOptionsBuilder<SqliteCspDbContext>().UseSqlite($"Data Source={DatabaseFile}").Options);

    /// <summary>The conversations of the owners the operations API lists with anything outstanding for 2025-26 Q2.</summary>
    private static async Task<List<string>> OwnersOutstandingAsync(AppProcess app)
    {
        var items = JsonNode.Parse(await app.Client.GetStringAsync("/api/admin/periods/2025-26-Q2/returns"))!["items"]!.AsArray();
        var emails = items.Where(i => i!["status"]!.GetValue<string>() == "outstanding").Select(i => i!["owner"]!.GetValue<string>()).ToHashSet();
        return DemoMembers.All.Where(m => emails.Contains(m.Email)).Select(m => m.Conversation).ToList();
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string failure)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(50);
        }
    }
}
