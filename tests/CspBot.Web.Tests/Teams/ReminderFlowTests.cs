using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CspBot.Web.Tests.Support;

namespace CspBot.Web.Tests.Teams;

/// <summary>Reminders end to end through the host: deadline from the demo calendar, job run, outbox, connector.</summary>
public sealed class ReminderFlowTests : IAsyncLifetime
{
    private readonly CspBotApp app = new(seedDemo: true);
    private FakeConnector connector = null!;

    public async Task InitializeAsync()
    {
        connector = await FakeConnector.StartAsync();
        connector.AddUser("29:priya", "priya.shah@council.example", "Priya Shah");
    }

    public async Task DisposeAsync()
    {
        await connector.DisposeAsync();
        await app.DisposeAsync();
    }

    [Fact]
    public async Task Deadline_ForTheDemoQ2_FollowsItsBoard_AndCanBeOverridden()
    {
        var client = app.CreateClient();

        var computed = JsonNode.Parse(await client.GetStringAsync("/api/admin/periods/2025-26-Q2/deadline"))!;
        Assert.Equal(("2025-10-21", "BoardMeeting", "2025-11-04"), (computed["deadline"]!.GetValue<string>(), computed["basis"]!.GetValue<string>(), computed["boardMeeting"]!.GetValue<string>()));

        var overridden = await client.PutAsJsonAsync("/api/admin/periods/2025-26-Q2/deadline", new { date = "2025-10-24" });
        var body = JsonNode.Parse(await overridden.Content.ReadAsStringAsync())!;
        Assert.Equal(("2025-10-24", "Override"), (body["deadline"]!.GetValue<string>(), body["basis"]!.GetValue<string>()));

        var bad = await client.PutAsJsonAsync("/api/admin/periods/2025-26-Q2/deadline", new { date = "2025-08-01" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task ReminderJob_OnDeadlineDay_DeliversTheCardOnce_ToOwnersWhoCanBeReached()
    {
        await app.SetClockAsync("2025-10-20T09:00:00Z");
        await app.SendMessageAsync(connector.ServiceUrl, "29:priya", "hello", "a:priya");
        await connector.WaitForAsync(1);
        await app.SetClockAsync("2025-10-21T08:00:00Z");
        var client = app.CreateClient();

        var run = JsonNode.Parse(await (await client.PostAsync("/api/admin/jobs/reminders/run", null)).Content.ReadAsStringAsync())!;
        await client.PostAsync("/api/admin/jobs/outbox/run", null);
        var rerun = JsonNode.Parse(await (await client.PostAsync("/api/admin/jobs/reminders/run", null)).Content.ReadAsStringAsync())!;
        await client.PostAsync("/api/admin/jobs/outbox/run", null);

        Assert.Equal("2025-26 Q2 deadline", run["stages"]![0]!.GetValue<string>());
        Assert.True(run["queued"]!.GetValue<int>() >= 6);
        Assert.Equal(0, rerun["queued"]!.GetValue<int>());
        var reminder = await connector.WaitForAsync(a => a.Json().Contains("Your returns for 2025-26 Q2 are due today"));
        await Task.Delay(500);
        Assert.Single(connector.Sent, s => s.Activity.Json().Contains("Your returns for 2025-26 Q2 are due today"));
        Assert.Equal("a:priya", reminder.ConversationId);
    }

    [Fact]
    public async Task UnknownJob_Is404WithTheJobNames()
    {
        var response = await app.CreateClient().PostAsync("/api/admin/jobs/payroll/run", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Jobs: reminders, checks, outbox, exception-report, digest", await response.Content.ReadAsStringAsync());
    }
}
