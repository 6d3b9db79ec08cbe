using System.Text.Json.Nodes;
using CspBot.Core.Features.Graph;
using CspBot.Web.Tests.Support;

namespace CspBot.Web.Tests.Graph;

/// <summary>Microsoft Graph not configured (the embedded default): everything else works, and status says Graph is off.</summary>
public sealed class GraphOffTests : IAsyncLifetime
{
    private readonly CspBotApp app = new(seedDemo: true);
    private FakeConnector connector = null!;

    public async Task InitializeAsync()
    {
        connector = await FakeConnector.StartAsync();
        connector.AddUser("29:priya", "priya.shah@council.example", "Priya Shah");
        await app.SetClockAsync("2025-10-20T09:00:00Z");
    }

    public async Task DisposeAsync()
    {
        await connector.DisposeAsync();
        await app.DisposeAsync();
    }

    [Fact]
    public async Task StatusAndTheOperationsApi_SayGraphIsOff_AndListWhoCannotBeReached_WhileTheReportIsStillPosted()
    {
        var client = app.CreateClient();
        await app.PostActivityAsync(CspBotApp.TeamInstall(connector.ServiceUrl, "19:general@thread.tacv2", "Haringey CSP", "2f4e6a8c-0b1d-4f3e-8a5c-7e9f1b3d5a7c"));

        var run = JsonNode.Parse(await (await client.PostAsync("/api/admin/jobs/member-reach/run", null)).Content.ReadAsStringAsync())!;
        var reach = JsonNode.Parse(await client.GetStringAsync("/api/admin/members/reach"))!;
        var compiled = JsonNode.Parse(await (await client.PostAsync("/api/admin/jobs/exception-report/run", null)).Content.ReadAsStringAsync())!;
        await app.SendMessageAsync(connector.ServiceUrl, "29:priya", "status", "a:priya");

        Assert.False(run["graphOn"]!.GetValue<bool>());
        Assert.Equal(0, run["checked"]!.GetValue<int>());
        Assert.Equal(("off", MemberReachStatus.GraphOff), (reach["graph"]!.GetValue<string>(), reach["note"]!.GetValue<string>()));
        var mark = reach["unreachable"]!.AsArray().Single(m => m!["email"]!.GetValue<string>() == "mark.reid@met.police.example")!;
        Assert.Equal(("NotChecked", "app not installed"), (mark["directory"]!.GetValue<string>(), mark["reason"]!.GetValue<string>()));
        Assert.True(compiled["posted"]!.GetValue<bool>());
        var status = (await connector.WaitForAsync(a => a.Json().Contains("Returns for 2025-26 Q2"))).Activity.Json();
        Assert.Contains(MemberReachStatus.GraphOff, status);
        Assert.Contains("DI Mark Reid", status);
        await client.PostAsync("/api/admin/jobs/outbox/run", null);
        var post = await connector.WaitForAsync(a => a.Json().Contains("2025-26 Q2 exception report"));
        Assert.DoesNotContain("Open in the channel's Files", post.Activity.Json());
    }
}
