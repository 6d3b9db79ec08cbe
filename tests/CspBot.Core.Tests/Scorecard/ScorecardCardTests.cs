using System.Text.Json;
using System.Text.Json.Nodes;
using CspBot.Core.Domain;
using CspBot.Core.Features.Scorecard;
using CspBot.Core.Features.Variation;

namespace CspBot.Core.Tests.Scorecard;

public class ScorecardCardTests
{
    /// <summary>11 plans, 300 actions (a third Red, some restricted), 100 indicators: a large partnership.</summary>
    public static PeriodResults LargePartnership()
    {
        var outcomes = Enumerable.Range(1, 6).Select(i => new StrategicOutcome { Code = $"O{i}", Title = $"Strategic outcome number {i} with a long descriptive title" }).ToList();
        var items = new List<ItemResult>();
        for (var i = 0; i < 300; i++)
        {
            var status = (ActionStatus)(i % 4);
            var rag = status switch { ActionStatus.Red => Rag.Red, ActionStatus.Amber => Rag.Amber, _ => Rag.Green };
            items.Add(new ItemResult(ItemKind.Action, $"P{i % 11}-{i:000}", $"Deliver partnership action number {i} across the borough with partners", outcomes[i % 6].Code, outcomes[i % 6].Title,
                "Owner Name", "Metropolitan Police", Restricted: i % 10 == 2, Returned: true, status, rag, null, null, null, i % 10 == 2 ? "RESTRICTED CASEWORK" : "Progress as planned", "Measures", null));
        }

        for (var i = 0; i < 100; i++)
        {
            var indicator = new Indicator { Ref = $"IND-{i:000}", Title = $"Indicator {i}", Unit = "offences", Polarity = Polarity.LowerIsBetter, Target = 100 };
            var assessment = IndicatorAssessment.Of(indicator, 90 + (i % 3 * 15), 100);
            items.Add(new ItemResult(ItemKind.Indicator, indicator.Ref, indicator.Title, outcomes[i % 6].Code, outcomes[i % 6].Title, "Owner", "Council", false, true, null, assessment.Rag, assessment, indicator,
                new IndicatorValue { Period = ReportingPeriod.Parse("2025-26 Q2"), Actual = assessment.Actual, PreviousYear = 100, LondonChangePct = 25, MsgChangePct = 28 }, "Commentary", null, null)
            {
                Spc = IndicatorSpc.Judge(indicator, FortyQuarters(assessment.Actual!.Value), indicator.Target, null, Period),
            });
        }

        return new PeriodResults(Period, new DateOnly(2025, 10, 21), items, outcomes);
    }

    private static readonly ReportingPeriod Period = ReportingPeriod.Parse("2025-26 Q2");

    /// <summary>Ten years about 100 (99, 101, 98, 102 …), then <paramref name="latest"/>; the same quarter last year 100.</summary>
    private static Dictionary<ReportingPeriod, (decimal? Actual, decimal? PreviousYear)> FortyQuarters(decimal latest) =>
        Period.LastQuarters(40).Select((q, n) => (q, n)).ToDictionary(
            p => p.q,
            p => ((decimal?)(p.q == Period ? latest : p.q == Period.SamePeriodLastYear ? 100 : 100 + ((p.n % 4) switch { 0 => -1, 1 => 1, 2 => -2, _ => 2 })), (decimal?)null));

