using System.Text.RegularExpressions;
using CspBot.Core.Domain;
using CspBot.Core.Persistence;
using CspBot.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CspBot.Web.Tests.Console;

/// <summary>The Audit page reads as the partnership speaks: names, local times, field names in words, where each change was made, a page at a time.</summary>
public sealed partial class ConsoleAuditTests : IAsyncLifetime
{
    private readonly CspBotApp app = new(seedDemo: true);

    public async Task InitializeAsync()
    {
        await app.SetClockAsync("2025-10-20T09:00:00Z");
        await app.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<CspDbContext>();
            db.ChangeHistory.AddRange(Enumerable.Range(0, 120).Select(i => new ChangeRecord
            {
                Entity = nameof(Return), EntityKey = "DV-07@2025-26-Q2", Field = nameof(Return.SubmittedAt),
                NewValue = "2025-10-20T09:00:00.0000000+00:00", ChangedBy = "priya.shah@council.example",
                ChangedAt = new DateTimeOffset(2030, 1, 7, 9, 0, 0, TimeSpan.Zero).AddMinutes(i), Source = ChangeSource.Console,
            }));
            return await db.SaveChangesAsync();
        });
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Audit_ShowsAPageOfChanges_InWords_NotCode()
    {
        var officer = await app.ConsoleAsAsync("priya.shah@council.example");
        var html = await officer.GetStringAsync("/console/audit");
        var body = TableBody().Match(html).Groups[1].Value;

        Assert.InRange(Regex.Count(body, "<tr"), 1, 50);
        Assert.Matches(@"Changes 1 to 50 of [\d,]+ shown, newest first", html);
        Assert.Contains("Older changes", html);
        Assert.Contains("<th scope=\"row\">7 Jan 2030, 10:59</th>", body); // the newest first, in local time
        Assert.Contains("<td>Priya Shah</td>", body);
        Assert.Contains("<td>Console</td>", body);
        Assert.Contains("<td>Return DV-07, 2025-26 Q2</td>", body);
        Assert.Contains("<td>Submitted</td>", body);
        Assert.Contains("<td>20 Oct 2025, 10:00</td>", body);
        Assert.DoesNotContain("SubmittedAt", body);
        Assert.DoesNotContain("@council.example", body);
        Assert.DoesNotContain("+00:00", body);
    }

    [GeneratedRegex("<tbody>(.*?)</tbody>", RegexOptions.Singleline)]
    private static partial Regex TableBody();
}
