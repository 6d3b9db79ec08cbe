using CspBot.Core.Domain;
using CspBot.Core.Persistence;
using CspBot.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CspBot.Web.Tests.Faults;

/// <summary>
/// The Bot Connector failing as it does in production (503, 502, a request that never answers, 403 for a member who
/// blocked the bot), through the real host, adapter and Bot Framework client: each transient failure is retried after
/// a back-off and counted as an attempt on the outbox message until the reminder arrives exactly once; a block is
/// final and recorded on the member.
/// </summary>
public sealed class ConnectorFailureTests : IAsyncLifetime
{
    private const string DueToday = "Your returns for 2025-26 Q2 are due today";
    private readonly CspBotApp app = new(seedDemo: true, extra: new Dictionary<string, string?> { ["Bot:ConnectorTimeout"] = "00:00:02" });
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
    public async Task ServerErrorsAndATimeout_AreRetried_AndRecordedAsAttempts_ThenTheReminderIsDeliveredOnce()
    {
        connector.SendFailures.Enqueue(503);
        connector.SendFailures.Enqueue(502);
        connector.SendFailures.Enqueue(FakeConnector.Hang);
        await app.SetClockAsync("2025-10-21T08:00:00Z");
        await RunAsync("reminders");

        // The reminder run starts the fan-out itself. Each sweep after it moves the clock past any back-off, as time
        // passing and the every-minute job would; whether the sender retries within a sweep or leaves the message for
        // the next one is its own business.
        await WaitForAsync(() => connector.Refused.Count >= 1 && connector.InFlight == 0, "the fan-out never tried Priya");
        for (var minutes = 10; minutes <= 60 && Delivered() == 0; minutes += 10)
        {
            await WaitForAsync(() => connector.InFlight == 0, "a send never finished");
            await app.SetClockAsync($"2025-10-21T08:{minutes:00}:00Z");
            await RunAsync("outbox");
            await Task.Delay(100);
        }

        Assert.Equal([503, 502, FakeConnector.Hang], connector.Refused.Select(r => r.Status));
        Assert.All(connector.Refused, r => Assert.Equal("a:priya", r.ConversationId));
        var message = await PriyasReminderAsync();
        Assert.Equal((OutboxStatus.Sent, 4, null), (message.Status, message.Attempts, message.LastError));
        await Task.Delay(200);
        Assert.Equal(1, Delivered());
    }

    [Fact]
    public async Task BlockedByTheMember_FailsTheMessage_AndRecordsTheBlock()
    {
        connector.SendFailures.Enqueue(403);
        await app.SetClockAsync("2025-10-21T08:00:00Z");
        await RunAsync("reminders");

        await WaitForAsync(async () => await PriyasReminderAsync() is { Status: OutboxStatus.Failed, LastError: "the member has blocked the bot" }, "the block was not recorded");
        await app.SetClockAsync("2025-10-21T08:30:00Z");
        await RunAsync("outbox");

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CspDbContext>();
        Assert.Equal(Reachability.Blocked, (await db.Members.SingleAsync(m => m.Email == "priya.shah@council.example")).Reachability);
        Assert.Equal([403], connector.Refused.Select(r => r.Status));
        Assert.DoesNotContain(connector.Sent, s => s.Activity.Json().Contains(DueToday, StringComparison.Ordinal));
    }

    private async Task RunAsync(string job) =>
        (await app.CreateClient().PostAsync($"/api/admin/jobs/{job}/run", null)).EnsureSuccessStatusCode();

    private int Delivered() => connector.Sent.Count(s => s.ConversationId == "a:priya" && s.Activity.Json().Contains(DueToday, StringComparison.Ordinal));

    private async Task<OutboxMessage> PriyasReminderAsync()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CspDbContext>();
        var priya = await db.Members.SingleAsync(m => m.Email == "priya.shah@council.example");
        return await db.Outbox.AsNoTracking().SingleAsync(o => o.Kind == "reminder" && o.RecipientMemberId == priya.Id);
    }

    private static Task WaitForAsync(Func<bool> condition, string failure) => WaitForAsync(() => Task.FromResult(condition()), failure);

    private static async Task WaitForAsync(Func<Task<bool>> condition, string failure)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(25);
        }
    }
}
