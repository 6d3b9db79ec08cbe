using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CspBot.Core.Cards;
using CspBot.Core.Features.Returns;
using CspBot.Web.Hosting;
using CspBot.Web.Tests.Support;

namespace CspBot.Web.Tests.Corpus;

/// <summary>
/// The classes of attack and accident of the security issue, each with several inputs, through the real host in
/// Development mode: other channels, disagreeing tenants, periods in other scripts or far centuries, pages on other
/// sites, hostile imports and tampered cards. Every one gets its exact status (or card answer), leaves the database
/// byte-identical, leaks nothing and leaves the app healthy.
/// </summary>
public sealed class HostileInputTests : IClassFixture<CorpusHost>
{
    private readonly CorpusHost host;
    private readonly CspBotApp app;

    public HostileInputTests(CorpusHost host)
    {
        this.host = host;
        app = host.App;
        host.Connector.Sent.Clear();
    }

    private sealed record Case(string Method, string Path, string? ContentType, byte[] Body, HttpStatusCode Status, Dictionary<string, string>? Headers = null, bool AsScript = true);

    private static byte[] Activity(string? channel = "msteams", string? conversationTenant = null, string? channelTenant = null, string fromId = "29:priya")
    {
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["serviceUrl"] = "http://127.0.0.1:9/",
            ["from"] = new JsonObject { ["id"] = fromId, ["aadObjectId"] = "00000000-0000-0000-0000-00000000aaaa", ["name"] = "Priya Shah" },
            ["recipient"] = new JsonObject { ["id"] = "28:cspbot" },
            ["conversation"] = new JsonObject { ["id"] = "a:personal-evil", ["conversationType"] = "personal", ["tenantId"] = conversationTenant },
            ["text"] = "status",
        };
        if (channel is not null)
        {
            activity["channelId"] = channel;
        }

        if (channelTenant is not null)
        {
            activity["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = channelTenant } };
        }

        return Encoding.UTF8.GetBytes(activity.ToJsonString());
    }

