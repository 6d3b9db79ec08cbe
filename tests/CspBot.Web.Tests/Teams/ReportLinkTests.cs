using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CspBot.Core.Features.Reports;
using CspBot.Web.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CspBot.Web.Tests.Teams;

/// <summary>
/// The report's "Open the report (Word)" button, clicked in Teams: the bot answers the clicker with a link made for
/// them, which a browser with no sign-in follows. It opens for 15 minutes and is refused afterwards, when edited (for
/// another member, period or version) or when its member has gone, with a page that says why.
/// </summary>
public sealed partial class ReportLinkTests : IAsyncLifetime
{
    private const string General = "19:general@thread.tacv2";
    private readonly CspBotApp app = new(seedDemo: true, extra: new Dictionary<string, string?> { ["App:PublicBaseUrl"] = "https://cspbot.example" });
    private FakeConnector connector = null!;

    public async Task InitializeAsync()
    {
        connector = await FakeConnector.StartAsync();
        connector.AddUser("29:priya", "priya.shah@council.example", "Priya Shah");
        connector.AddUser("29:mark", "mark.reid@met.police.example", "DI Mark Reid");
        await app.SetClockAsync("2025-10-20T09:00:00Z");
        await app.PostActivityAsync(CspBotApp.TeamInstall(connector.ServiceUrl, General, "Haringey CSP"));
        (await app.CreateClient().PostAsync("/api/admin/jobs/exception-report/run", null)).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync()
    {
        await connector.DisposeAsync();
        await app.DisposeAsync();
    }

    /// <summary>A browser following a link from Teams: no sign-in, no operations API header, no cookies.</summary>
    private HttpClient Browser() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false }) is var client
        && client.DefaultRequestHeaders.Remove(CspBot.Web.Hosting.AdminAccess.RequestHeader) ? client : client;

    private async Task<string> ClickOpenAsync(string teamsUserId, string conversation = "a:personal-1")
    {
        var answer = await app.InvokeCardActionAsync(connector.ServiceUrl, teamsUserId, ReportLinkAction.Verb, new JsonObject { ["period"] = "2025-26-Q2", ["version"] = "1" }, conversation);
        var json = answer.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        Assert.Contains("Download the report (Word)", json);
        Assert.Contains("Your download link works for 15 minutes", json);
        return Link().Match(json).Value;
    }

    [Fact]
    public async Task TheChannelCard_AsksTheBot_InsteadOfLinkingAnAddressThatNeedsSignIn()
    {
        await app.CreateClient().PostAsync("/api/admin/jobs/outbox/run", null);
        var post = await connector.WaitForAsync(a => a.Json().Contains("2025-26 Q2 exception report"));
        var card = post.Activity.Json();

        Assert.Contains($"\"verb\":\"{ReportLinkAction.Verb}\"", card);
        Assert.DoesNotContain("/api/reports/", card);
        Assert.DoesNotContain("localhost", card);
    }

    [Fact]
    public async Task TheLinkMadeForAMember_OpensTheWordDocument_InABrowserWithNoSignIn()
    {
        var link = await ClickOpenAsync("29:mark");
        Assert.StartsWith("https://cspbot.example/reports/2025-26-Q2/v1/exception-report.docx?member=", link, StringComparison.Ordinal);

        var response = await Browser().GetAsync(new Uri(link).PathAndQuery);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ReportEndpoints.DocxType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("2025-26-Q2-exception-report-v1.docx", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal((byte)'P', bytes[0]);
        Assert.Equal((byte)'K', bytes[1]);
    }

    [Fact]
    public async Task AfterFifteenMinutes_TheLinkIsRefused_WithAPageSayingSoAndWhatToDo()
    {
        var link = await ClickOpenAsync("29:mark");
        await app.SetClockAsync("2025-10-20T09:15:01Z");

        var response = await Browser().GetAsync(new Uri(link).PathAndQuery);

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("<h1>This link has expired</h1>", page);
        Assert.Contains("10:15 on Monday 20 October 2025", page);
        Assert.Contains("select Open the report (Word) again", page);
        Assert.Contains("lang=\"en-GB\"", page);
    }

    [Theory]
    [InlineData("member")]
    [InlineData("expires")]
    [InlineData("sig")]
    [InlineData("version")]
    [InlineData("period")]
    public async Task AnEditedLink_IsRefused_AndGivesNothingAway(string part)
    {
        var link = new Uri(await ClickOpenAsync("29:mark")).PathAndQuery;
        var edited = part switch
        {
            "member" => Regex.Replace(link, @"member=(\d+)", m => $"member={int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + 1}"),
            "expires" => Regex.Replace(link, @"expires=(\d+)", m => $"expires={long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + 86_400}"),
            "sig" => Regex.Replace(link, "sig=.", "sig=A"),
            "version" => link.Replace("/v1/", "/v2/", StringComparison.Ordinal),
            _ => link.Replace("2025-26-Q2", "2025-26-Q1", StringComparison.Ordinal),
        };
        Assert.NotEqual(link, edited);

        var response = await Browser().GetAsync(edited);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("<h1>This link doesn&#39;t work</h1>", page);
        Assert.DoesNotContain("PK", page[..2]);
    }

    [Fact]
    public async Task EachMemberGetsTheirOwnLink_AndAMemberWhoHasGone_CannotUseTheirs()
    {
        // A board member with no items of their own, who later leaves the partnership.
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CspBot.Core.Persistence.CspDbContext>();
            db.Members.Add(new CspBot.Core.Domain.Member { Email = "sam.okafor@nhs.example", Name = "Sam Okafor", Agency = "Health" });
            await db.SaveChangesAsync();
        }

        connector.AddUser("29:sam", "sam.okafor@nhs.example", "Sam Okafor");
        var sams = await ClickOpenAsync("29:sam", "a:personal-3");
        var priyas = await ClickOpenAsync("29:priya", "a:personal-2");
        Assert.NotEqual(Member(sams), Member(priyas));

        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CspBot.Core.Persistence.CspDbContext>();
            var sam = db.Members.Single(m => m.Email == "sam.okafor@nhs.example");
            db.Conversations.RemoveRange(db.Conversations.Where(c => c.MemberId == sam.Id));
            db.Members.Remove(sam);
            await db.SaveChangesAsync();
        }

        var refused = await Browser().GetAsync(new Uri(sams).PathAndQuery);
        var opened = await Browser().GetAsync(new Uri(priyas).PathAndQuery);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("no longer among the partnership", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
    }

    [Fact]
    public async Task ForgedButtonData_GetsNoLink()
    {
        var answer = await app.InvokeCardActionAsync(connector.ServiceUrl, "29:mark", ReportLinkAction.Verb, new JsonObject { ["period"] = "2025-26-Q2", ["version"] = "1" }, seal: false);

        Assert.DoesNotContain("/reports/", answer.ToJsonString());
        Assert.Contains("changed since I sent it", answer.ToJsonString());
    }

    private static string Member(string link) => Regex.Match(link, @"member=(\d+)").Groups[1].Value;

    [GeneratedRegex(@"https://cspbot\.example/reports/[^""\\]+")]
    private static partial Regex Link();
}