    [Fact]
    public void Build_LargePartnership_FitsOneTeamsMessage_AndCountsEveryRed()
    {
        var results = LargePartnership();

        var json = ScorecardCard.Build(results, null, 3).ToJsonString();

        Assert.True(json.Length < 28 * 1024, $"scorecard is {json.Length} bytes");
        var reds = results.Items.Count(i => i.Rag == Rag.Red);
        Assert.Contains($"Reds ({reds})", JsonNode.Parse(json)!.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        Assert.DoesNotContain("RESTRICTED CASEWORK", json);
        Assert.DoesNotContain("Progress as planned", json);
    }

    [Fact]
    public void Build_RestrictedReds_AreCountedButNeverNamed()
    {
        var results = LargePartnership();
        var restrictedRed = results.Items.First(i => i.Restricted && i.Rag == Rag.Red);
        var small = results with { Items = [restrictedRed, .. results.Items.Where(i => !i.Restricted && i.Rag == Rag.Red).Take(2)] };

        var json = ScorecardCard.Build(small, null, null).ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

        Assert.Contains("Reds (3)", json);
        Assert.DoesNotContain(restrictedRed.Ref, json);
        Assert.Contains("1 restricted item, not named here", json);
    }

    [Fact]
    public void Build_DrawsRagPerOutcomeAsATeamsChart_FallingBackToTheTextTable()
    {
        var results = LargePartnership();

        var card = ScorecardCard.Build(results, null, null);

        var chart = card["body"]!.AsArray().Single(e => e!["type"]!.GetValue<string>() == "Chart.HorizontalBar.Stacked")!;
        var bars = chart["data"]!.AsArray();
        Assert.Equal(results.Outcomes.Select(o => o.Code), bars.Select(b => b!["title"]!.GetValue<string>()));
        var first = bars[0]!["data"]!.AsArray().ToDictionary(d => d!["legend"]!.GetValue<string>(), d => d!["value"]!.GetValue<int>());
        var mine = results.Items.Where(i => i.OutcomeCode == results.Outcomes[0].Code).ToList();
        Assert.Equal(mine.Count(i => i.Rag == Rag.Red), first["Red"]);
        Assert.Equal(mine.Count(i => i.Rag == Rag.Amber), first["Amber"]);
        Assert.Equal(mine.Count, first.Values.Sum() + mine.Count(i => i.Rag is null));
        Assert.Equal(["attention", "warning", "good", "neutral"], bars[0]!["data"]!.AsArray().Select(d => d!["color"]!.GetValue<string>()));
        var fallback = chart["fallback"]!;
        Assert.Equal("Container", fallback["type"]!.GetValue<string>());
        Assert.Contains("All outcomes", fallback.ToJsonString());
        Assert.Contains("Counts are Red", fallback.ToJsonString());
    }

    [Fact]
    public void Build_NamesEachRedsVariationAndWhetherItsChangeIsSignificant_InOneShortPhrase()
    {
        // The 100 indicators alone, so that the Reds listed (at most 15) are indicators.
        var large = LargePartnership();
        var results = large with { Items = [.. large.Indicators] };

        var text = ScorecardCard.Build(results, null, 3).ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

        // 120 offences after ten years about 100 (lower is better): beyond the upper limit, and 100 → 120 is z = 2(√120 − √100) = 1.91.
        var red = results.Indicators.First(i => i.Rag == Rag.Red);
        Assert.Equal(VariationType.Concern, red.Spc!.Variation);
        Assert.Contains($"**{red.Ref}** {red.Title} — 120 against a target of 100 (+20% on last year; London +25%, MSG +28%) · special cause concern; no significant change on last year · Council", text);
        Assert.True(text.Length < 28 * 1024, $"scorecard is {text.Length} bytes");
    }

    [Fact]
    public void Travel_SaysHowManyOfTheImprovingAndWorseningChangesAreSignificant()
    {
        var indicator = new Indicator { Ref = "VIO-01", Title = "Violence", Unit = "offences", Polarity = Polarity.LowerIsBetter, Target = 100 };
        ItemResult Moved(decimal now, decimal before)
        {
            var assessment = IndicatorAssessment.Of(indicator, now, before);
            var figures = new Dictionary<ReportingPeriod, (decimal? Actual, decimal? PreviousYear)> { [Period] = (now, before) };
            return new ItemResult(ItemKind.Indicator, "VIO-01", "Violence", "O1", "Outcome", "Owner", "Council", false, true, null, assessment.Rag, assessment, indicator, null, null, null, null)
            {
                Spc = IndicatorSpc.Judge(indicator, figures, 100, null, Period),
            };
        }

        // 25 → 46: z = 3.56, significant; 12 → 22: 2.45, possibly; 40 → 44: 0.62, not; 46 → 25: a significant fall (better).
        var text = ScorecardCard.Travel([Moved(46, 25), Moved(22, 12), Moved(44, 40), Moved(25, 46), Moved(30, 30)]);

        Assert.Equal("Direction of travel against the same quarter last year: 1 improving (1 significantly), 3 worsening (1 significantly, 1 possibly significantly), 1 unchanged; changes in rates and percentages are not tested.", text);
    }
}