    private static byte[] Csv(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Json(string text) => Encoding.UTF8.GetBytes(text);

    private const string Arabic = "٢٠٢٥-٢٦-Q2";
    private const string FullWidth = "２０２５-２６-Q2";
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static readonly Dictionary<string, string> Evil = new() { ["Origin"] = "https://evil.example" };

    private static readonly Dictionary<string, Case> Cases = new()
    {
        // 1. Only Teams speaks for a member.
        ["channel: Web Chat"] = new("POST", "/api/messages", "application/json", Activity("webchat"), HttpStatusCode.Forbidden),
        ["channel: Direct Line as Priya"] = new("POST", "/api/messages", "application/json", Activity("directline"), HttpStatusCode.Forbidden),
        ["channel: the Emulator"] = new("POST", "/api/messages", "application/json", Activity("emulator"), HttpStatusCode.Forbidden),
        ["channel: none"] = new("POST", "/api/messages", "application/json", Activity(null), HttpStatusCode.Forbidden),
        ["channel: MSTeams in capitals"] = new("POST", "/api/messages", "application/json", Activity("MSTeams"), HttpStatusCode.Forbidden),
        ["tenant: the two tenant fields disagree"] = new("POST", "/api/messages", "application/json", Activity(conversationTenant: "tenant-1", channelTenant: "tenant-evil"), HttpStatusCode.BadRequest),

        // 7. Every parser says 400.
        ["period: Arabic-Indic digits (returns)"] = new("GET", $"/api/admin/periods/{Arabic}/returns", null, [], HttpStatusCode.BadRequest),
        ["period: Arabic-Indic digits (deadline)"] = new("PUT", $"/api/admin/periods/{Arabic}/deadline", "application/json", Json("""{"date":"2025-10-30"}"""), HttpStatusCode.BadRequest),
        ["period: Arabic-Indic digits (closing)"] = new("PUT", $"/api/admin/periods/{Arabic}/closed", "application/json", Json("""{"closed":true}"""), HttpStatusCode.BadRequest),
        ["period: Arabic-Indic digits (audit)"] = new("GET", $"/api/admin/periods/{Arabic}/audit.csv", null, [], HttpStatusCode.BadRequest),
        ["period: Arabic-Indic digits (report)"] = new("GET", $"/api/reports/{Arabic}/exception-report.docx", null, [], HttpStatusCode.BadRequest),
        ["period: full-width digits"] = new("GET", $"/api/admin/periods/{FullWidth}/returns", null, [], HttpStatusCode.BadRequest),
        ["period: 2998-99 Q4 (report job)"] = new("POST", "/api/admin/jobs/exception-report/run?period=2998-99-Q4", "application/json", [], HttpStatusCode.BadRequest),
        ["period: 2998-99 Q4 (returns)"] = new("GET", "/api/admin/periods/2998-99-Q4/returns", null, [], HttpStatusCode.BadRequest),
        ["period: 2100-01 Q1 (deadline)"] = new("PUT", "/api/admin/periods/2100-01-Q1/deadline", "application/json", Json("""{"date":"2100-07-01"}"""), HttpStatusCode.BadRequest),
        ["period: 1999-00 Q4"] = new("GET", "/api/admin/periods/1999-00-Q4/returns", null, [], HttpStatusCode.BadRequest),
        ["period: Arabic-Indic digits in an import"] = new("POST", "/api/admin/import/actions", "text/csv",
            Csv("ref,plan,outcome,title,owner_email,agency,due_period,restricted\nDV-99,DV Plan,DV,New,priya.shah@council.example,Haringey Council,٢٠٢٥-٢٦ Q3,false\n"), HttpStatusCode.BadRequest),

        // 8. The Development API cannot be driven by a web page.
        ["browser: DNS rebinding Host (returns)"] = new("GET", "/api/admin/periods/2025-26-Q2/returns", null, [], HttpStatusCode.Forbidden, new() { ["Host"] = "cspbot.evil.example" }),
        ["browser: DNS rebinding Host (members)"] = new("GET", "/api/admin/members/reach", null, [], HttpStatusCode.Forbidden, new() { ["Host"] = "cspbot.evil.example:3978" }),
        ["browser: a loopback-looking Host"] = new("GET", "/api/admin/members/reach", null, [], HttpStatusCode.Forbidden, new() { ["Host"] = "127.0.0.1.evil.example" }),
        ["browser: foreign Origin posting a workbook"] = new("POST", "/api/admin/import", "multipart/form-data; boundary=x", Csv("--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.xlsx\"\r\n\r\nPK\r\n--x--\r\n"), HttpStatusCode.Forbidden, Evil),
        ["browser: a form post without the header"] = new("POST", "/api/admin/import", "multipart/form-data; boundary=x", Csv("--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.xlsx\"\r\n\r\nPK\r\n--x--\r\n"), HttpStatusCode.Forbidden, AsScript: false),
        ["browser: text/plain job run"] = new("POST", "/api/admin/jobs/reminders/run", "text/plain", Csv("x"), HttpStatusCode.Forbidden, AsScript: false),
        // A JSON route refuses a form body before anything else looks at it.
        ["browser: urlencoded delegation"] = new("PUT", "/api/admin/delegations", "application/x-www-form-urlencoded", Csv("owner=a"), HttpStatusCode.UnsupportedMediaType, AsScript: false),
        ["browser: a bodiless DELETE"] = new("DELETE", "/api/admin/delegations/1", null, [], HttpStatusCode.Forbidden, AsScript: false),
        ["browser: foreign Origin setting the clock"] = new("PUT", "/api/admin/clock", "application/json", Json("""{"now":"2030-01-01T00:00:00Z"}"""), HttpStatusCode.Forbidden, Evil),
        ["browser: Origin null (a sandboxed frame)"] = new("POST", "/api/admin/jobs/digest/run", "application/json", [], HttpStatusCode.Forbidden, new() { ["Origin"] = "null" }),
        ["browser: foreign Origin reading returns"] = new("GET", "/api/admin/periods/2025-26-Q2/returns", null, [], HttpStatusCode.Forbidden, Evil),

        // 6. Imports are bounded and cannot corrupt or lock out.
        ["import: a target past decimal's range"] = new("POST", "/api/admin/import/indicators", "text/csv",
            Csv("ref,outcome,title,owner_email,unit,polarity,target,tolerance_pct\nVIO-01,VIO,Violence,mark.reid@met.police.example,offences,lower,79228162514264337593543950335,10\n"), HttpStatusCode.BadRequest),
        ["import: a target of 10^12"] = new("POST", "/api/admin/import/indicators", "text/csv",
            Csv("ref,outcome,title,owner_email,unit,polarity,target,tolerance_pct\nVIO-01,VIO,Violence,mark.reid@met.police.example,offences,lower,1e12,10\n"), HttpStatusCode.BadRequest),
        ["import: tolerance of 150%"] = new("POST", "/api/admin/import/indicators", "text/csv",
            Csv("ref,outcome,title,owner_email,unit,polarity,target,tolerance_pct\nVIO-01,VIO,Violence,mark.reid@met.police.example,offences,lower,150,150\n"), HttpStatusCode.BadRequest),
        ["import: a negative tolerance"] = new("POST", "/api/admin/import/indicators", "text/csv",
            Csv("ref,outcome,title,owner_email,unit,polarity,target,tolerance_pct\nVIO-01,VIO,Violence,mark.reid@met.police.example,offences,lower,150,-5\n"), HttpStatusCode.BadRequest),
        ["import: a figure of 10^13"] = new("POST", "/api/admin/import/indicator-values", "text/csv",
            Csv("ref,period,actual,previous_year,london_change_pct,msg_change_pct\nVIO-01,2025-26 Q2,10000000000000,,,\n"), HttpStatusCode.BadRequest),
        ["import: an indicator taking an action's ref"] = new("POST", "/api/admin/import/indicators", "text/csv",
            Csv("ref,outcome,title,owner_email,unit,polarity,target,tolerance_pct\nDV-02,VIO,Violence,mark.reid@met.police.example,offences,lower,150,10\n"), HttpStatusCode.BadRequest),
        ["import: an action taking an indicator's ref"] = new("POST", "/api/admin/import/actions", "text/csv",
            Csv("ref,plan,outcome,title,owner_email,agency,due_period,restricted\nVIO-01,DV Plan,DV,New,priya.shah@council.example,Haringey Council,2025-26 Q3,false\n"), HttpStatusCode.BadRequest),
        ["import: removing every officer"] = new("POST", "/api/admin/import/members", "text/csv",
            Csv("email,name,agency,roles\npriya.shah@council.example,Priya Shah,Haringey Council,owner\nmarcus.bell@council.example,Marcus Bell,Haringey Council,member\n"), HttpStatusCode.BadRequest),
        ["import: 60 columns"] = new("POST", "/api/admin/import/outcomes", "text/csv", Csv(string.Join(',', Enumerable.Range(0, 60).Select(i => $"c{i}")) + "\n"), HttpStatusCode.BadRequest),
        ["import: 60,000 rows"] = new("POST", "/api/admin/import/outcomes", "text/csv", Csv("code,title\n" + string.Concat(Enumerable.Range(0, 60_000).Select(i => $"O{i},Outcome {i}\n"))), HttpStatusCode.BadRequest),
        ["import: a million one-character rows"] = new("POST", "/api/admin/import/outcomes", "text/csv", Csv("code,title\n" + string.Concat(Enumerable.Repeat("x\n", 1_000_000))), HttpStatusCode.BadRequest),
        ["workbook: 300 MB of XML in 300 KB"] = new("POST", "/api/admin/import", Xlsx, HostileWorkbooks.Bomb(300), HttpStatusCode.BadRequest),
        ["workbook: a DTD"] = new("POST", "/api/admin/import", Xlsx, HostileWorkbooks.WithSheet("""<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&b;</t></is></c></row></sheetData></worksheet>"""), HttpStatusCode.BadRequest),
        ["workbook: an external entity"] = new("POST", "/api/admin/import", Xlsx, HostileWorkbooks.WithSheet("""<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY x SYSTEM "file:///etc/passwd">]><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&x;</t></is></c></row></sheetData></worksheet>"""), HttpStatusCode.BadRequest),
        ["workbook: truncated XML"] = new("POST", "/api/admin/import", Xlsx, HostileWorkbooks.WithSheet("""<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>code"""), HttpStatusCode.BadRequest),
        ["workbook: a cell at column ZZZZ"] = new("POST", "/api/admin/import", Xlsx, HostileWorkbooks.WithSheet(HostileWorkbooks.Sheet([HostileWorkbooks.Row(1, ("A1", "code"), ("B1", "title")), HostileWorkbooks.Row(2, ("A2", "X"), ("ZZZZ2", "far"))])), HttpStatusCode.BadRequest),
        ["workbook: a cell at column AZ"] = new("POST", "/api/admin/import", Xlsx, HostileWorkbooks.WithSheet(HostileWorkbooks.Sheet([HostileWorkbooks.Row(1, ("A1", "code"), ("AZ1", "title"))])), HttpStatusCode.BadRequest),
        ["workbook: 2,000 parts"] = new("POST", "/api/admin/import", Xlsx, HostileWorkbooks.WithSheet(HostileWorkbooks.Sheet([]), extraParts: 2000), HttpStatusCode.BadRequest),
    };

    public static TheoryData<string> HttpCases => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(HttpCases))]
    public async Task HostileRequest_GetsItsExactStatus_AndChangesNothing(string name)
    {
        var test = Cases[name];
        var before = await app.SnapshotAsync();
        var client = app.CreateClient();
        if (!test.AsScript)
        {
            client.DefaultRequestHeaders.Remove(AdminAccess.RequestHeader);
        }

        var request = new HttpRequestMessage(new HttpMethod(test.Method), test.Path);
        if (test.ContentType is not null)
        {
            request.Content = new ByteArrayContent(test.Body);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", test.ContentType);
        }

        foreach (var (header, value) in test.Headers ?? [])
        {
            if (header == "Host")
            {
                request.Headers.Host = value;
            }
            else
            {
                request.Headers.TryAddWithoutValidation(header, value);
            }
        }

        var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(test.Status == response.StatusCode, $"{name}: expected {test.Status}, got {response.StatusCode}: {body[..Math.Min(body.Length, 300)]}");
        Assert.False(string.IsNullOrWhiteSpace(body), "the refusal says why");
        CorpusAssert.NothingLeaks(body);
        if (test.Path.StartsWith("/api/admin/import", StringComparison.Ordinal) && response.StatusCode == HttpStatusCode.BadRequest)
        {
            var problems = JsonNode.Parse(body)!["problems"]!.AsArray();
            Assert.InRange(problems.Count, 1, 200);
        }

        Assert.Equal(before, await app.SnapshotAsync());
        Assert.Empty(host.Connector.Sent);
        await CorpusAssert.HealthyAsync(app);
    }

    public static TheoryData<string> Bombs => new("workbook: 300 MB of XML in 300 KB", "import: a million one-character rows", "import: 60,000 rows", "workbook: a cell at column ZZZZ", "workbook: a DTD");

    /// <summary>The worst import of each bomb class grows the managed heap by well under 200 MB while it is refused.</summary>
    [Theory]
    [MemberData(nameof(Bombs))]
    public async Task BombImport_StaysWithinTheMemoryBound(string name)
    {
        var test = Cases[name];
        GC.Collect(2, GCCollectionMode.Forced, blocking: true);
        GC.WaitForPendingFinalizers();
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        long peak = baseline;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: false));
                await Task.Delay(2);
            }
        });
        var content = new ByteArrayContent(test.Body);
        content.Headers.TryAddWithoutValidation("Content-Type", test.ContentType);

        var response = await app.CreateClient().PostAsync(test.Path, content);
        await sampling.CancelAsync();
        await sampler;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var grown = (peak - baseline) / (1024 * 1024);
        Assert.True(grown < 200, $"{name} grew the managed heap by {grown} MB");
    }

    /// <summary>name → what is done to the sealed card data, and what the card must answer.</summary>
    private static readonly Dictionary<string, (string Verb, Func<JsonObject, JsonObject> Tamper, string Expected)> Cards = new()
    {
        ["card: period moved to a future quarter"] = ("cspbot.return.submit", d => Set(d, "period", "2026-27-Q1"), CardActionRouter.AlteredCard),
        ["card: period moved to a long-past quarter"] = ("cspbot.return.submit", d => Set(d, "period", "2019-20-Q1"), CardActionRouter.AlteredCard),
        ["card: ref moved to someone else's item"] = ("cspbot.return.submit", d => Set(d, "ref", "DV-02"), CardActionRouter.AlteredCard),
        ["card: version moved to overwrite a newer answer"] = ("cspbot.return.submit", d => Set(d, "version", "7"), CardActionRouter.AlteredCard),
        ["card: seal removed"] = ("cspbot.return.submit", d => Remove(d, CardSeal.Field), CardActionRouter.AlteredCard),
        ["card: seal of garbage"] = ("cspbot.return.submit", d => Set(d, CardSeal.Field, "not-a-seal"), CardActionRouter.AlteredCard),
        ["card: a 10 KB seal"] = ("cspbot.return.submit", d => Set(d, CardSeal.Field, new string('A', 10_000)), CardActionRouter.AlteredCard),
        ["card: seal as a number"] = ("cspbot.return.submit", d => { d[CardSeal.Field] = 12345; return d; }, CardActionRouter.AlteredCard),
        ["card: an opened form replayed as a submit"] = ("cspbot.return.open", d => Set(d, "verb", "cspbot.return.submit"), CardActionRouter.AlteredCard),
    };

    public static TheoryData<string> CardCases => new(Cards.Keys);

    [Theory]
    [MemberData(nameof(CardCases))]
    public async Task TamperedCardData_IsDetected_AndStoresNothing(string name)
    {
        var (verb, tamper, expected) = Cards[name];
        var before = await app.SnapshotAsync();
        var sealedData = await app.SealedAsync(verb, new JsonObject
        {
            ["ref"] = "VIO-03", ["period"] = "2025-26-Q2", ["page"] = 0, ["version"] = 0, ["actual"] = "12", ["commentary"] = "Tampered",
        });
        var data = tamper(sealedData);

        var response = await app.InvokeCardActionAsync(host.Connector.ServiceUrl, "29:mark", Text(data, "verb") ?? verb, data, "a:mark", seal: false);

        Assert.Contains(expected, response.ToJsonString().Replace("\\u0027", "'", StringComparison.Ordinal));
        Assert.Equal(before, await app.SnapshotAsync());
        await CorpusAssert.HealthyAsync(app);
    }

    public static TheoryData<string, string> ClosedPeriods => new()
    {
        { "2026-27-Q1", "is not open for returns" },
        { "2023-24-Q1", "is not open for returns" },
        { "2025-26-Q3", "is not open for returns" },
        { "٢٠٢٥-٢٦-Q2", "missing its reporting period" },
    };

    /// <summary>A card the server really sent, for a period that does not take returns now: the server decides, not the card.</summary>
    [Theory]
    [MemberData(nameof(ClosedPeriods))]
    public async Task GenuineCard_ForAPeriodThatIsNotOpen_IsRefused(string period, string expected)
    {
        var before = await app.SnapshotAsync();
        var data = new JsonObject { ["ref"] = "VIO-03", ["period"] = period, ["page"] = 0, ["version"] = 0, ["actual"] = "12", ["commentary"] = "Wrong quarter" };

        var response = await app.InvokeCardActionAsync(host.Connector.ServiceUrl, "29:mark", "cspbot.return.submit", data, "a:mark");

        Assert.Contains(expected, response.ToJsonString());
        Assert.Equal(before, await app.SnapshotAsync());
    }

    public static TheoryData<string, string> EchoedText => new()
    {
        { "scorecard [the board](https://evil.example/phish)", "](" },
        { "scorecard <https://evil.example/phish>", "<https" },
        { "update <at>Helen Marsh</at>", "<at>" },
        { "scorecard [x](javascript:alert(1))", "](" },
    };

    /// <summary>What a member typed comes back as text: never a link or a mention.</summary>
    [Theory]
    [MemberData(nameof(EchoedText))]
    public async Task TypedMarkup_IsEchoedAsText_NeverAsALinkOrMention(string typed, string markup)
    {
        host.Connector.Sent.Clear();

        await app.SendMessageAsync(host.Connector.ServiceUrl, "29:mark", typed, "a:mark");

        var reply = (await host.Connector.WaitForAsync(a => true)).Activity;
        var text = reply["text"]?.GetValue<string>() ?? reply.ToJsonString();
        Assert.DoesNotContain(markup, text, StringComparison.Ordinal);
        Assert.Contains(markup, text.Replace("\u2060", string.Empty, StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
        host.Connector.Sent.Clear();
    }

    private static JsonObject Set(JsonObject data, string name, string value)
    {
        data[name] = value;
        return data;
    }

    private static JsonObject Remove(JsonObject data, string name)
    {
        data.Remove(name);
        return data;
    }

    private static string? Text(JsonObject data, string name) => data[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
