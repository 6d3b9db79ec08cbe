using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using CspBot.Testing;
using CspBot.Web.Console;
using CspBot.Web.Tests.Support;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CspBot.Web.Tests.Console;

/// <summary>
/// Who gets into the console and how: the Development picker (this machine only), tab single sign-on with a token
/// validated by Microsoft.Identity.Web, and the roles the bot's commands use deciding every page.
/// </summary>
public sealed class ConsoleSignInTests : IAsyncLifetime
{
    private const string Tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    private const string ClientId = "6b0a8c1e-3f1d-4c1b-9a0e-2d3c4b5a6f70";
    private const string Audience = "api://cspbot.example/botid-" + ClientId;
    private static readonly string Issuer = $"https://login.microsoftonline.com/{Tenant}/v2.0";
    private static readonly SymmetricSecurityKey Key = new(new byte[32] { 7, 1, 4, 2, 8, 5, 7, 1, 4, 2, 8, 5, 7, 1, 4, 2, 8, 5, 7, 1, 4, 2, 8, 5, 7, 1, 4, 2, 8, 5, 7, 1 });

    private readonly WebApplicationFactory<Program> app = new CspBotApp(extra: new Dictionary<string, string?>
    {
        ["Console:Entra:Instance"] = "https://login.microsoftonline.com/",
        ["Console:Entra:TenantId"] = Tenant,
        ["Console:Entra:ClientId"] = ClientId,
        ["Console:Audience"] = Audience,
    }).WithWebHostBuilder(b => b.ConfigureTestServices(services =>
    {
        services.PostConfigure<JwtBearerOptions>(ConsoleSignIn.TeamsSsoScheme, jwt =>
        {
            // Tokens signed by the test instead of Entra ID: Microsoft.Identity.Web's validation otherwise, no internet.
            jwt.Authority = null;
            jwt.Configuration = new Microsoft.IdentityModel.Protocols.OpenIdConnect.OpenIdConnectConfiguration { Issuer = Issuer };
            jwt.TokenValidationParameters.IssuerSigningKey = Key;
            jwt.TokenValidationParameters.ValidIssuer = Issuer;
            jwt.TokenValidationParameters.IssuerValidator = null;
        });

        // Entra's metadata as it would be fetched (no internet here): where the browser sign-in sends the member.
        services.PostConfigure<Microsoft.AspNetCore.Authentication.OpenIdConnect.OpenIdConnectOptions>(ConsoleSignIn.EntraScheme, oidc =>
        {
            oidc.Configuration = new Microsoft.IdentityModel.Protocols.OpenIdConnect.OpenIdConnectConfiguration
            {
                Issuer = Issuer,
                AuthorizationEndpoint = $"https://login.microsoftonline.com/{Tenant}/oauth2/v2.0/authorize",
                TokenEndpoint = $"https://login.microsoftonline.com/{Tenant}/oauth2/v2.0/token",
            };
            oidc.ConfigurationManager = new Microsoft.IdentityModel.Protocols.StaticConfigurationManager<Microsoft.IdentityModel.Protocols.OpenIdConnect.OpenIdConnectConfiguration>(oidc.Configuration);
        });
    }));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await app.DisposeAsync();

    private HttpClient Browser() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    [Fact]
    public async Task APage_WithoutSignIn_SendsToTheSignInPage_WithTheWayBack()
    {
        var response = await Browser().GetAsync("/console/cycle");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/console/sign-in?ReturnUrl=%2Fconsole%2Fcycle", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Picker_ActsAsTheChosenMember_AndTheirRolesDecideThePages()
    {
        var officer = Browser();
        await ActAsAsync(officer, "priya.shah@council.example");
        var cycle = await officer.GetAsync("/console/cycle");
        Assert.Equal(HttpStatusCode.OK, cycle.StatusCode);
        Assert.Contains("Returns by agency", await cycle.Content.ReadAsStringAsync());

        var owner = Browser();
        await ActAsAsync(owner, "mark.reid@met.police.example");
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("/console/my-returns")).StatusCode);
        foreach (var page in new[] { "/console/cycle", "/console/returns", "/console/import", "/console/reports", "/console/audit", "/console/templates/members.csv", "/console/audit/2025-26-Q2.csv" })
        {
            var refused = await owner.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.StartsWith("http://localhost/console/denied", refused.Headers.Location!.ToString());
        }

