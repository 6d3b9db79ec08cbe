using CspBot.Core.Domain;
using CspBot.Core.Persistence;
using CspBot.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CspBot.Web.Tests.Teams;

/// <summary>status, chase and the role filtering of commands, through the real host with the demo partnership.</summary>
public sealed class OfficerCommandTests : IAsyncLifetime
{
    private readonly CspBotApp app = new(seedDemo: true);
    private FakeConnector connector = null!;

    public async Task InitializeAsync()
    {
        connector = await FakeConnector.StartAsync();
        connector.AddUser("29:priya", "priya.shah@council.example", "Priya Shah");
        connector.AddUser("29:mark", "mark.reid@met.police.example", "DI Mark Reid");
        await app.SetClockAsync("2025-10-20T09:00:00Z");
    }

    public async Task DisposeAsync()
    {
        await connector.DisposeAsync();
        await app.DisposeAsync();
    }

    [Fact]
    public async Task Help_ListsOnlyTheCommandsOfTheUsersRoles()
    {
        await app.SendMessageAsync(connector.ServiceUrl, "29:priya", "help", "a:priya");
        await app.SendMessageAsync(connector.ServiceUrl, "29:mark", "help", "a:mark");
        await connector.WaitForAsync(2);

        var officer = connector.Sent.Single(s => s.ConversationId == "a:priya").Activity.ToJsonString();
        var owner = connector.Sent.Single(s => s.ConversationId == "a:mark").Activity.ToJsonString();
        Assert.Contains("\"chase\"", officer);
        Assert.Contains("my actions", officer);
        Assert.DoesNotContain("\"chase\"", owner);
        Assert.DoesNotContain("\"status\"", owner);
        Assert.Contains("my actions", owner);
    }

    [Fact]
    public async Task Chase_ByAnOwner_IsRefusedPolitely()
    {
        await app.SendMessageAsync(connector.ServiceUrl, "29:mark", "chase");

        var reply = Assert.Single(await connector.WaitForAsync(1));
        Assert.Equal("**chase** is for officers. Type **help** to see what you can do.", reply["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Status_ShowsReturnsPerAgencyAndWhoCannotBeReached()
    {
        await app.SendMessageAsync(connector.ServiceUrl, "29:priya", "status");

        var card = Assert.Single(await connector.WaitForAsync(1)).ToJsonString();
        Assert.Contains("Returns for 2025-26 Q2", card);
        Assert.Contains("Metropolitan Police", card);
        Assert.Contains("app not installed", card);
    }

    [Fact]
    public async Task Chase_QueuesOneReminderPerLateOwnerPerDay_AndDeliversToThoseReachable()
    {
        await app.SendMessageAsync(connector.ServiceUrl, "29:mark", "hello", "a:mark");
        await connector.WaitForAsync(r => r.Json().Contains("help"));
        await app.SendMessageAsync(connector.ServiceUrl, "29:priya", "chase", "a:priya");

        var said = (await connector.WaitForAsync(r => r.Json().Contains("sent for 2025-26 Q2"), TimeSpan.FromSeconds(20))).Activity["text"]!.GetValue<string>();
        await connector.WaitForAsync(r => r.Json().Contains("Priya Shah is chasing your returns for 2025-26 Q2"), TimeSpan.FromSeconds(20));

        // Before the deadline (21 October) nothing is late yet; the count is of reminders that went, and who could not be sent one is named.
        Assert.Matches(@"^\d+ reminders? sent for 2025-26 Q2: .*DI Mark Reid \(\d+ returns? outstanding\)", said);
        Assert.DoesNotContain("late", said);
        Assert.DoesNotContain("(s)", said);
        Assert.Matches(@"Could not be sent to \d+ owners? who cannot be reached in Teams: .*\(app not installed\)", said);

        connector.Sent.Clear();
        await app.SendMessageAsync(connector.ServiceUrl, "29:priya", "chase", "a:priya");
        var again = (await connector.WaitForAsync(r => r.Json().Contains("Already chased today"))).Activity["text"]!.GetValue<string>();
        Assert.DoesNotContain("reminder sent", again);

        // The outbox job records its pass in the background: read the chases once it has settled every one of them.
        var chases = await SettledChasesAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(chases.Count, chases.Select(c => c.RecipientMemberId).Distinct().Count());
        Assert.Contains(chases, c => c.Status == OutboxStatus.Failed && c.LastError!.Contains("not installed"));
    }

    [Fact]
    public async Task Chase_AfterTheDeadline_CallsWhatIsOwedLate()
    {
        await app.SetClockAsync("2025-10-27T09:00:00Z");
        await app.SendMessageAsync(connector.ServiceUrl, "29:mark", "hello", "a:mark");
        await connector.WaitForAsync(r => r.Json().Contains("help"));
        await app.SendMessageAsync(connector.ServiceUrl, "29:priya", "chase", "a:priya");

        var said = (await connector.WaitForAsync(r => r.Json().Contains("sent for 2025-26 Q2"), TimeSpan.FromSeconds(20))).Activity["text"]!.GetValue<string>();
        Assert.Matches(@"DI Mark Reid \(\d+ returns? late\)", said);
        Assert.DoesNotContain("outstanding", said);
    }

    private async Task<List<OutboxMessage>> SettledChasesAsync(TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            using var scope = app.Services.CreateScope();
            var chases = await scope.ServiceProvider.GetRequiredService<CspDbContext>().Outbox.AsNoTracking().Where(o => o.Kind == "chase").ToListAsync();
            if (chases.All(c => c.Status != OutboxStatus.Pending) || DateTime.UtcNow > deadline)
            {
                return chases;
            }

            await Task.Delay(100);
        }
    }
}
