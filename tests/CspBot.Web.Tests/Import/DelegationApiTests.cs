using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CspBot.Web.Tests.Support;

namespace CspBot.Web.Tests.Import;

public sealed class DelegationApiTests : IAsyncLifetime
{
    private readonly CspBotApp app = new(seedDemo: true);
    private FakeConnector connector = null!;

    public async Task InitializeAsync()
    {
        connector = await FakeConnector.StartAsync();
        connector.AddUser("29:ruth", "ruth.adeyemi@probation.example", "Ruth Adeyemi");
        await app.SetClockAsync("2025-10-20T09:00:00Z");
    }

    public async Task DisposeAsync()
    {
        await connector.DisposeAsync();
        await app.DisposeAsync();
    }

    [Fact]
    public async Task Delegate_SeesAndAnswersTheAwayOwnersItems_UntilItIsEnded()
    {
        var client = app.CreateClient();
        var created = await client.PutAsJsonAsync("/api/admin/delegations", new { owner = "Mark.Reid@met.police.example", @delegate = "ruth.adeyemi@probation.example", until = "2025-11-30" });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var id = JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!.GetValue<int>();

        await app.SendMessageAsync(connector.ServiceUrl, "29:ruth", "update VIO-03");
        var form = Assert.Single(await connector.WaitForAsync(1));
        Assert.Contains("Submit return", form.Json());

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/admin/delegations/{id}")).StatusCode);
        await app.SendMessageAsync(connector.ServiceUrl, "29:ruth", "update VIO-03");
        var refused = (await connector.WaitForAsync(2))[1];
        Assert.Contains("only they or an officer can change it", refused["text"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("nobody@example.org", "ruth.adeyemi@probation.example", "2025-11-30", "owner")]
    [InlineData("mark.reid@met.police.example", "mark.reid@met.police.example", "2025-11-30", "delegate")]
    [InlineData("mark.reid@met.police.example", "helen.marsh@council.example", "2025-11-30", "delegate")]
    [InlineData("mark.reid@met.police.example", "ruth.adeyemi@probation.example", "2025-01-01", "until")]
    [InlineData("mark.reid@met.police.example", "ruth.adeyemi@probation.example", "2026-10-21", "until")]
    public async Task PutDelegation_Invalid_Is400NamingTheField_AndChangesNothing(string owner, string deputy, string until, string field)
    {
        var client = app.CreateClient();

        var response = await client.PutAsJsonAsync("/api/admin/delegations", new { owner, @delegate = deputy, until });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]![field]);
        Assert.Equal("[]", JsonNode.Parse(await client.GetStringAsync("/api/admin/delegations"))!.ToJsonString());
    }
}
