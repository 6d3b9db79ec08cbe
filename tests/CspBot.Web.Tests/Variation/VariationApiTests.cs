using System.Net;
using System.Text.Json.Nodes;
using CspBot.Core.Domain;
using CspBot.Core.Persistence;
using CspBot.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CspBot.Web.Tests.Variation;

/// <summary>
/// GET /api/admin/indicators/{ref}/spc through the real host, on the demo partnership (samples/demo): VIO-01 (offences,
/// lower is better, target 150) has 152 150 146 139 148 141 160 171 from 2023-24 Q3 to 2025-26 Q2.
/// </summary>
public sealed class VariationApiTests : IAsyncLifetime
{
    private readonly CspBotApp app = new(seedDemo: true);

    public Task InitializeAsync() => app.SetClockAsync("2025-10-20T09:00:00Z");

    public Task DisposeAsync() => app.DisposeAsync().AsTask();

    private async Task<(HttpStatusCode Status, JsonNode? Body)> SpcAsync(string path)
    {
        var response = await app.CreateClient().GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 ? JsonNode.Parse(text) : null);
    }

    private Task ChangeAsync(Func<CspDbContext, Task> change) => app.InScopeAsync(async services =>
    {
        var db = services.GetRequiredService<CspDbContext>();
        await change(db);
        await db.SaveChangesAsync();
        return true;
    });

    private static double Number(JsonNode? node) => node!.GetValue<double>();

    [Fact]
    public async Task TheDemosEightQuarters_HaveTrialLimits_CommonCause_HitAndMiss_AndAPossiblySignificantRise()
    {
        var (status, body) = await SpcAsync("/api/admin/indicators/VIO-01/spc?period=2025-26-Q2");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("VIO-01", body!["ref"]!.GetValue<string>());
        Assert.Equal("2025-26-Q2", body["period"]!.GetValue<string>());
        var points = body["points"]!.AsArray();
        Assert.Equal(8, points.Count);
        Assert.Equal("2023-24-Q3", points[0]!["period"]!.GetValue<string>());
        Assert.Equal(171, Number(points[7]!["value"]));
        Assert.All(points, p => Assert.Empty(p!["rules"]!.AsArray()));

        // Mean 1207 / 8 = 150.875; moving ranges 2 4 7 9 7 19 11 = 59, / 7 = 8.4286; 2.66 × 8.4286 = 22.42.
        Assert.Equal(150.875, Number(body["mean"]), 0.01);
        Assert.Equal(128.455, Number(body["lower"]), 0.01);
        Assert.Equal(173.295, Number(body["upper"]), 0.01);
        Assert.True(body["trial"]!.GetValue<bool>());

        // 171 is inside the limits and the band (165.82); the target 150 lies within the limits.
        Assert.Equal("common", body["variation"]!.GetValue<string>());
        Assert.Equal("hitAndMiss", body["assurance"]!.GetValue<string>());

        // Against 2024-25 Q2's 139: z = 2(√171 − √139) = 2(13.0767 − 11.7898) = 2.57.
        Assert.Equal(139, Number(body["change"]!["lastYear"]));
        Assert.Equal(2.57, Number(body["change"]!["z"]), 2);
        Assert.Equal("possible", body["change"]!["significance"]!.GetValue<string>());
    }

    [Fact]
    public async Task FivePoints_HaveNoMeanNorLimits_AndTheirVariationIsInsufficient()
    {
        var (status, body) = await SpcAsync("/api/admin/indicators/vio-01/spc?period=2024-25-Q3");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(5, body!["points"]!.AsArray().Count);
        Assert.Null(body["mean"]);
        Assert.Null(body["lower"]);
        Assert.Null(body["upper"]);
        Assert.False(body["trial"]!.GetValue<bool>());
        Assert.Equal("insufficient", body["variation"]!.GetValue<string>());
        Assert.Null(body["assurance"]);

        // 148 against 2023-24 Q3's 152: z = 2(√148 − √152) = −0.33.
        Assert.Equal(152, Number(body["change"]!["lastYear"]));
        Assert.Equal("none", body["change"]!["significance"]!.GetValue<string>());
    }

    [Fact]
    public async Task TheTargetInForceForThePeriod_IsTheOneAssuredAgainst()
    {
        // Lowered to 120 from 2025-26 Q2: below the lower limit (128.455) of an indicator where lower is better.
        await ChangeAsync(async db =>
        {
            var indicator = await db.Indicators.SingleAsync(i => i.Ref == "VIO-01");
            db.TargetChanges.Add(new TargetChange
            {
                IndicatorId = indicator.Id, FromPeriod = ReportingPeriod.Parse("2025-26 Q2"), OldTarget = 150, NewTarget = 120,
                DecidedBy = "the PMG", DecidedOn = new DateOnly(2025, 9, 1), Reason = "Stretch target", RecordedBy = "test",
            });
        });

        var (_, q2) = await SpcAsync("/api/admin/indicators/VIO-01/spc?period=2025-26-Q2");
        var (_, q1) = await SpcAsync("/api/admin/indicators/VIO-01/spc?period=2025-26-Q1");

        Assert.Equal("fail", q2!["assurance"]!.GetValue<string>());

        // 2025-26 Q1 is still judged against 150: seven points, mean 1036 / 7 = 148, MR 48 / 6 = 8, limits 126.72 and 169.28.
        Assert.Equal(148, Number(q1!["mean"]), 0.01);
        Assert.Equal("hitAndMiss", q1["assurance"]!.GetValue<string>());
    }

    [Fact]
    public async Task TheOwnersReturnedFigure_IsThePeriodsPoint_AndABadSpikeIsConcern()
    {
        await ChangeAsync(db =>
        {
            db.Returns.Add(new Return
            {
                ItemKind = ItemKind.Indicator, ItemRef = "VIO-01", Period = ReportingPeriod.Parse("2025-26 Q2"), Actual = 200,
                SubmittedBy = "mark.reid@met.police.example", SubmittedAt = DateTimeOffset.Parse("2025-10-10T09:00:00Z"),
            });
            return Task.CompletedTask;
        });

        var (_, body) = await SpcAsync("/api/admin/indicators/VIO-01/spc?period=2025-26-Q2");

        // 152 150 146 139 148 141 160 200: mean 1236 / 8 = 154.5; MR 88 / 7 = 12.5714; upper 154.5 + 33.44 = 187.94 < 200.
        var last = body!["points"]!.AsArray()[^1]!;
        Assert.Equal(200, Number(last["value"]));
        Assert.Equal(["limit"], last["rules"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal(187.94, Number(body["upper"]), 0.01);
        Assert.Equal("concern", body["variation"]!.GetValue<string>());

        // 200 against 139: z = 2(√200 − √139) = 2(14.1421 − 11.7898) = 4.70.
        Assert.Equal("significant", body["change"]!["significance"]!.GetValue<string>());
    }

    [Fact]
    public async Task APeriodWithoutAValue_IsInsufficient_AndItsChangeIsNotTested()
    {
        var (status, body) = await SpcAsync("/api/admin/indicators/VIO-01/spc?period=2025-26-Q3");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(8, body!["points"]!.AsArray().Count);
        Assert.Equal("insufficient", body["variation"]!.GetValue<string>());
        Assert.Equal("hitAndMiss", body["assurance"]!.GetValue<string>());
        Assert.Equal(148, Number(body["change"]!["lastYear"]));
        Assert.Null(body["change"]!["z"]);
        Assert.Equal("notTested", body["change"]!["significance"]!.GetValue<string>());
    }

    [Fact]
    public async Task APercentage_IsNotTestedForChange_AndLastYearFallsBackToTheImportedFigure()
    {
        // DV-I2 (%, higher is better): 2023-24 Q3 has no value a year earlier, so last year is its imported previous_year, 38.
        var (_, first) = await SpcAsync("/api/admin/indicators/DV-I2/spc?period=2023-24-Q3");
        var (_, latest) = await SpcAsync("/api/admin/indicators/DV-I2/spc?period=2025-26-Q2");

        Assert.Equal(38, Number(first!["change"]!["lastYear"]));
        Assert.Equal("notTested", latest!["change"]!["significance"]!.GetValue<string>());
        Assert.Null(latest["change"]!["z"]);
    }

    [Theory]
    [InlineData("/api/admin/indicators/NOPE-1/spc?period=2025-26-Q2", HttpStatusCode.NotFound)]
    [InlineData("/api/admin/indicators/VIO-01/spc?period=2025-26-Q5", HttpStatusCode.BadRequest)]
    [InlineData("/api/admin/indicators/VIO-01/spc", HttpStatusCode.BadRequest)]
    [InlineData("/api/admin/indicators/VIO-01/spc?period=2025-26-Q2&grain=week", HttpStatusCode.BadRequest)]
    [InlineData("/api/admin/indicators/VIO-01/spc?period=2025-26-Q2&grain=month", HttpStatusCode.BadRequest)]
    public async Task WrongAsks_AreRefused(string path, HttpStatusCode expected)
    {
        var (status, _) = await SpcAsync(path);

        Assert.Equal(expected, status);
    }

    [Fact]
    public async Task MonthsOfAPoliceFedIndicator_AreItsAreasCountsOfItsCrimeTypes_UpToThePeriodsLastMonth()
    {
        // ACQ-I1 counts Burglary in Haringey. Nine months to 2025-09 and one after; Robbery and Enfield are not its counts.
        // The Met's (the covering force's) 2025-03 file is missing: the transport police's few Haringey rows that month do
        // not make it there, so it is left out, as the figures leave it out.
        int[] burglary = [150, 160, 155, 165, 158, 0, 162, 157, 175, 190];
        string[] months = ["2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06", "2025-07", "2025-08", "2025-09", "2025-10"];
        await ChangeAsync(db =>
        {
            db.PoliceFiles.Add(new PoliceFile { Month = "2025-03", Force = "British Transport Police", FileName = "2025-03-btp-street.csv", UploadedBy = "test" });
            db.PoliceCounts.Add(new PoliceCount { Month = "2025-03", Force = "British Transport Police", Place = "Haringey", CrimeType = "Burglary", Count = 2 });
            for (var i = 0; i < months.Length; i++)
            {
                db.PoliceCounts.Add(new PoliceCount { Month = months[i], Force = "Metropolitan Police Service", Place = "Enfield", CrimeType = "Burglary", Count = 999 });
                if (months[i] != "2025-03")
                {
                    db.PoliceFiles.Add(new PoliceFile { Month = months[i], Force = "Metropolitan Police Service", FileName = $"{months[i]}-metropolitan-street.csv", UploadedBy = "test" });
                    db.PoliceCounts.Add(new PoliceCount { Month = months[i], Force = "Metropolitan Police Service", Place = "Haringey", CrimeType = "Burglary", Count = burglary[i] });
                    db.PoliceCounts.Add(new PoliceCount { Month = months[i], Force = "Metropolitan Police Service", Place = "Haringey", CrimeType = "Robbery", Count = 40 });
                }
            }

            return Task.CompletedTask;
        });

        var (status, body) = await SpcAsync("/api/admin/indicators/ACQ-I1/spc?period=2025-26-Q2&grain=month");

        Assert.Equal(HttpStatusCode.OK, status);
        var points = body!["points"]!.AsArray();
        Assert.Equal(["2025-01", "2025-02", "2025-04", "2025-05", "2025-06", "2025-07", "2025-08", "2025-09"], points.Select(p => p!["period"]!.GetValue<string>()));
        Assert.Equal([150.0, 160, 165, 158, 0, 162, 157, 175], points.Select(p => Number(p!["value"])));

        // 150 160 165 158 0 162 157 175: mean 1127 / 8 = 140.875; MR (10 5 7 158 162 5 18) 365 / 7 = 52.1429;
        // lower limit 140.875 − 138.70 = 2.175 > 0: June's 0 is beyond it, low, which is improvement for burglary.
        Assert.Equal(140.875, Number(body["mean"]), 0.01);
        Assert.Equal(2.175, Number(body["lower"]), 0.01);
        Assert.Equal(["limit"], points[4]!["rules"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal("common", body["variation"]!.GetValue<string>());

        // A quarterly target says nothing of a month; the change is still the quarter's (455 against 470).
        Assert.Null(body["assurance"]);
        Assert.Equal(470, Number(body["change"]!["lastYear"]));
    }
    [Fact]
    public async Task APoliceFedChange_IsComparedWithLondonWithoutThePartnership_AndWithThePeers()
    {
        // Burglary each month of 2025-07..09 and 2024-07..09: 100 in every London borough, except Haringey (200 this year)
        // and the seven peers (200 this year).
        string[] peers = ["Enfield", "Hackney", "Islington", "Lambeth", "Lewisham", "Southwark", "Waltham Forest"];
        await ChangeAsync(db =>
        {
            foreach (var month in new[] { "2025-07", "2025-08", "2025-09", "2024-07", "2024-08", "2024-09" })
            {
                db.PoliceFiles.Add(new PoliceFile { Month = month, Force = "Metropolitan Police Service", FileName = $"{month}-metropolitan-street.csv", UploadedBy = "test" });
                foreach (var place in CspBot.Core.Features.Police.PoliceData.London)
                {
                    var doubled = month.StartsWith("2025", StringComparison.Ordinal) && (place == "Haringey" || peers.Contains(place));
                    db.PoliceCounts.Add(new PoliceCount { Month = month, Force = "Metropolitan Police Service", Place = place, CrimeType = "Burglary", Count = doubled ? 200 : 100 });
                }
            }

            return Task.CompletedTask;
        });

        var (_, body) = await SpcAsync("/api/admin/indicators/ACQ-I1/spc?period=2025-26-Q2");

        var comparisons = body!["change"]!["comparisons"]!.AsArray();
        Assert.Equal(["London", "the Most Similar Group"], comparisons.Select(c => c!["with"]!.GetValue<string>()));

        // London without Haringey: 25 × 300 + 7 × 600 = 11 700 against 32 × 300 = 9 600, a share of 0.5493 this year;
        // Haringey's 600 of 900 where 494.4 were expected (sd 14.9): z ≈ 7, far beyond chance.
        Assert.Equal(11_700, Number(comparisons[0]!["now"]));
        Assert.Equal(9_600, Number(comparisons[0]!["lastYear"]));
        Assert.Equal("significant", comparisons[0]!["significance"]!.GetValue<string>());

        // The peers doubled too (4 200 against 2 100, share ⅔) and so did Haringey (600 of 900 = ⅔): no difference.
        Assert.Equal(4_200, Number(comparisons[1]!["now"]));
        Assert.True(Number(comparisons[1]!["p"]) > 0.9);
        Assert.Equal("none", comparisons[1]!["significance"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnIndicatorThatIsNotPoliceFed_HasNoComparisons()
    {
        var (_, body) = await SpcAsync("/api/admin/indicators/VIO-01/spc?period=2025-26-Q2");

        Assert.Empty(body!["change"]!["comparisons"]!.AsArray());
    }
}
