using System.Net;
using System.Text.Json.Nodes;
using CspBot.Web.Tests.Support;

namespace CspBot.Web.Tests.Import;

public sealed class AuditExportTests : IAsyncLifetime
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
    public async Task AuditCsv_HasEveryChangeOfThePeriod_WithFormulasEscaped()
    {
        await app.InvokeCardActionAsync(connector.ServiceUrl, "29:priya", "cspbot.return.submit", new JsonObject
        {
            ["ref"] = "DV-02", ["period"] = "2025-26-Q2", ["page"] = 0, ["version"] = 0,
            ["status"] = "Green", ["commentary"] = "=cmd|' /C calc'!A0",
        });

        var response = await app.CreateClient().GetAsync("/api/admin/periods/2025-26-Q2/audit.csv");
        var csv = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("changed_at,changed_by,source,entity,key,field,old_value,new_value", lines[0].TrimStart('\uFEFF').TrimEnd('\r'));
        Assert.Contains(lines, l => l.Contains("priya.shah@council.example,Teams,Return,DV-02@2025-26-Q2,Status,,Green", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("'=cmd", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(",=cmd", StringComparison.Ordinal) || l.Contains(",\"=cmd", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AuditCsv_MalformedPeriod_Is400()
    {
        var response = await app.CreateClient().GetAsync("/api/admin/periods/yesterday/audit.csv");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
