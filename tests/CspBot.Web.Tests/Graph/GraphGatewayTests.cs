using System.Diagnostics;
using CspBot.Core.Features.Graph;
using CspBot.Web.Graph;
using CspBot.Web.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CspBot.Web.Tests.Graph;

/// <summary>The real Microsoft Graph SDK client, built as the host builds it, against a fake Graph on a loopback port.</summary>
public sealed class GraphGatewayTests : IAsyncLifetime
{
    private FakeGraph graph = null!;
    private GraphGateway gateway = null!;

    public async Task InitializeAsync()
    {
        graph = await FakeGraph.StartAsync();
        var options = new GraphOptions { Enabled = true, BaseUrl = graph.BaseUrl, TeamsAppCatalogId = FakeGraph.CatalogAppId };
        gateway = new GraphGateway(GraphClients.Create(options, new FakeCredential()), Options.Create(options), NullLogger<GraphGateway>.Instance);
    }

    public async Task DisposeAsync() => await graph.DisposeAsync();

    [Fact]
    public async Task AMemberIsFoundByTheirSignInName_WithTheAppsToken()
    {
        var id = graph.AddMember("priya.shah@council.example", "Priya Shah");

        var found = await gateway.FindUserAsync("Priya.Shah@council.example", CancellationToken.None);

        var user = Assert.Single(found.Matches);
        Assert.Equal((id, "userPrincipalName", false), (user.Id, found.MatchedBy, user.IsGuest));
        Assert.All(graph.Requests, r => Assert.True(r.Authorised, $"{r.Method} {r.Path} went without the bearer token"));
    }

    [Fact]
    public async Task AGuestIsFoundByMail_ThoughTheirSignInNameIsTheExtUpn()
    {
        var id = graph.AddGuest("mark.reid@met.police.example", "DI Mark Reid");

        var found = await gateway.FindUserAsync("mark.reid@met.police.example", CancellationToken.None);

        var user = Assert.Single(found.Matches);
        Assert.Equal((id, "mail", true), (user.Id, found.MatchedBy, user.IsGuest));
        Assert.Equal(1, graph.CountOf("GET", "^/v1.0/users/mark.reid@met.police.example$"));
    }

