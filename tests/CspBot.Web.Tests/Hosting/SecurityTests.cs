using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Json.Nodes;
using CspBot.Web.Tests.Support;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CspBot.Web.Tests.Hosting;

/// <summary>Outside Development: the bot endpoint needs Bot Framework tokens, the operations API an admin-role token.</summary>
public sealed class SecurityTests : IAsyncDisposable
{
    private static readonly SymmetricSecurityKey Key = new(Encoding.UTF8.GetBytes("test-signing-key-for-cspbot-admin-api-0123456789"));
    private readonly WebApplicationFactory<Program> app;

    public SecurityTests()
    {
        var production = new Dictionary<string, string?>
        {
            ["Bot:MicrosoftAppType"] = "SingleTenant",
            ["Bot:MicrosoftAppId"] = "3f2504e0-4f89-41d3-9a0c-0305e82c3301",
            ["Bot:MicrosoftAppPassword"] = "not-used-by-this-test",
            ["Bot:MicrosoftAppTenantId"] = "72f988bf-86f1-41af-91ab-2d7cd011db47",
            ["Database:AllowSqliteInProduction"] = "true",
            ["AdminApi:Authority"] = "https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0",
            ["AdminApi:Audience"] = "api://cspbot",
            ["App:PublicBaseUrl"] = "https://cspbot.example",
        };
        // Tokens signed by the test instead of Entra ID: the same validation and role policy, no internet needed.
        app = new CspBotApp(seedDemo: false, production, services: services => services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, jwt =>
        {
            jwt.Authority = null;
            jwt.Configuration = new Microsoft.IdentityModel.Protocols.OpenIdConnect.OpenIdConnectConfiguration { Issuer = "https://issuer.test" };
            jwt.TokenValidationParameters.ValidIssuer = "https://issuer.test";
            jwt.TokenValidationParameters.IssuerSigningKey = Key;
        }), environment: "Production");
    }

    private static string Token(params string[] roles)
    {
        var claims = new List<Claim> { new("preferred_username", "officer@council.example") };
        claims.AddRange(roles.Select(r => new Claim("roles", r)));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "https://issuer.test",
            Audience = "api://cspbot",
            Subject = new ClaimsIdentity(claims),
            Expires = DateTime.UtcNow.AddMinutes(10),
            SigningCredentials = new SigningCredentials(Key, SecurityAlgorithms.HmacSha256),
        });
    }

    private async Task<HttpStatusCode> GetDelegationsAsync(string? token)
    {
        var client = app.CreateClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return (await client.GetAsync("/api/admin/delegations")).StatusCode;
    }

    [Fact]
    public async Task OperationsApi_InProduction_NeedsATokenWithTheAdminRole()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, await GetDelegationsAsync(null));
        Assert.Equal(HttpStatusCode.Forbidden, await GetDelegationsAsync(Token("Reader")));
        Assert.Equal(HttpStatusCode.OK, await GetDelegationsAsync(Token("CspBot.Admin")));
    }

    [Fact]
    public async Task Reports_InProduction_NeedTheAdminRoleToo()
    {
        var response = await app.CreateClient().GetAsync("/api/reports/2025-26-Q2/exception-report.docx");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task BotEndpoint_InProduction_RejectsActivitiesWithoutABotFrameworkToken()
    {
        var activity = new JsonObject
        {
            ["type"] = "message", ["channelId"] = "msteams", ["serviceUrl"] = "https://smba.trafficmanager.net/teams/",
            ["from"] = new JsonObject { ["id"] = "29:x" }, ["recipient"] = new JsonObject { ["id"] = "28:bot" },
            ["conversation"] = new JsonObject { ["id"] = "a:1" }, ["text"] = "help",
        };

        var response = await app.CreateClient().PostAsync("/api/messages", new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
