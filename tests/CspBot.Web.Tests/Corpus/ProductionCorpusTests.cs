using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CspBot.Web.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CspBot.Web.Tests.Corpus;

/// <summary>
/// Hostile tokens and requests against the host in Production mode, validating real JWTs against signing keys this run
/// made and serves from loopback as the Bot Framework's and Entra's key endpoints would. Each is refused with the exact
/// status, changes nothing, leaks nothing and leaves the app healthy; a valid token passes (so the refusals are real).
/// </summary>
public sealed class ProductionCorpusTests(ProductionHost host) : IClassFixture<ProductionHost>
{
    private const string ServiceUrl = "https://smba.trafficmanager.net/teams/";

    private static string Activity(string channel = "msteams", string type = "message") => new JsonObject
    {
        ["type"] = type,
        ["channelId"] = channel,
        ["serviceUrl"] = ServiceUrl,
        ["from"] = new JsonObject { ["id"] = "29:priya", ["aadObjectId"] = "00000000-0000-0000-0000-000000000001" },
        ["recipient"] = new JsonObject { ["id"] = "28:" + SigningAuthority.BotAppId },
        ["conversation"] = new JsonObject { ["id"] = "a:personal-1", ["conversationType"] = "personal", ["tenantId"] = SigningAuthority.TenantId },
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = SigningAuthority.TenantId } },
        ["text"] = "status",
    }.ToJsonString();

    /// <summary>name → (authorization header, activity, expected status).</summary>
    public static TheoryData<string> BotCases => new(BotTokens.Keys);

    private static readonly Dictionary<string, Func<SigningAuthority, (string? Authorization, string Body, HttpStatusCode Status)>> BotTokens = new()
    {
        ["bot: no Authorization header"] = _ => (null, Activity(), HttpStatusCode.Unauthorized),
        ["bot: a token that is not a JWT"] = _ => ("Bearer not-a-token", Activity(), HttpStatusCode.Unauthorized),
        ["bot: three empty segments"] = _ => ("Bearer ..", Activity(), HttpStatusCode.Unauthorized),
        ["bot: five segments (encrypted form)"] = _ => ("Bearer a.b.c.d.e", Activity(), HttpStatusCode.Unauthorized),
        ["bot: Basic scheme"] = _ => ("Basic " + Convert.ToBase64String("bot:secret"u8.ToArray()), Activity(), HttpStatusCode.Unauthorized),
        ["bot: unsigned (alg none)"] = _ => ("Bearer " + SigningAuthority.Unsigned(ServiceUrl), Activity(), HttpStatusCode.Unauthorized),
        ["bot: signed with a foreign key"] = a => ("Bearer " + a.BotToken(ServiceUrl, foreignKey: true), Activity(), HttpStatusCode.Unauthorized),
        ["bot: expired"] = a => ("Bearer " + a.BotToken(ServiceUrl, expiresIn: TimeSpan.FromHours(-2)), Activity(), HttpStatusCode.Unauthorized),
        ["bot: for another bot"] = a => ("Bearer " + a.BotToken(ServiceUrl, audience: "99999999-2222-3333-4444-555555555555"), Activity(), HttpStatusCode.Unauthorized),
        ["bot: from another issuer"] = a => ("Bearer " + a.BotToken(ServiceUrl, issuer: "https://evil.example"), Activity(), HttpStatusCode.Unauthorized),
        ["bot: for another service URL"] = a => ("Bearer " + a.BotToken("https://evil.example/teams/"), Activity(), HttpStatusCode.Unauthorized),
        ["bot: a 12 KB token"] = _ => ("Bearer " + new string('A', 12_000) + "." + new string('B', 10) + "." + new string('C', 10), Activity(), HttpStatusCode.Unauthorized),
        ["bot: a valid token on Web Chat"] = a => ("Bearer " + a.BotToken(ServiceUrl), Activity(channel: "webchat"), HttpStatusCode.Forbidden),
        ["bot: a valid token on Direct Line"] = a => ("Bearer " + a.BotToken(ServiceUrl), Activity(channel: "directline"), HttpStatusCode.Forbidden),
        ["bot: valid token, typing (control)"] = a => ("Bearer " + a.BotToken(ServiceUrl), Activity(type: "typing"), HttpStatusCode.OK),
    };

    [Theory]
    [MemberData(nameof(BotCases))]
    public async Task BotEndpoint_RefusesBadTokens_With401AndAnEmptyBody(string name)
    {
        var (authorization, body, status) = BotTokens[name](host.Authority);
        var before = await host.App.SnapshotAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        var response = await host.App.CreateClient().SendAsync(request);

        Assert.Equal(status, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        if (status == HttpStatusCode.Unauthorized)
        {
            Assert.Equal(string.Empty, text);
        }

        CorpusAssert.NothingLeaks(text);
        Assert.Equal(before, await host.App.SnapshotAsync());
        await CorpusAssert.HealthyAsync(host.App);
    }

    public static TheoryData<string> AdminCases => new(AdminRequests.Keys);

    private static readonly Dictionary<string, Func<SigningAuthority, (string Method, string Path, string? Token, HttpStatusCode Status)>> AdminRequests = new()
    {
        ["admin: no token"] = _ => ("GET", "/api/admin/periods/2025-26-Q2/returns", null, HttpStatusCode.Unauthorized),
        ["admin: token without the admin role"] = a => ("GET", "/api/admin/periods/2025-26-Q2/returns", a.AdminToken([]), HttpStatusCode.Forbidden),
        ["admin: token with another role"] = a => ("POST", "/api/admin/jobs/reminders/run", a.AdminToken(["CspBot.Reader"]), HttpStatusCode.Forbidden),
        ["admin: signed with a foreign key"] = a => ("GET", "/api/admin/members/reach", a.AdminToken(["CspBot.Admin"], foreignKey: true), HttpStatusCode.Unauthorized),
        ["admin: for another API"] = a => ("GET", "/api/admin/members/reach", a.AdminToken(["CspBot.Admin"], audience: "api://other"), HttpStatusCode.Unauthorized),
        ["admin: expired"] = a => ("GET", "/api/admin/members/reach", a.AdminToken(["CspBot.Admin"], expiresIn: TimeSpan.FromHours(-2)), HttpStatusCode.Unauthorized),
        ["admin: unsigned (alg none)"] = _ => ("GET", "/api/admin/members/reach", SigningAuthority.Unsigned(ServiceUrl), HttpStatusCode.Unauthorized),
        ["admin: a report without a token"] = _ => ("GET", "/api/reports/2025-26-Q2/exception-report.docx", null, HttpStatusCode.Unauthorized),
        ["admin: the clock is not there in Production"] = a => ("PUT", "/api/admin/clock", a.AdminToken(["CspBot.Admin"]), HttpStatusCode.NotFound),
        ["admin: valid admin token (control)"] = a => ("GET", "/api/admin/members/reach", a.AdminToken(["CspBot.Admin"]), HttpStatusCode.OK),
    };

    [Theory]
    [MemberData(nameof(AdminCases))]
    public async Task OperationsApi_InProduction_TakesOnlyAValidAdminToken(string name)
    {
        var (method, path, token, status) = AdminRequests[name](host.Authority);
        var before = await host.App.SnapshotAsync();
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method != "GET")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var response = await host.App.CreateClient().SendAsync(request);

        Assert.Equal(status, response.StatusCode);
        CorpusAssert.NothingLeaks(await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await host.App.SnapshotAsync());
        await CorpusAssert.HealthyAsync(host.App);
    }

    [Fact]
    public async Task OverPlainHttp_PagesRedirectToThePublicHttpsAddress_AndOtherRequestsAreRefused_NeverA500()
    {
        var before = await host.App.SnapshotAsync();
        var plain = host.App.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://localhost"), AllowAutoRedirect = false });

        var dashboard = await plain.GetAsync("/hangfire/jobs/enqueued?from=1");
        var bot = await plain.PostAsync("/api/messages", new StringContent(Activity(), Encoding.UTF8, "application/json"));
        var health = await plain.GetAsync("/health");

        Assert.Equal(HttpStatusCode.PermanentRedirect, dashboard.StatusCode);
        Assert.Equal("https://cspbot.example/hangfire/jobs/enqueued?from=1", dashboard.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.BadRequest, bot.StatusCode);
        Assert.Equal("CspBot answers over HTTPS only.", await bot.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, health.StatusCode); // the platform's probes call from inside, over HTTP

        // Over HTTPS (as the front end forwards it) the dashboard asks for the admin's token, as the API does.
        var secure = host.App.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Unauthorized, (await secure.GetAsync("/hangfire")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await secure.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/hangfire")
        {
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", host.Authority.AdminToken(["CspBot.Admin"])) },
        })).StatusCode);
        Assert.Equal(before, await host.App.SnapshotAsync());
    }

    [Fact]
    public async Task ForwardedHeaders_AreBelievedFromTheFrontEnd_AndFromNobodyElse()
    {
        static Action<Microsoft.AspNetCore.Http.HttpContext> Forwarded(string from) => c =>
        {
            c.Request.Method = "GET";
            c.Request.Scheme = "http";
            c.Request.Host = new Microsoft.AspNetCore.Http.HostString("localhost");
            c.Request.Path = "/hangfire";
            c.Request.Headers["X-Forwarded-Proto"] = "https";
            c.Request.Headers["X-Forwarded-For"] = "198.51.100.7";
            c.Connection.RemoteIpAddress = IPAddress.Parse(from);
        };

        var fromTheFrontEnd = await host.App.Server.SendAsync(Forwarded("127.0.0.1"));
        var fromAnyoneElse = await host.App.Server.SendAsync(Forwarded("203.0.113.9"));

        Assert.Equal(401, fromTheFrontEnd.Response.StatusCode);
        Assert.Equal(308, fromAnyoneElse.Response.StatusCode);
    }
}