    [Fact]
    public async Task AGuestWithoutMail_IsFoundByOtherMails_OrByTheirExtUpn()
    {
        var byOtherMails = graph.AddGuest("ruth.adeyemi@probation.example", "Ruth Adeyemi", withMail: false, otherMails: ["ruth.adeyemi@probation.example"]);
        var byUpn = graph.AddGuest("o'neill@nhs.example", "Sean O'Neill", withMail: false);

        var first = await gateway.FindUserAsync("ruth.adeyemi@probation.example", CancellationToken.None);
        var second = await gateway.FindUserAsync("o'neill@nhs.example", CancellationToken.None);

        Assert.Equal((byOtherMails, "otherMails"), (Assert.Single(first.Matches).Id, first.MatchedBy));
        Assert.Equal((byUpn, "guest userPrincipalName (#EXT#)"), (Assert.Single(second.Matches).Id, second.MatchedBy));
        Assert.Contains(graph.Requests, r => r.Query.Contains("startsWith(userPrincipalName,'o''neill_nhs.example#EXT#')", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SomeoneNotInTheDirectory_IsNotFound_AfterEveryWayOfLookingWasTried()
    {
        graph.AddMember("priya.shah@council.example", "Priya Shah");

        var found = await gateway.FindUserAsync("nobody@fire.example", CancellationToken.None);

        Assert.Empty(found.Matches);
        Assert.Equal(1, graph.CountOf("GET", "^/v1.0/users/nobody@fire.example$"));
        Assert.Equal(3, graph.CountOf("GET", "^/v1.0/users$"));
    }

    [Fact]
    public async Task InstallingTheApp_Answers201_ThenTheChatIdCanBeRead()
    {
        var id = graph.AddMember("mark.reid@met.police.example", "DI Mark Reid");

        var installedNow = await gateway.InstallAppForUserAsync(id, FakeGraph.CatalogAppId, CancellationToken.None);
        var chat = await gateway.PersonalChatIdAsync(id, FakeGraph.CatalogAppId, CancellationToken.None);

        Assert.True(installedNow);
        Assert.Equal(FakeGraph.ChatIdOf(id), chat);
        Assert.True(graph.IsInstalledFor(id));
    }

    [Fact]
    public async Task InstallingTheAppWhereItIsInstalled_Answers409_AndStillGivesTheChat()
    {
        var id = graph.AddMember("mark.reid@met.police.example", "DI Mark Reid");
        graph.PreInstall(id);

        var installedNow = await gateway.InstallAppForUserAsync(id, FakeGraph.CatalogAppId, CancellationToken.None);
        var chat = await gateway.PersonalChatIdAsync(id, FakeGraph.CatalogAppId, CancellationToken.None);

        Assert.False(installedNow);
        Assert.Equal(FakeGraph.ChatIdOf(id), chat);
    }

    [Fact]
    public async Task ASmallReport_IsUploadedInOnePut_ToTheChannelsFilesFolder()
    {
        graph.AddTeam("team-group-1");
        var docx = new byte[48_000];
        Random.Shared.NextBytes(docx);

        var filed = await gateway.UploadToChannelAsync("team-group-1", "19:general@thread.tacv2", "2025-26-Q2-exception-report-v1.docx", docx, CancellationToken.None);

        Assert.Equal(FakeGraph.WebUrlOf("2025-26-Q2-exception-report-v1.docx"), filed.WebUrl);
        Assert.Equal(docx, graph.Files["2025-26-Q2-exception-report-v1.docx"]);
        Assert.Equal(1, graph.CountOf("GET", "^/v1.0/teams/team-group-1/channels/19:general@thread.tacv2/filesFolder$"));
        Assert.Equal(0, graph.CountOf("POST", "createUploadSession"));
    }

    [Fact]
    public async Task AReportOver4MB_GoesUpInAnUploadSession_SliceBySlice()
    {
        graph.AddTeam("team-group-1");
        var docx = new byte[(5 * 1024 * 1024) + 123];
        Random.Shared.NextBytes(docx);

        var filed = await gateway.UploadToChannelAsync("team-group-1", "19:general@thread.tacv2", "big.docx", docx, CancellationToken.None);

        Assert.Equal(FakeGraph.WebUrlOf("big.docx"), filed.WebUrl);
        Assert.Equal(docx, graph.Files["big.docx"]);
        Assert.Equal(1, graph.CountOf("POST", "^/v1.0/drives/.+:/big.docx:/createUploadSession$"));
        Assert.Equal(2, graph.LastSessionSlices);
        Assert.Equal(0, graph.CountOf("PUT", ":/content$"));
    }

    [Fact]
    public async Task Throttling_429_IsRetriedAfterTheTimeRetryAfterAsks()
    {
        graph.AddMember("priya.shah@council.example", "Priya Shah");
        graph.Fail("GET", "^/v1.0/users/priya", 429, times: 1, retryAfterSeconds: 1, code: "TooManyRequests");
        var clock = Stopwatch.StartNew();

        var found = await gateway.FindUserAsync("priya.shah@council.example", CancellationToken.None);

        Assert.Single(found.Matches);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.9), $"retried after {clock.Elapsed}, before Retry-After");
        Assert.Equal(2, graph.CountOf("GET", "^/v1.0/users/priya"));
    }

    [Fact]
    public async Task ATransient5xx_IsRetried_AndAPersistentOneSurfacesAsUnavailable()
    {
        var id = graph.AddMember("priya.shah@council.example", "Priya Shah");
        graph.Fail("POST", "installedApps$", 502, times: 1, retryAfterSeconds: 0);

        Assert.True(await gateway.InstallAppForUserAsync(id, FakeGraph.CatalogAppId, CancellationToken.None));

        graph.Fail("GET", "/chat$", 503, times: 10, retryAfterSeconds: 0);
        var failure = await Assert.ThrowsAsync<GraphCallException>(() => gateway.PersonalChatIdAsync(id, FakeGraph.CatalogAppId, CancellationToken.None));
        Assert.Equal((GraphFailure.Unavailable, 503), (failure.Failure, failure.Status));
        Assert.Equal(1 + GraphClients.MaxRetries, graph.CountOf("GET", "/chat$"));
    }

    [Fact]
    public async Task APermissionRefusal_403_SurfacesWithGraphsCode_AndIsExplainedWithThePermissionToGrant()
    {
        graph.Fail("GET", "^/v1.0/users", 403, times: 1, code: "Authorization_RequestDenied");

        var failure = await Assert.ThrowsAsync<GraphCallException>(() => gateway.FindUserAsync("priya.shah@council.example", CancellationToken.None));

        Assert.Equal((GraphFailure.Forbidden, 403, "Authorization_RequestDenied"), (failure.Failure, failure.Status, failure.Code));
        Assert.Equal(1, graph.CountOf("GET", "^/v1.0/users"));
        Assert.Equal(
            "Microsoft Graph refused to look up users (403 Authorization_RequestDenied): grant the app registration the User.Read.All application permission with admin consent.",
            GraphPermissions.Explain(failure, GraphOperation.LookUpUsers));
    }
}
