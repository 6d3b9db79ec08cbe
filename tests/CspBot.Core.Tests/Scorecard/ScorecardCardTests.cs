using System.Text.Json;
using System.Text.Json.Nodes;
using CspBot.Core.Domain;
using CspBot.Core.Features.Scorecard;

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
                new IndicatorValue { Period = ReportingPeriod.Parse("2025-26 Q2"), Actual = assessment.Actual, PreviousYear = 100, LondonChangePct = 25, MsgChangePct = 28 }, "Commentary", null, null));
        }

        return new PeriodResults(ReportingPeriod.Parse("2025-26 Q2"), new DateOnly(2025, 10, 21), items, outcomes);
    }

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
}