/// <summary>The app in Production mode, trusting only the keys of a <see cref="SigningAuthority"/> on loopback.</summary>
public sealed class ProductionHost : IAsyncLifetime
{
    public SigningAuthority Authority { get; private set; } = null!;

    public CspBotApp App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Authority = await SigningAuthority.StartAsync();
        App = new CspBotApp(
            seedDemo: true,
            extra: new Dictionary<string, string?>
            {
                ["Bot:MicrosoftAppType"] = "SingleTenant",
                ["Bot:MicrosoftAppId"] = SigningAuthority.BotAppId,
                ["Bot:MicrosoftAppPassword"] = "test-secret-not-used",
                ["Bot:MicrosoftAppTenantId"] = SigningAuthority.TenantId,
                ["Bot:ToBotFromChannelOpenIdMetadataUrl"] = Authority.BotMetadataUrl,
                ["Bot:ToBotFromChannelTokenIssuer"] = SigningAuthority.BotIssuer,
                // Naming one endpoint makes the Bot Framework expect all of a cloud's: the public cloud's for the rest.
                ["Bot:ToBotFromEmulatorOpenIdMetadataUrl"] = Authority.BotMetadataUrl,
                ["Bot:ToChannelFromBotLoginUrl"] = "https://login.microsoftonline.com/" + SigningAuthority.TenantId,
                ["Bot:ToChannelFromBotOAuthScope"] = "https://api.botframework.com",
                ["Bot:OAuthUrl"] = "https://api.botframework.com",
                ["Bot:ValidateAuthority"] = "true",
                ["Database:AllowSqliteInProduction"] = "true",
                ["AdminApi:Authority"] = Authority.EntraAuthority,
                ["AdminApi:Audience"] = SigningAuthority.AdminAudience,
                ["App:PublicBaseUrl"] = "https://cspbot.example",
            },
            environment: "Production");
        await CorpusAssert.HealthyAsync(App);
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Authority.DisposeAsync();
    }
}
