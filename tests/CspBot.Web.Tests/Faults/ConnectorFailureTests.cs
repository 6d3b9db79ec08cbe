using CspBot.Core.Domain;
using CspBot.Core.Persistence;
using CspBot.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CspBot.Web.Tests.Faults;

/// <summary>
/// The Bot Connector failing as it does in production (503, 502, a request that never answers, 403 for a member who
/// blocked the bot), through the real host, adapter and Bot Framework client: each transient failure is recorded on
/// the outbox message and retried after a back-off until the reminder arrives exactly once; a block is final.
/// </summary>
public sealed class ConnectorFailureTests : IAsyncLifetime
{
    private const string DueToday = "Your returns for 2025-26 Q2 are due today";
    private readonly CspBotApp app = new(seedDemo: true, extra: new Dictionary<string, string?> { ["Bot:ConnectorTimeout"] = "00:00:02" });
    private readonly List<(int Attempts, OutboxStatus Status, string? Error)> seen = [];
    private FakeConnector connector = null!;

    public async Task InitializeAsync()
    {
        connector = await FakeConnector.StartAsync();
        connector.AddUser("29:priya", "priya.shah@council.example", "Priya Shah");
        (await app.SendMessageAsync(connector.ServiceUrl, "29:priya", "hello", "a:priya")).EnsureSuccessStatusCode();
        await connector.WaitForAsync(1);
    }

    public async Task DisposeAsync()
    {
        await connector.DisposeAsync();
        await app.DisposeAsync();
    }

    [Fact]
    public async Task ServerErrorsAndATimeout_AreRecordedAndRetried_ThenTheReminderIsDeliveredOnce()
    {
        connector.SendFailures.Enqueue(503);
        connector.SendFailures.Enqueue(502);
        connector.SendFailures.Enqueue(FakeConnector.Hang);
        await app.SetClockAsync("2025-10-21T08:00:00Z");
        await RunAsync("reminders");

        // The reminder run starts the fan-out itself; afterwards each step moves the clock past the back-off and
        // sweeps the outbox, as the every-minute job would.
        await WaitForAsync(1, OutboxStatus.Pending, "503");
        await SweepAtAsync("08:10");
        await WaitForAsync(2, OutboxStatus.Pending, "502");
        await SweepAtAsync("08:20");
        await WaitForAsync(3, OutboxStatus.Pending, "timeout");
        await SweepAtAsync("08:30");
        await WaitForAsync(4, OutboxStatus.Sent, null);

        Assert.Equal([503, 502, FakeConnector.Hang], connector.Refused.Select(r => r.Status));
        Assert.All(connector.Refused, r => Assert.Equal("a:priya", r.ConversationId));
        await Task.Delay(200);
        Assert.Single(connector.Sent, s => s.ConversationId == "a:priya" && s.Activity.Json().Contains(DueToday, StringComparison.Ordinal));
    }

    [Fact]
    public async Task BlockedByTheMember_FailsTheMessage_AndRecordsTheBlock()
    {
        connector.SendFailures.Enqueue(403);
        await app.SetClockAsync("2025-10-21T08:00:00Z");
        await RunAsync("reminders");

        await WaitForAsync(1, OutboxStatus.Failed, "the member has blocked the bot");
        await SweepAtAsync("08:30");

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CspDbContext>();
        Assert.Equal(Reachability.Blocked, (await db.Members.SingleAsync(m => m.Email == "priya.shah@council.example")).Reachability);
        Assert.Equal([403], connector.Refused.Select(r => r.Status));
        Assert.DoesNotContain(connector.Sent, s => s.Activity.Json().Contains(DueToday, StringComparison.Ordinal));
    }

    private async Task RunAsync(string job) =>
        (await app.CreateClient().PostAsync($"/api/admin/jobs/{job}/run", null)).EnsureSuccessStatusCode();

    private async Task SweepAtAsync(string utcTime)
    {
        await app.SetClockAsync($"2025-10-21T{utcTime}:00Z");
        await RunAsync("outbox");
    }

    /// <summary>Waits until Priya's reminder has been seen in this state (whichever sender made the attempt).</summary>
    private async Task WaitForAsync(int attempts, OutboxStatus status, string? errorStart)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!seen.Any(s => s.Attempts == attempts && s.Status == status && (errorStart is null ? s.Error is null : s.Error?.StartsWith(errorStart, StringComparison.Ordinal) == true)))
        {
            Assert.True(DateTime.UtcNow < deadline, $"never saw attempt {attempts} {status} {errorStart}; saw {string.Join(" | ", seen)}");
            using (var scope = app.Services.CreateScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<CspDbContext>();
                var priya = await db.Members.SingleAsync(m => m.Email == "priya.shah@council.example");
                var message = await db.Outbox.AsNoTracking().SingleAsync(o => o.Kind == "reminder" && o.RecipientMemberId == priya.Id);
                var state = (message.Attempts, message.Status, message.LastError);
                if (!seen.Contains(state))
                {
                    seen.Add(state);
                }
            }

            await Task.Delay(25);
        }
    }
}
