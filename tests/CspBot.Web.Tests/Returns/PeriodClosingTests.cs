using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CspBot.Core.Persistence;
using CspBot.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CspBot.Web.Tests.Returns;

/// <summary>An officer closes a period through the operations API: returns for it are refused in the card until it is reopened.</summary>
public sealed class PeriodClosingTests : IAsyncLifetime
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

    private Task<JsonNode> SubmitAsync(string commentary) =>
        app.InvokeCardActionAsync(connector.ServiceUrl, "29:priya", "cspbot.return.submit", new JsonObject
        {
            ["ref"] = "DV-02", ["period"] = "2025-26-Q2", ["page"] = 0, ["version"] = 0,
            ["status"] = "Green", ["commentary"] = commentary,
        });

    private async Task<int> ReturnsForAsync(string itemRef)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CspDbContext>();
        return await db.Returns.CountAsync(r => r.ItemRef == itemRef);
    }

    [Fact]
    public async Task ClosedPeriod_RefusesReturnsInTheCard_StoresNothing_AndReopeningAllowsThemAgain()
    {
        var client = app.CreateClient();

        var closing = await client.PutAsJsonAsync("/api/admin/periods/2025-26-Q2/closed", new { closed = true });
        var closed = JsonNode.Parse(await closing.Content.ReadAsStringAsync())!;
        var refused = (await SubmitAsync("Refuge referrals on track")).ToJsonString();

        Assert.Equal(HttpStatusCode.OK, closing.StatusCode);
        Assert.True(closed["closed"]!.GetValue<bool>());
        Assert.Contains("is closed, so returns can no longer be changed", refused, StringComparison.Ordinal);
        Assert.Equal(0, await ReturnsForAsync("DV-02"));
        var state = JsonNode.Parse(await client.GetStringAsync("/api/admin/periods/2025-26-Q2/closed"))!;
        Assert.True(state["closed"]!.GetValue<bool>());
        await app.SendMessageAsync(connector.ServiceUrl, "29:priya", "my actions", "a:priya");
        await app.SendMessageAsync(connector.ServiceUrl, "29:priya", "update DV-02", "a:priya");
        Assert.All(
            connector.Sent.Where(s => s.ConversationId == "a:priya").Select(s => s.Activity.ToJsonString()).TakeLast(2),
            reply => Assert.Contains("2025-26 Q2 is closed, so its returns can no longer be changed. The next returns are for 2025-26 Q3 once it ends on 31 December 2025.", reply, StringComparison.Ordinal));

        var reopening = await client.PutAsJsonAsync("/api/admin/periods/2025-26-Q2/closed", new { closed = false });
        await SubmitAsync("Refuge referrals on track");

        Assert.Equal(HttpStatusCode.OK, reopening.StatusCode);
        Assert.False(JsonNode.Parse(await reopening.Content.ReadAsStringAsync())!["closed"]!.GetValue<bool>());
        Assert.Equal(1, await ReturnsForAsync("DV-02"));
        var audit = await client.GetStringAsync("/api/admin/periods/2025-26-Q2/audit.csv");
        Assert.Equal(2, audit.Split('\n').Count(l => l.Contains("PeriodSettings,2025-26-Q2,ClosedAt", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("/api/admin/periods/2025-26-Q3/closed", """{"closed":true}""", "has not ended yet")]
    [InlineData("/api/admin/periods/last-quarter/closed", """{"closed":true}""", "is not a reporting period")]
    [InlineData("/api/admin/periods/2025-26-Q2/closed", """{}""", "to close the period")]
    [InlineData("/api/admin/periods/2025-26-Q2/closed", """{"closed":"yes please"}""", "")]
    public async Task BadClosingRequests_Are400_AndChangeNothing(string url, string body, string reason)
    {
        var response = await app.CreateClient().PutAsync(url, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var scope = app.Services.CreateScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<CspDbContext>().PeriodSettings.AnyAsync(s => s.ClosedAt != null));
    }
}
