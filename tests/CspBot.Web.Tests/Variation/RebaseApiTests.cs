using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CspBot.Core.Domain;
using CspBot.Core.Persistence;
using CspBot.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CspBot.Web.Tests.Variation;

/// <summary>
/// PUT and DELETE /api/admin/indicators/{ref}/spc/rebase through the real host. The demo's VIO-01 (offences, lower is
/// better) has 152 150 146 139 148 141 160 171 from 2023-24 Q3 to 2025-26 Q2; eight quarters of about 100 before them
/// (a change of recording practice from 2023-24 Q3, say) make the whole chart a run of concern.
/// </summary>
public sealed class RebaseApiTests : IAsyncLifetime
{
    private const string Spc = "/api/admin/indicators/VIO-01/spc?period=2025-26-Q2";
    private const string Rebase = "/api/admin/indicators/VIO-01/spc/rebase";

    private readonly CspBotApp app = new(seedDemo: true);

    public async Task InitializeAsync()
    {
        await app.SetClockAsync("2025-10-20T09:00:00Z");
        await app.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<CspDbContext>();
            var indicator = await db.Indicators.SingleAsync(i => i.Ref == "VIO-01");
            var first = ReportingPeriod.Parse("2021-22 Q3");
            decimal[] before = [100, 102, 98, 101, 99, 103, 97, 100];
            db.IndicatorValues.AddRange(before.Select((v, k) => new IndicatorValue { IndicatorId = indicator.Id, Period = first.AddQuarters(k), Actual = v }));
            await db.SaveChangesAsync();
            return true;
        });
    }

    public Task DisposeAsync() => app.DisposeAsync().AsTask();

    private async Task<JsonNode> ChartAsync() => JsonNode.Parse(await app.CreateClient().GetStringAsync(Spc))!;

    private static async Task<(HttpStatusCode Status, JsonNode? Body)> Read(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 ? JsonNode.Parse(text) : null);
    }

    private Task<List<ChangeRecord>> HistoryAsync() => app.InScopeAsync(services =>
        services.GetRequiredService<CspDbContext>().ChangeHistory.AsNoTracking().Where(c => c.Entity == nameof(SpcRebase)).OrderBy(c => c.Id).ToListAsync());

    [Fact]
    public async Task ARebaseAtTheChangeOfPractice_TakesTheLimitsFromItsOwnPointsOnly_AndTheRunOfConcernBecomesCommonCause()
    {
        // Sixteen points: mean 2007 / 16 = 125.44; the last eight are all above it, a run, and lower is better.
        var whole = await ChartAsync();
        Assert.Equal("concern", whole["variation"]!.GetValue<string>());
        Assert.Equal(125.44, whole["mean"]!.GetValue<double>(), 0.01);
        Assert.Null(whole["segmentStart"]);

        var (status, body) = await Read(await app.CreateClient().PutAsJsonAsync(Rebase, new { from = "2023-24-Q3", reason = "  Recording practice changed (crime data integrity audit).  " }));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("2023-24-Q3", body!["from"]!.GetValue<string>());
        Assert.Equal("Recording practice changed (crime data integrity audit).", body["reason"]!.GetValue<string>());

        // The demo's eight points alone: mean 150.875, MR 8.4286, limits 128.455 and 173.295, trial; 171 is common cause.
        var rebased = await ChartAsync();
        Assert.Equal("2023-24-Q3", rebased["segmentStart"]!.GetValue<string>());
        Assert.Equal(8, rebased["points"]!.AsArray().Count);
        Assert.Equal(8, rebased["earlier"]!.AsArray().Count);
        Assert.Equal(150.875, rebased["mean"]!.GetValue<double>(), 0.01);
        Assert.Equal(128.455, rebased["lower"]!.GetValue<double>(), 0.01);
        Assert.Equal(173.295, rebased["upper"]!.GetValue<double>(), 0.01);
        Assert.True(rebased["trial"]!.GetValue<bool>());
        Assert.Equal("common", rebased["variation"]!.GetValue<string>());

        // A period before the rebase is still charted from the start.
        var earlier = JsonNode.Parse(await app.CreateClient().GetStringAsync("/api/admin/indicators/VIO-01/spc?period=2023-24-Q2"))!;
        Assert.Null(earlier["segmentStart"]);
        Assert.Equal(8, earlier["points"]!.AsArray().Count);

        var history = await HistoryAsync();
        Assert.Contains(history, c => c.EntityKey == "VIO-01@2023-24-Q3" && c.Field == nameof(SpcRebase.Reason) && c.NewValue == "Recording practice changed (crime data integrity audit).");
        Assert.Contains(history, c => c.EntityKey == "VIO-01@2023-24-Q3" && c.Field == nameof(SpcRebase.FromPeriod) && c.NewValue == "2023-24 Q3");
        Assert.All(history, c => Assert.Equal(ChangeSource.Api, c.Source));
    }

    [Fact]
    public async Task UndoingARebase_RestoresTheWholeChart_AndIsKeptInTheHistory()
    {
        await app.CreateClient().PutAsJsonAsync(Rebase, new { from = "2023-24-Q3", reason = "Recording practice changed." });

        var (status, _) = await Read(await app.CreateClient().DeleteAsync(Rebase + "?from=2023-24-Q3"));

        Assert.Equal(HttpStatusCode.OK, status);
        var chart = await ChartAsync();
        Assert.Null(chart["segmentStart"]);
        Assert.Equal("concern", chart["variation"]!.GetValue<string>());
        Assert.Contains(await HistoryAsync(), c => c.Field == nameof(SpcRebase.Withdrawn) && c.OldValue == "false" && c.NewValue == "true");
        var (again, _) = await Read(await app.CreateClient().DeleteAsync(Rebase + "?from=2023-24-Q3"));
        Assert.Equal(HttpStatusCode.BadRequest, again);
    }

    [Theory]
    [InlineData("2019-20-Q1", "Recording practice changed.")]
    [InlineData("2026-27-Q1", "Recording practice changed.")]
    [InlineData("2021-22-Q3", "Recording practice changed.")]
    [InlineData("not a period", "Recording practice changed.")]
    [InlineData("2023-24-Q3", "   ")]
    [InlineData("2023-24-Q3", null)]
    public async Task ARebaseOutsideTheIndicatorsFigures_OrWithoutAReason_IsRefused_AndNothingChanges(string from, string? reason)
    {
        var (status, body) = await Read(await app.CreateClient().PutAsJsonAsync(Rebase, new { from, reason }));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("Nothing was changed", body!["title"]!.GetValue<string>());
        Assert.Null((await ChartAsync())["segmentStart"]);
        Assert.Empty(await HistoryAsync());
    }

    [Fact]
    public async Task AReasonTooLong_IsRefused_AndAnUnknownIndicatorIsNotFound()
    {
        var (tooLong, _) = await Read(await app.CreateClient().PutAsJsonAsync(Rebase, new { from = "2023-24-Q3", reason = new string('x', 1001) }));
        var (unknown, _) = await Read(await app.CreateClient().PutAsJsonAsync("/api/admin/indicators/NOPE-99/spc/rebase", new { from = "2023-24-Q3", reason = "x" }));

        Assert.Equal(HttpStatusCode.BadRequest, tooLong);
        Assert.Equal(HttpStatusCode.NotFound, unknown);
        Assert.Empty(await HistoryAsync());
    }
}
