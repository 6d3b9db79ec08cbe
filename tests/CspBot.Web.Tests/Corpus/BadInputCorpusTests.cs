using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CspBot.Core.Persistence;
using CspBot.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CspBot.Web.Tests.Corpus;

/// <summary>
/// Hostile or broken input through the real host: each gets a 4xx with a reason (or a clear chat/card answer), nothing
/// is stored, and the app is still healthy afterwards.
/// </summary>
public sealed class BadInputCorpusTests(CorpusHost host) : IClassFixture<CorpusHost>, IAsyncLifetime
{
    private readonly CspBotApp app = host.App;
    private readonly FakeConnector connector = host.Connector;

    public Task InitializeAsync()
    {
        connector.Sent.Clear();
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<string> HttpCases => new(Cases.Keys);

    private static string Activity(string type = "message", string? text = "help", bool from = true, bool conversation = true, string? serviceUrl = "http://127.0.0.1:9/", string? name = null)
    {
        var activity = new JsonObject { ["type"] = type, ["channelId"] = "msteams", ["recipient"] = new JsonObject { ["id"] = "28:cspbot" } };
        if (text is not null) activity["text"] = text;
        if (from) activity["from"] = new JsonObject { ["id"] = "29:priya" };
        if (conversation) activity["conversation"] = new JsonObject { ["id"] = "a:personal-1", ["conversationType"] = "personal" };
        if (serviceUrl is not null) activity["serviceUrl"] = serviceUrl;
        if (name is not null) activity["name"] = name;
        return activity.ToJsonString();
    }

    /// <summary>name → (method, path, content type, body, expected status).</summary>
    private static readonly Dictionary<string, (string Method, string Path, string ContentType, byte[] Body, HttpStatusCode Status)> Cases = new()
    {
        ["activity: malformed JSON"] = ("POST", "/api/messages", "application/json", "{\"type\": \"message\", "u8.ToArray(), HttpStatusCode.BadRequest),
        ["activity: empty body"] = ("POST", "/api/messages", "application/json", [], HttpStatusCode.BadRequest),
        ["activity: a JSON array"] = ("POST", "/api/messages", "application/json", "[1,2,3]"u8.ToArray(), HttpStatusCode.BadRequest),
        ["activity: binary garbage"] = ("POST", "/api/messages", "application/json", [0xFF, 0xFE, 0x00, 0x01, 0x7B], HttpStatusCode.BadRequest),
        ["activity: missing from"] = ("POST", "/api/messages", "application/json", Encoding.UTF8.GetBytes(Activity(from: false)), HttpStatusCode.BadRequest),
        ["activity: missing conversation"] = ("POST", "/api/messages", "application/json", Encoding.UTF8.GetBytes(Activity(conversation: false)), HttpStatusCode.BadRequest),
        ["activity: missing serviceUrl"] = ("POST", "/api/messages", "application/json", Encoding.UTF8.GetBytes(Activity(serviceUrl: null)), HttpStatusCode.BadRequest),
        ["activity: serviceUrl not a URL"] = ("POST", "/api/messages", "application/json", Encoding.UTF8.GetBytes(Activity(serviceUrl: "javascript:alert(1)")), HttpStatusCode.BadRequest),
        ["activity: unknown type"] = ("POST", "/api/messages", "application/json", Encoding.UTF8.GetBytes(Activity(type: "haxx")), HttpStatusCode.BadRequest),
        ["activity: 200 KB message"] = ("POST", "/api/messages", "application/json", Encoding.UTF8.GetBytes(Activity(text: new string('x', 200 * 1024))), HttpStatusCode.RequestEntityTooLarge),
        ["activity: nested 1000 deep"] = ("POST", "/api/messages", "application/json", Encoding.UTF8.GetBytes(new string('[', 1000) + new string(']', 1000)), HttpStatusCode.BadRequest),
        ["activity: unknown invoke"] = ("POST", "/api/messages", "application/json", Encoding.UTF8.GetBytes(Activity(type: "invoke", text: null, name: "composeExtension/query")), HttpStatusCode.BadRequest),
        ["activity: card invoke without value"] = ("POST", "/api/messages", "application/json", Encoding.UTF8.GetBytes(Activity(type: "invoke", text: null, name: "adaptiveCard/action")), HttpStatusCode.BadRequest),
        ["import: unknown sheet"] = ("POST", "/api/admin/import/budgets", "text/csv", "a,b\n1,2\n"u8.ToArray(), HttpStatusCode.BadRequest),
        ["import: path traversal in sheet"] = ("POST", "/api/admin/import/..%2Fmembers", "text/csv", "email\n"u8.ToArray(), HttpStatusCode.BadRequest),
        ["import: empty CSV"] = ("POST", "/api/admin/import/members", "text/csv", [], HttpStatusCode.BadRequest),
        ["import: Latin-1 CSV"] = ("POST", "/api/admin/import/members", "text/csv", Encoding.Latin1.GetBytes("email,name,agency,roles\nzoe@police.example,Zoë Brontë,Police,owner\n"), HttpStatusCode.BadRequest),
        ["import: unclosed quote"] = ("POST", "/api/admin/import/outcomes", "text/csv", "code,title\nRRO,\"Reduce re-offending\nVIO,Violence\n"u8.ToArray(), HttpStatusCode.BadRequest),
        ["import: formula as an email"] = ("POST", "/api/admin/import/members", "text/csv", "email,name,agency,roles\n=cmd|' /C calc'!A0,Evil,Police,owner\n"u8.ToArray(), HttpStatusCode.BadRequest),
        ["import: huge file"] = ("POST", "/api/admin/import/members", "text/csv", Encoding.UTF8.GetBytes("email,name,agency,roles\n" + string.Concat(Enumerable.Repeat("a@b.example,A,B,owner\n", 600_000))), HttpStatusCode.RequestEntityTooLarge),
        ["import: workbook that is a zip of nothing"] = ("POST", "/api/admin/import", "application/zip", [0x50, 0x4B, 0x05, 0x06, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], HttpStatusCode.BadRequest),
        ["import: workbook that is text"] = ("POST", "/api/admin/import", "application/octet-stream", "email,name\n"u8.ToArray(), HttpStatusCode.BadRequest),
        ["clock: not a date"] = ("PUT", "/api/admin/clock", "application/json", "{\"now\":\"tomorrow-ish\"}"u8.ToArray(), HttpStatusCode.BadRequest),
        ["deadline: malformed JSON"] = ("PUT", "/api/admin/periods/2025-26-Q2/deadline", "application/json", "{date:"u8.ToArray(), HttpStatusCode.BadRequest),
        ["deadline: wrong period"] = ("PUT", "/api/admin/periods/2025-26-Q9/deadline", "application/json", "{\"date\":\"2025-10-30\"}"u8.ToArray(), HttpStatusCode.BadRequest),
        ["deadline: before the quarter ends"] = ("PUT", "/api/admin/periods/2025-26-Q2/deadline", "application/json", "{\"date\":\"2025-09-01\"}"u8.ToArray(), HttpStatusCode.BadRequest),
        ["delegation: empty body"] = ("PUT", "/api/admin/delegations", "application/json", "{}"u8.ToArray(), HttpStatusCode.BadRequest),
        ["delegation: unknown id"] = ("DELETE", "/api/admin/delegations/9999", "application/json", [], HttpStatusCode.NotFound),
        ["returns: unknown period"] = ("GET", "/api/admin/periods/last-quarter/returns", "application/json", [], HttpStatusCode.BadRequest),
        ["audit: unknown period"] = ("GET", "/api/admin/periods/Q9/audit.csv", "application/json", [], HttpStatusCode.BadRequest),
        ["report: unknown version"] = ("GET", "/api/reports/2025-26-Q2/exception-report.docx?version=77", "application/json", [], HttpStatusCode.NotFound),
        ["report: unknown period"] = ("GET", "/api/reports/2025-26-Q0/exception-report.docx", "application/json", [], HttpStatusCode.BadRequest),
        ["jobs: unknown job"] = ("POST", "/api/admin/jobs/rm-rf/run", "application/json", [], HttpStatusCode.NotFound),
        ["jobs: report for a malformed period"] = ("POST", "/api/admin/jobs/exception-report/run?period=DROP%20TABLE", "application/json", [], HttpStatusCode.BadRequest),
    };

    private async Task<string> FingerprintAsync()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CspDbContext>();
        return string.Join(",",
            await db.Members.CountAsync(), await db.Actions.CountAsync(), await db.Outcomes.CountAsync(), await db.Returns.CountAsync(),
            await db.Outbox.CountAsync(), await db.ChangeHistory.CountAsync(), await db.Conversations.CountAsync(),
            await db.ReportSnapshots.CountAsync(), await db.Delegations.CountAsync(), await db.PeriodSettings.CountAsync());
    }

