using System.Net;
using System.Text.RegularExpressions;
using CspBot.Core.Domain;
using CspBot.Core.Features.Reports;
using CspBot.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CspBot.Web.Tests.Console;

/// <summary>
/// No dead ends: every link and menu entry a member is shown opens for them (the page's own rule decides both), and the
/// chair, who may sign off, opens Reports and is offered sign-off, not the officers' compile or their words.
/// </summary>
public sealed partial class ConsoleLinksTests : IAsyncLifetime
{
    private readonly CspBotApp app = new(seedDemo: true);

    public async Task InitializeAsync()
    {
        await app.SetClockAsync("2025-10-20T09:00:00Z");
        await app.InScopeAsync(services => services.GetRequiredService<ReportCompiler>().CompileAsync(ReportingPeriod.Parse("2025-26-Q2"), "priya.shah@council.example", CancellationToken.None));
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Theory]
    [InlineData("priya.shah@council.example")]
    [InlineData("helen.marsh@council.example")]
    [InlineData("mark.reid@met.police.example")]
    public async Task EveryConsoleLinkAMemberIsShown_OpensForThem(string email)
    {
        var browser = await app.ConsoleAsAsync(email);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pages = new Queue<string>(["console"]);
        while (pages.TryDequeue(out var page))
        {
            var response = await browser.GetAsync("/" + page);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{email} was shown a link to /{page}, which answered {(int)response.StatusCode} {response.Headers.Location}");
            if (response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                continue;
            }

            foreach (var link in ConsoleLink().Matches(await response.Content.ReadAsStringAsync()).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)))
            {
                if (seen.Add(link) && !link.StartsWith("console/sign-", StringComparison.Ordinal))
                {
                    pages.Enqueue(link);
                }
            }
        }

        Assert.Contains("console/dashboard", seen);
    }

    [Fact]
    public async Task TheChair_OpensReports_FromTheMenu_AndIsOfferedSignOff_NotTheOfficersCompileOrReturns()
    {
        var chair = await app.ConsoleAsAsync("helen.marsh@council.example");

        var cycle = await (await chair.GetAsync("/console/cycle")).Content.ReadAsStringAsync();
        Assert.Contains("href=\"console/reports\"", cycle);
        Assert.DoesNotContain("href=\"console/returns\"", cycle);
        Assert.Contains("awaiting check", cycle);

        var reports = await chair.GetAsync("/console/reports");
        Assert.Equal(HttpStatusCode.OK, reports.StatusCode);
        var html = await reports.Content.ReadAsStringAsync();
        Assert.Contains("Sign off 2025-26 Q2 version 1 for the board", html);
        Assert.DoesNotContain("Compile the", html);
        Assert.DoesNotContain("Your words for the next compilation", html);

        var officer = await (await (await app.ConsoleAsAsync("priya.shah@council.example")).GetAsync("/console/reports")).Content.ReadAsStringAsync();
        Assert.Contains("Compile the 2025-26 Q2 report now", officer);
        Assert.Contains("Sign off 2025-26 Q2 version 1 for the board", officer);
    }

    [GeneratedRegex("href=\"(console/[^\"#?]*)\"")]
    private static partial Regex ConsoleLink();
}