        var denied = await owner.GetAsync("/console/denied");
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Contains("DI Mark Reid", await denied.Content.ReadAsStringAsync());

        // The chair sees the cycle (as the status command) but does not run it.
        var chair = Browser();
        await ActAsAsync(chair, "helen.marsh@council.example");
        Assert.Equal(HttpStatusCode.OK, (await chair.GetAsync("/console/cycle")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await chair.GetAsync("/console/import")).StatusCode);
    }

    [Fact]
    public async Task Picker_RefusesAnotherHost_AForgedForm_AndAReturnToAnotherSite()
    {
        var browser = Browser();
        var token = await AntiforgeryAsync(browser);
        var id = await MemberIdAsync("priya.shah@council.example");

        // DNS rebinding: a page on evil.example pointed at this machine.
        var rebound = new HttpRequestMessage(HttpMethod.Post, "/console/sign-in/act-as") { Content = Form(id, token, "/console") };
        rebound.Headers.Host = "evil.example";
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.SendAsync(rebound)).StatusCode);

        // A form posted from another site carries no antiforgery token.
        var forged = await Browser().PostAsync("/console/sign-in/act-as", new FormUrlEncodedContent(new Dictionary<string, string> { ["member"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

        var away = await browser.PostAsync("/console/sign-in/act-as", Form(id, token, "https://evil.example/phish"));
        Assert.Equal(HttpStatusCode.Redirect, away.StatusCode);
        Assert.Equal("/console", away.Headers.Location!.ToString());

        // Signing out is a state change too: not without the page's token.
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostAsync("/console/sign-out", new FormUrlEncodedContent(new Dictionary<string, string>()))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/console/my-returns")).StatusCode);
    }

    [Fact]
    public async Task TeamsToken_ForAMember_SignsIn_AndTheSamePageRulesApply()
    {
        var browser = Browser();
        var signIn = await TeamsSignInAsync(browser, Token(upn: "priya.shah@council.example", objectId: "0f8fad5b-d9cb-469f-a165-70867728950e"));
        Assert.Equal(HttpStatusCode.NoContent, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/console/cycle")).StatusCode);

        // The object id is now linked: the next sign-in finds her by it even under another name.
        var again = Browser();
        Assert.Equal(HttpStatusCode.NoContent, (await TeamsSignInAsync(again, Token(upn: "p.shah@other.example", objectId: "0f8fad5b-d9cb-469f-a165-70867728950e"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/console/cycle")).StatusCode);

        var owner = Browser();
        Assert.Equal(HttpStatusCode.NoContent, (await TeamsSignInAsync(owner, Token(upn: "MARK.REID@met.police.example"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await owner.GetAsync("/console/cycle")).StatusCode);
    }

    [Fact]
    public async Task TeamsToken_ThatIsNotValid_OrNotAMember_SignsNobodyIn()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await TeamsSignInAsync(Browser(), Token(upn: "stranger@elsewhere.example"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await TeamsSignInAsync(Browser(), Token(upn: "priya.shah@council.example", audience: "api://someone-else"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await TeamsSignInAsync(Browser(), Token(upn: "priya.shah@council.example", expires: DateTime.UtcNow.AddMinutes(-10)))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await TeamsSignInAsync(Browser(), Token(upn: "priya.shah@council.example", key: new SymmetricSecurityKey(new byte[32])))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await TeamsSignInAsync(Browser(), "not-a-token")).StatusCode);

        // None of them left a session behind.
        var browser = Browser();
        await TeamsSignInAsync(browser, Token(upn: "priya.shah@council.example", audience: "api://someone-else"));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/console/cycle")).StatusCode);
    }

    [Fact]
    public async Task BrowserSignIn_GoesToEntra_ForThisApp_AndComesBackToTheConsoleOnly()
    {
        var response = await Browser().GetAsync("/console/sign-in/entra?returnUrl=%2Fconsole%2Freturns");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.Equal($"https://login.microsoftonline.com/{Tenant}/oauth2/v2.0/authorize", location.GetLeftPart(UriPartial.Path));
        var query = System.Web.HttpUtility.ParseQueryString(location.Query);
        Assert.Equal(ClientId, query["client_id"]);
        Assert.Equal("http://localhost/signin-oidc", query["redirect_uri"]);
        Assert.Contains("openid", query["scope"]!.Split(' '));

        // The sign-in page offers it, and a return address elsewhere is not kept.
        Assert.Contains("Sign in with your work account", await Browser().GetStringAsync("/console/sign-in"));
        Assert.Equal("/console", ConsoleSignIn.LocalOnly("https://evil.example/console"));
        Assert.Equal("/console", ConsoleSignIn.LocalOnly("//evil.example/console"));
        Assert.Equal("/console", ConsoleSignIn.LocalOnly("/console\\..\\evil"));
        Assert.Equal("/console/returns", ConsoleSignIn.LocalOnly("/console/returns"));
    }

    [Fact]
    public async Task BehindATlsFrontEnd_EntraIsToldToComeBackOverHttps_WithSecureCookies_OnlyWhenTheFrontEndSaysSo()
    {
        Task<Microsoft.AspNetCore.Http.HttpContext> SignInFrom(string address) => app.Server.SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Scheme = "http";
            c.Request.Host = new Microsoft.AspNetCore.Http.HostString("localhost");
            c.Request.Path = "/console/sign-in/entra";
            c.Request.Headers["X-Forwarded-Proto"] = "https";
            c.Connection.RemoteIpAddress = IPAddress.Parse(address);
        });

        var forwarded = await SignInFrom("127.0.0.1");
        var spoofed = await SignInFrom("203.0.113.9");

        static string? RedirectUri(Microsoft.AspNetCore.Http.HttpContext c) =>
            System.Web.HttpUtility.ParseQueryString(new Uri(c.Response.Headers.Location.ToString()).Query)["redirect_uri"];
        Assert.Equal("https://localhost/signin-oidc", RedirectUri(forwarded));
        Assert.All(forwarded.Response.Headers.SetCookie, cookie => Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase));
        Assert.Equal("http://localhost/signin-oidc", RedirectUri(spoofed));
    }

    [Fact]
    public async Task ConsolePages_MayBeFramedByTeamsAndMicrosoft365_AndByNobodyElse()
    {
        var response = await Browser().GetAsync("/console/sign-in");
        var policies = response.Headers.GetValues("Content-Security-Policy").ToList();
        Assert.Single(policies);
        Assert.Contains("frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.cloud.microsoft", policies[0]);
        Assert.Contains("script-src 'self';", policies[0]);
        Assert.False(response.Headers.Contains("X-Frame-Options"), "X-Frame-Options would keep the tabs out of Teams");
    }

    private async Task<HttpResponseMessage> TeamsSignInAsync(HttpClient browser, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/console/sign-in/teams");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await browser.SendAsync(request);
    }

    private static string Token(string upn, string? objectId = null, string audience = Audience, DateTime? expires = null, SecurityKey? key = null)
    {
        var claims = new List<Claim> { new("preferred_username", upn), new("scp", "access_as_user"), new("tid", Tenant), new("ver", "2.0") };
        if (objectId is not null)
        {
            claims.Add(new Claim("oid", objectId));
        }

        var until = expires ?? DateTime.UtcNow.AddMinutes(30);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            Subject = new ClaimsIdentity(claims),
            NotBefore = until.AddHours(-1),
            Expires = until,
            SigningCredentials = new SigningCredentials(key ?? Key, SecurityAlgorithms.HmacSha256),
        });
    }

    private async Task ActAsAsync(HttpClient browser, string email)
    {
        var response = await browser.PostAsync("/console/sign-in/act-as", await CspBotHost.PickerFormAsync(browser, await MemberIdAsync(email), "/console"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private static Task<string> AntiforgeryAsync(HttpClient browser) => CspBotHost.AntiforgeryTokenAsync(browser);

    private async Task<int> MemberIdAsync(string email)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CspBot.Core.Persistence.CspDbContext>();
        return db.Members.Single(m => m.Email == email).Id;
    }

    private static FormUrlEncodedContent Form(int member, string token, string returnUrl) => new(new Dictionary<string, string>
    {
        ["member"] = member.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["returnUrl"] = returnUrl,
        ["__RequestVerificationToken"] = token,
    });
}