    private async Task AssertHealthyAsync() =>
        Assert.Equal("Healthy", await app.CreateClient().GetStringAsync("/health"));

    [Theory]
    [MemberData(nameof(HttpCases))]
    public async Task BadRequest_IsRefusedWithAReason_AndChangesNothing(string name)
    {
        var (method, path, contentType, body, status) = Cases[name];
        var before = await FingerprintAsync();
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT")
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        }

        var response = await app.CreateClient().SendAsync(request);

        Assert.Equal(status, response.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(await response.Content.ReadAsStringAsync()), "the refusal says why");
        Assert.Equal(before, await FingerprintAsync());
        Assert.Empty(connector.Sent);
        await AssertHealthyAsync();
    }

    public static TheoryData<string, string, string> CardCases => new()
    {
        { "unknown item", "{\"ref\":\"NOPE-99\",\"period\":\"2025-26-Q2\",\"page\":0,\"version\":0,\"status\":\"Green\",\"commentary\":\"x\"}", "I can't find NOPE-99" },
        { "someone else's item", "{\"ref\":\"DV-02\",\"period\":\"2025-26-Q2\",\"page\":0,\"version\":0,\"status\":\"Green\",\"commentary\":\"x\"}", "only they or an officer can change it" },
        { "no period", "{\"ref\":\"VIO-03\",\"page\":0,\"version\":0}", "missing its reporting period" },
        { "period as a number", "{\"ref\":\"VIO-03\",\"period\":2025,\"page\":0}", "missing its reporting period" },
        { "invalid status", "{\"ref\":\"RRO-02\",\"period\":\"2025-26-Q2\",\"page\":0,\"version\":0,\"status\":\"Purple\",\"commentary\":\"x\"}", "Please choose Green, Amber, Red or Complete." },
        { "commentary too long", "{\"ref\":\"RRO-02\",\"period\":\"2025-26-Q2\",\"page\":0,\"version\":0,\"status\":\"Green\",\"commentary\":\"" + new string('y', 4100) + "\"}", "Please keep the commentary under 2000 characters." },
        { "figure not a number", "{\"ref\":\"VIO-03\",\"period\":\"2025-26-Q2\",\"page\":0,\"version\":0,\"actual\":\"1e9999\",\"commentary\":\"x\"}", "is not a number" },
        { "page out of range", "{\"period\":\"2025-26-Q2\",\"page\":999}", "Your returns for 2025-26 Q2" },
    };

    [Theory]
    [MemberData(nameof(CardCases))]
    public async Task BadCardData_GetsAClearAnswer_AndStoresNothing(string name, string data, string expected)
    {
        Assert.NotNull(name);
        var before = await FingerprintAsync();
        var verb = data.Contains("\"ref\"", StringComparison.Ordinal) && data.Contains("commentary", StringComparison.Ordinal) ? "cspbot.return.submit" : data.Contains("\"ref\"", StringComparison.Ordinal) ? "cspbot.return.open" : "cspbot.return.page";

        var response = await app.InvokeCardActionAsync(connector.ServiceUrl, "29:mark", verb, JsonNode.Parse(data)!.AsObject(), "a:mark");

        Assert.Contains(expected, response.Json());
        Assert.Equal(before, await FingerprintAsync());
        await AssertHealthyAsync();
    }

    [Fact]
    public async Task StaleCard_AfterANewerAnswer_DoesNotOverwriteIt()
    {
        var fresh = new JsonObject { ["ref"] = "VIO-03", ["period"] = "2025-26-Q2", ["page"] = 0, ["version"] = 0, ["actual"] = "79", ["commentary"] = "Newer" };
        await app.InvokeCardActionAsync(connector.ServiceUrl, "29:mark", "cspbot.return.submit", fresh, "a:mark");
        var before = await FingerprintAsync();

        var stale = new JsonObject { ["ref"] = "VIO-03", ["period"] = "2025-26-Q2", ["page"] = 0, ["version"] = 0, ["actual"] = "70", ["commentary"] = "Older card" };
        var response = await app.InvokeCardActionAsync(connector.ServiceUrl, "29:mark", "cspbot.return.submit", stale, "a:mark");

        Assert.Contains("nothing was overwritten", response.Json());
        Assert.Equal(before, await FingerprintAsync());
    }

    [Fact]
    public async Task InjectionLookingCommentary_IsStoredAsText_AndTheCardStaysValidJson()
    {
        const string hostile = "<script>alert('x')</script> {{user}} \"}]} ${jndi:ldap://x} '; DROP TABLE Returns;--";
        var data = new JsonObject { ["ref"] = "ACQ-I1", ["period"] = "2025-26-Q2", ["page"] = 0, ["version"] = 0, ["actual"] = "79", ["commentary"] = hostile };
        await app.InvokeCardActionAsync(connector.ServiceUrl, "29:mark", "cspbot.return.submit", data, "a:mark");

        var form = await app.InvokeCardActionAsync(connector.ServiceUrl, "29:mark", "cspbot.return.open", new JsonObject { ["ref"] = "ACQ-I1", ["period"] = "2025-26-Q2", ["page"] = 0 }, "a:mark");

        var card = form["value"]!.AsObject();
        Assert.Equal("AdaptiveCard", card["type"]!.GetValue<string>());
        Assert.Contains(card["body"]!.AsArray(), e => e?["id"]?.GetValue<string>() == "commentary" && e["value"]!.GetValue<string>() == hostile);
        using var scope = app.Services.CreateScope();
        Assert.Equal(hostile, (await scope.ServiceProvider.GetRequiredService<CspDbContext>().Returns.SingleAsync(r => r.ItemRef == "ACQ-I1")).Commentary);
        await AssertHealthyAsync();
    }

    [Fact]
    public async Task SubmitWithNoTextAndAStringValue_GetsTheFriendlyPointer()
    {
        var activity = JsonNode.Parse(Activity(text: null))!.AsObject();
        activity["serviceUrl"] = connector.ServiceUrl;
        activity["value"] = "not an object";

        await app.PostActivityAsync(activity);

        Assert.Equal("Hello! Type **help** to see what I can do.", (await connector.WaitForAsync(a => true)).Activity["text"]!.GetValue<string>());
    }
}

/// <summary>One host for the whole corpus: every case leaves the data as it found it, which the cases check.</summary>
public sealed class CorpusHost : IAsyncLifetime
{
    public CspBotApp App { get; } = new(seedDemo: true);

    public FakeConnector Connector { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Connector = await FakeConnector.StartAsync();
        Connector.AddUser("29:priya", "priya.shah@council.example", "Priya Shah");
        Connector.AddUser("29:mark", "mark.reid@met.police.example", "DI Mark Reid");
        await App.SetClockAsync("2025-10-20T09:00:00Z");
        await App.SendMessageAsync(Connector.ServiceUrl, "29:priya", "hello");
        await App.SendMessageAsync(Connector.ServiceUrl, "29:mark", "hello", "a:mark");
        await Connector.WaitForAsync(2);
    }

    public async Task DisposeAsync()
    {
        await Connector.DisposeAsync();
        await App.DisposeAsync();
    }
}
