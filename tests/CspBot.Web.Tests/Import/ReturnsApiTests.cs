using System.Net;
using System.Text.Json.Nodes;
using CspBot.Web.Tests.Support;

namespace CspBot.Web.Tests.Import;

public sealed class ReturnsApiTests : IAsyncDisposable
{
    private readonly CspBotApp app = new(seedDemo: true);

    [Fact]
    public async Task GetReturns_ListsEveryItemWithOwnerStatusAndRag()
    {
        var response = await app.CreateClient().GetAsync("/api/admin/periods/2025-26-Q2/returns");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("2025-26 Q2", body["period"]!.GetValue<string>());
        var items = body["items"]!.AsArray();
        Assert.Equal(body["expected"]!.GetValue<int>(), items.Count);
        var violentCrime = items.Single(i => i!["ref"]!.GetValue<string>() == "VIO-03")!;
        Assert.Equal("Red", violentCrime["rag"]!.GetValue<string>());
        Assert.Equal("outstanding", violentCrime["status"]!.GetValue<string>());
        Assert.Equal("mark.reid@met.police.example", violentCrime["owner"]!.GetValue<string>());
    }

    [Fact]
    public async Task GetReturns_MalformedPeriod_Is400()
    {
        var response = await app.CreateClient().GetAsync("/api/admin/periods/Q2/returns");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not a reporting period", await response.Content.ReadAsStringAsync());
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
