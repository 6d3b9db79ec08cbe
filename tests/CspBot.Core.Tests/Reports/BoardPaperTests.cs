using CspBot.Testing;
using CspBot.Core.Domain;
using CspBot.Core.Features.Reports;
using CspBot.Core.Features.Scorecard;
using CspBot.Core.Features.Variation;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;

namespace CspBot.Core.Tests.Reports;

/// <summary>The exception report as a board paper: valid by Microsoft's validator, the seeds' structure, key exceptions, charts.</summary>
public partial class BoardPaperTests
{
    internal static readonly ReportingPeriod Q2 = ReportingPeriod.Parse("2025-26 Q2");
    private static readonly DateTimeOffset Compiled = DateTimeOffset.Parse("2025-10-21T09:00:00+01:00", System.Globalization.CultureInfo.InvariantCulture);

    private static readonly string[] Headings =
    [
        "1. Purpose", "2. Recommendations", "3. Summary highlights", "4. Performance issues", "5. Project delivery", "6. Returns not received", "7. Future monitoring",
        "Appendix A. Scorecard by strategic outcome", "Appendix B. Project highlight table", "Appendix C. Indicators",
    ];

    private static readonly StrategicOutcome[] Outcomes =
    [
        new() { Code = "VIO", Title = "Reduce serious violence, gangs and youth violence" },
        new() { Code = "ASB", Title = "Reduce anti-social behaviour and improve confidence" },
    ];

    /// <summary>A period with <paramref name="actions"/> actions and <paramref name="indicators"/> indicators, each given a status by <paramref name="status"/> (null: no return).</summary>
    internal static PeriodResults Period(ReportingPeriod period, int actions, int indicators, Func<int, ActionStatus?> status, Func<int, decimal?> figure)
    {
        var items = new List<ItemResult>();
        for (var i = 0; i < actions; i++)
        {
            var s = status(i);
            Rag? rag = s switch { ActionStatus.Red => Rag.Red, ActionStatus.Amber => Rag.Amber, null => null, _ => Rag.Green };
            var outcome = Outcomes[i % Outcomes.Length];
            items.Add(new ItemResult(ItemKind.Action, $"{outcome.Code}-{i:000}", $"Deliver partnership action number {i} across the borough", outcome.Code, outcome.Title, "Tom Byrne", "Youth Offending Service",
                Restricted: i % 10 == 7, Returned: s is not null, s, rag, null, null, null, s is null ? null : i % 10 == 7 ? "RESTRICTED CASEWORK" : $"Commentary for action {i}", s is ActionStatus.Red or ActionStatus.Amber ? "Measures to improve" : null,
                s is ActionStatus.Red or ActionStatus.Amber ? new DateOnly(2026, 3, 31) : null));
        }

        for (var i = 0; i < indicators; i++)
        {
            var outcome = Outcomes[i % Outcomes.Length];
            var definition = new Indicator { Ref = $"{outcome.Code}-I{i:00}", Title = $"Indicator {i}", Unit = "offences", Polarity = Polarity.LowerIsBetter, Target = 100, TolerancePct = 10 };
            var actual = figure(i);
            var assessment = IndicatorAssessment.Of(definition, actual, 100);
            items.Add(new ItemResult(ItemKind.Indicator, definition.Ref, definition.Title, outcome.Code, outcome.Title, "DI Mark Reid", "Metropolitan Police", false, actual is not null, null, assessment.Rag, assessment, definition,
                new IndicatorValue { Period = period, Actual = actual, PreviousYear = 100, LondonChangePct = 25, MsgChangePct = 28 }, actual is null ? null : "Indicator commentary", null, null));
        }

        return new PeriodResults(period, new DateOnly(2025, 10, 21), items, Outcomes);
    }

    internal static ReportInputs Inputs(PeriodResults results, PeriodResults? previous = null) => new("Haringey Community Safety Partnership", results, Compiled, 3)
    {
        Previous = previous,
        Board = new DateOnly(2025, 11, 6),
        FollowingBoard = new DateOnly(2026, 1, 22),
        Trends = results.Indicators.ToDictionary(i => i.Ref, i => (IReadOnlyList<TrendPoint>)Enumerable.Range(0, 8).Select(k => new TrendPoint($"Q{k}", k == 3 ? null : 90 + (k * 5))).ToList()),
        CompiledBy = "Priya Shah",
    };

    internal static ExceptionReport Paper(ReportInputs inputs) => ExceptionReport.From(inputs) with
    {
        Board = "Community Safety Partnership Board",
        ReportOf = "Head of Community Safety and Enforcement",
        ProtectiveMarking = "OFFICIAL-SENSITIVE",
    };

    public static TheoryData<string> Cases() => ["mixed", "no returns", "every item Red", "300 actions"];

    internal static PeriodResults Case(string name) => name switch
    {
        "no returns" => Period(Q2, 20, 6, _ => null, _ => null),
        "every item Red" => Period(Q2, 20, 6, _ => ActionStatus.Red, _ => 150),
        "300 actions" => Period(Q2, 300, 40, i => (ActionStatus)(i % 4), i => 80 + (i % 4 * 10)),
        _ => Period(Q2, 24, 8, i => i % 5 == 0 ? null : (ActionStatus)(i % 4), i => 85 + (i * 4)),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Paper_HasNoErrorsFromTheOpenXmlValidator_InTheSeedsOrder(string name)
    {
        var bytes = ExceptionReportDocument.Write(Paper(Inputs(Case(name))));

        using var word = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        var errors = OpenXmlCheck.Errors(word);
        Assert.True(errors.Count == 0, string.Join("\n", errors.Take(20)));
        var headings = word.MainDocumentPart!.Document.Body!.Elements<Paragraph>()
            .Where(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value == "Heading1")
            .Select(p => p.InnerText)
            .ToList();
        Assert.Equal(Headings, headings);
    }

    [Fact]
    public void Paper_IsA4_WithHeaderFooterStylesAndProperties_AndMarksItsTableHeaders()
    {
        var bytes = ExceptionReportDocument.Write(Paper(Inputs(Case("mixed"))));

        using var word = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        var main = word.MainDocumentPart!;
        var sections = main.Document.Descendants<SectionProperties>().ToList();
        Assert.Equal(2, sections.Count);
        Assert.Equal((11906u, 16838u), (sections[0].GetFirstChild<PageSize>()!.Width!.Value, sections[0].GetFirstChild<PageSize>()!.Height!.Value));
        Assert.Equal(PageOrientationValues.Landscape, sections[1].GetFirstChild<PageSize>()!.Orient!.Value);
        Assert.Contains("OFFICIAL-SENSITIVE", main.HeaderParts.Single().Header!.InnerText);
        Assert.Contains("Haringey Community Safety Partnership", main.HeaderParts.Single().Header!.InnerText);
        var fields = main.FooterParts.Single().Footer!.Descendants<SimpleField>().Select(f => f.Instruction!.Value!.Trim()).ToList();
        Assert.Equal(["PAGE", "NUMPAGES"], fields);
        Assert.Contains("version 3 · compiled 21 October 2025", main.FooterParts.Single().Footer!.InnerText);
        var styles = main.StyleDefinitionsPart!.Styles!.Elements<Style>().Select(s => s.StyleId!.Value).ToList();
        Assert.Subset(new HashSet<string?>(styles), new HashSet<string?> { "Title", "Heading1", "Heading2", "Heading3", "Normal", BoardPaperStyles.TableStyle });
        Assert.Equal("en-GB", word.PackageProperties.Language);
        Assert.Equal("2025-26 Q2 Performance and Project Exception Report", word.PackageProperties.Title);
        Assert.Equal("Head of Community Safety and Enforcement", word.PackageProperties.Creator);
        // Data tables mark their header row; the only other tables lay an exception's text beside its trend chart
        // (no style, no header row, one row holding one chart).
        var tables = main.Document.Descendants<Table>().ToList();
        var data = tables.Where(t => t.GetFirstChild<TableProperties>()!.TableStyle?.Val?.Value == BoardPaperStyles.TableStyle).ToList();
        Assert.NotEmpty(data);
        Assert.All(data, table => Assert.NotNull(table.Elements<TableRow>().First().TableRowProperties!.GetFirstChild<TableHeader>()));
        Assert.All(tables.Except(data), layout =>
        {
            Assert.Single(layout.Elements<TableRow>());
            Assert.Null(layout.Descendants<TableHeader>().FirstOrDefault());
            Assert.Single(layout.Descendants<DocumentFormat.OpenXml.Drawing.Charts.ChartReference>());
        });

        // Headings go down one level at a time: no Heading 3 straight under a Heading 1.
        var levels = main.Document.Body!.Elements<Paragraph>().Select(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value)
            .Where(s => s is "Title" or "Heading1" or "Heading2" or "Heading3").Select(s => s == "Title" ? 0 : s![^1] - '0').ToList();
        Assert.All(levels.Zip(levels.Skip(1)), pair => Assert.True(pair.Second <= pair.First + 1, $"heading {pair.Second} after heading {pair.First}"));
    }

    [Fact]
    public void Body_HasEveryRedInFull_AndOnlyTheKeyAmbers_WhileTheAppendicesHaveEveryItem()
    {
        // Last quarter ASB-001, ASB-009 and ASB-017 were already Amber (not key unless marked); ASB-009 is marked key.
        var now = Period(Q2, 24, 8, i => (ActionStatus)(i % 4), i => 85 + (i * 4));
        var before = Period(Q2.Previous, 24, 8, i => i % 4 == 1 && i % 8 == 1 ? ActionStatus.Amber : ActionStatus.Green, i => 85 + (i * 4));
        var inputs = Inputs(now, before) with { KeyAmbers = new HashSet<string> { "ASB-009" } };
        var report = Paper(inputs);
        var ambers = now.Items.Where(i => i.Rag == Rag.Amber && i.Status != ActionStatus.Complete).ToList();

        Assert.All(now.Items.Where(i => i.Rag == Rag.Red), red => Assert.Contains(report.Concerns, c => c.Ref == red.Ref && c.Rag == "Red" && c.KeyBecause is null));
        Assert.All(report.Concerns.Where(c => c.Rag == "Amber"), amber => Assert.NotNull(amber.KeyBecause));
        Assert.Contains(report.Concerns, c => c.Ref == "ASB-009" && c.KeyBecause == "marked key by the officer");
        Assert.DoesNotContain(report.Concerns, c => c.Ref == "ASB-017"); // Amber last quarter too, not marked
        Assert.Contains(report.Concerns, c => c.Ref == "ASB-005" && c.KeyBecause == "new this quarter"); // Green last quarter
        Assert.Equal(ambers.Count, report.Concerns.Count(c => c.Rag == "Amber") + report.OtherAmbers);
        Assert.True(report.OtherAmbers > 0);
        Assert.Equal(24, report.Actions.Count);
        Assert.Equal(8, report.Indicators.Count);

        var text = Text(ExceptionReportDocument.Write(report));
        Assert.Contains("ASB-017", text); // in Appendix B
        var allRed = Text(ExceptionReportDocument.Write(Paper(Inputs(Case("every item Red")))));
        Assert.DoesNotContain("RESTRICTED CASEWORK", allRed);
        Assert.Contains("restricted (held by the performance officer)", allRed);
        Assert.Contains("Report for: Community Safety Partnership Board, 6 November 2025", text);
        Assert.Contains("Wards: All", text);
        Assert.Contains("That board members note the areas of slippage marked Red or Amber.", text);
        Assert.Contains("That the board agree priority actions for 2025-26 Q3 and 2025-26 Q4.", text);
        Assert.Contains("2025-26 Q3 performance will be reported to the board on 22 January 2026.", text);
        Assert.Contains("by Priya Shah", text);
    }

    [Fact]
    public void Body_IndicatorsGetTheirFiguresWithUnits_AndAWorseFigureMakesAnAmberKey()
    {
        var now = Period(Q2, 4, 4, _ => ActionStatus.Green, i => i == 1 ? 105 : 80);
        var before = Period(Q2.Previous, 4, 4, _ => ActionStatus.Green, i => i == 1 ? 104 : 80);
        var amber = now.Indicators.Single(i => i.Rag == Rag.Amber);
        var lastQuarter = before.Indicators.Single(i => i.Ref == amber.Ref);
        Assert.Equal(Rag.Amber, lastQuarter.Rag); // 104: Amber then too, so only the worse figure makes it key
        Assert.Equal("worse than last quarter", ExceptionReport.KeyBecause(amber, lastQuarter, new HashSet<string>()));
        Assert.Null(ExceptionReport.KeyBecause(amber, lastQuarter with { Indicator = lastQuarter.Indicator! with { Actual = 106 } }, new HashSet<string>()));

        var report = Paper(Inputs(now, before));
        var row = report.Indicators.Single(i => i.Ref == amber.Ref);
        Assert.Equal(("105 offences", "100 offences (lower is better)", "Amber"), (row.Figure, row.Target, row.Rag));
    }

    [Fact]
    public void Charts_AreNativeWithEmbeddedData_AndAltText_AndTheirFiguresAreInTables()
    {
        var now = Period(Q2, 12, 6, i => (ActionStatus)(i % 4), i => 90 + (i * 10));
        var report = Paper(Inputs(now));
        var trended = report.Concerns.Count(c => c.Kind == "Indicator");
        Assert.True(trended > 0);

        using var word = WordprocessingDocument.Open(new MemoryStream(ExceptionReportDocument.Write(report)), false);
        var main = word.MainDocumentPart!;
        Assert.Equal(1 + trended, main.ChartParts.Count());
        Assert.All(main.ChartParts, chart =>
        {
            var embedded = (EmbeddedPackagePart)Assert.Single(chart.Parts, p => p.OpenXmlPart is EmbeddedPackagePart).OpenXmlPart;
            var cached = chart.ChartSpace!.Descendants<DocumentFormat.OpenXml.Drawing.Charts.NumericPoint>().Select(p => p.NumericValue!.Text).ToList();
            Assert.NotEmpty(cached);

            // The data Word opens with "Edit data": a valid workbook holding the same figures.
            using var data = embedded.GetStream();
            using var copy = new MemoryStream();
            data.CopyTo(copy);
            using var workbook = SpreadsheetDocument.Open(new MemoryStream(copy.ToArray()), false);
            Assert.Empty(OpenXmlCheck.Errors(workbook));
            var values = workbook.WorkbookPart!.WorksheetParts.Single().Worksheet!.Descendants<DocumentFormat.OpenXml.Spreadsheet.CellValue>().Select(v => v.Text).ToList();
            Assert.Equal(cached.Order(StringComparer.Ordinal), values.Order(StringComparer.Ordinal));
        });
        var pictures = main.Document.Descendants<DW.DocProperties>().ToList();
        Assert.Equal(1 + trended, pictures.Count);
        Assert.All(pictures, p => Assert.True(p.Description?.Value?.Length > 40, $"chart {p.Id} has no alt text"));
        Assert.Equal(pictures.Count, pictures.Select(p => p.Id!.Value).Distinct().Count());
        Assert.Contains(pictures, p => p.Description!.Value!.Contains("VIO: ", StringComparison.Ordinal));
        var captions = main.Document.Descendants<Paragraph>().Where(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value == "Caption").Select(p => p.InnerText).ToList();
        Assert.Equal(trended, captions.Count(c => c.Contains(" by quarter", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("2025-11-05", "2025-11-06")] // before the period's board
    [InlineData("2025-11-06", "2025-11-06")] // on the day
    [InlineData("2025-11-07", "2026-01-22")] // after it met: the next board
    [InlineData("2026-02-01", null)] // nothing scheduled after
    public void NextBoard_IsThePeriodsBoardUntilItMeets_ThenTheNextOne(string compiled, string? expected)
    {
        var boards = new[] { new DateOnly(2025, 7, 17), new DateOnly(2025, 11, 6), new DateOnly(2026, 1, 22) };

        var board = ReportBoards.For(new DateOnly(2025, 11, 6), boards, DateOnly.Parse(compiled, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(expected is null ? null : DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), board);
    }

    /// <summary>An indicator's SPC judgement for <see cref="Q2"/> from its quarters (the latest last), as <see cref="IndicatorSpc"/> makes it.</summary>
    internal static IndicatorSpcResult Spc(string reference, double[] values, double lastYear)
    {
        var chart = XmrChart.From([.. values.Select((v, k) => new ChartPoint(Q2.AddQuarters(k - values.Length + 1).Id, v))]);
        var flagged = SpecialCauseRules.Flag(chart);
        return new IndicatorSpcResult(reference, "offences", Polarity.LowerIsBetter, Q2, SpcGrain.Quarter, 100, chart, flagged,
            VariationRules.Latest(chart, flagged, Polarity.LowerIsBetter), VariationRules.Assurance(chart, 100, Polarity.LowerIsBetter), ChangeOnLastYear.Of(values[^1], lastYear, "offences"));
    }

    /// <summary>Ten quarters ending in seven above the average: special cause concern (lower is better), trial limits.</summary>
    internal static readonly double[] RunOfConcern = [90, 92, 88, 101, 103, 102, 104, 103, 105, 104];

    [Fact]
    public void AnAmberOfSpecialCauseConcern_IsKey_AndAGreenOfConcernIsWatchedUnderFutureMonitoring()
    {
        // ASB-I01 is Amber at 105, better than last quarter's 106: not key by the figures alone.
        var now = Period(Q2, 4, 4, _ => ActionStatus.Green, i => i == 1 ? 105 : 80);
        var before = Period(Q2.Previous, 4, 4, _ => ActionStatus.Green, i => i == 1 ? 106 : 80);
        var amber = now.Indicators.Single(i => i.Rag == Rag.Amber);
        var lastQuarter = before.Indicators.Single(i => i.Ref == amber.Ref);
        Assert.Null(ExceptionReport.KeyBecause(amber, lastQuarter, new HashSet<string>(), VariationType.Common));
        Assert.Equal("special cause concern", ExceptionReport.KeyBecause(amber, lastQuarter, new HashSet<string>(), VariationType.Concern));
        Assert.Null(ExceptionReport.KeyBecause(amber, lastQuarter, new HashSet<string>(), VariationType.Improvement));

        var green = now.Indicators.First(i => i.Rag == Rag.Green).Ref;
        var report = Paper(Inputs(now, before) with
        {
            Variation = new Dictionary<string, IndicatorSpcResult> { [amber.Ref] = Spc(amber.Ref, RunOfConcern, 100), [green] = Spc(green, RunOfConcern, 100) },
        });

        Assert.Contains(report.Concerns, c => c.Ref == amber.Ref && c.KeyBecause == "special cause concern");
        Assert.DoesNotContain(report.Concerns, c => c.Ref == green);
        Assert.Contains(report.FutureMonitoring, line => line.StartsWith("Green but showing special cause concern", StringComparison.Ordinal) && line.Contains(green, StringComparison.Ordinal));
    }

    [Fact]
    public void AKeyIndicator_IsSaidInWords_DrawnAsAnSpcChart_AndAppendixCHasItsVariationAndAssurance()
    {
        var now = Period(Q2, 4, 4, _ => ActionStatus.Green, i => i == 1 ? 105 : 80);
        var amber = now.Indicators.Single(i => i.Rag == Rag.Amber).Ref;
        var report = Paper(Inputs(now) with
        {
            Variation = now.Indicators.ToDictionary(i => i.Ref, i => i.Ref == amber ? Spc(i.Ref, RunOfConcern, 100) : Spc(i.Ref, [26, 24, 27, 25, 28, 26, 29], 25)),
        });
        var bytes = ExceptionReportDocument.Write(report);

        using var word = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        var errors = OpenXmlCheck.Errors(word);
        Assert.True(errors.Count == 0, string.Join("\n", errors.Take(20)));
        var text = Text(bytes);
        Assert.Contains("Variation: special cause concern: 7 quarters in a row above the average", text);
        Assert.Contains("; worsening (not significant)", text); // 104 against 100: z = 2(√104 − 10) = 0.40
        Assert.Contains("How to read the variation and assurance columns", text);
        Assert.Contains("NHS England's Making Data Count", text);

        // Appendix C: a word and a letter in each of the two new columns.
        var rows = word.MainDocumentPart!.Document.Descendants<TableRow>().Select(r => r.Elements<TableCell>().Select(c => c.InnerText).ToList()).ToList();
        var header = rows.First(r => r.Contains("Variation"));
        Assert.Equal(new[] { "Variation", "Assurance" }, header.TakeLast(2));
        var row = rows.First(r => r[0] == amber && r.Count == header.Count);
        Assert.Equal(("Concern (C)", "Hit and miss (H)"), (row[^2], row[^1]));
        Assert.Contains(rows, r => r.Count == header.Count && r[^2] == "Common cause (CC)");

        // The SPC chart: figures, mean, trial limits , target, and the special-cause points
        // by their own marker: the run above the mean (concern) by a triangle, the low first quarters (improvement) by a diamond.
        var chart = word.MainDocumentPart.ChartParts.Single(c => c.ChartSpace!.InnerText.Contains("SPC chart", StringComparison.Ordinal)).ChartSpace!;
        var names = chart.Descendants<DocumentFormat.OpenXml.Drawing.Charts.SeriesText>().Select(t => t.Descendants<DocumentFormat.OpenXml.Drawing.Charts.NumericValue>().First().Text).ToList();
        Assert.Equal(new[] { amber, "Mean", "Trial limits", "Lower limit", "Target", "Concern", "Improvement" }, names);

        // A narrow chart has no room for a legend: the key is written once, before the charts.
        Assert.Empty(chart.Descendants<DocumentFormat.OpenXml.Drawing.Charts.Legend>());
        Assert.Contains(word.MainDocumentPart.Document.Body!.Descendants<Paragraph>(), p => p.InnerText == ExceptionReportDocument.SpcChartKey);
        var series = chart.Descendants<DocumentFormat.OpenXml.Drawing.Charts.LineChartSeries>().ToList();
        Assert.Equal(DocumentFormat.OpenXml.Drawing.Charts.MarkerStyleValues.Triangle, series[5].GetFirstChild<DocumentFormat.OpenXml.Drawing.Charts.Marker>()!.Symbol!.Val!.Value);
        Assert.Equal(DocumentFormat.OpenXml.Drawing.Charts.MarkerStyleValues.Diamond, series[6].GetFirstChild<DocumentFormat.OpenXml.Drawing.Charts.Marker>()!.Symbol!.Val!.Value);
        Assert.Equal(DocumentFormat.OpenXml.Drawing.Charts.MarkerStyleValues.Circle, series[0].GetFirstChild<DocumentFormat.OpenXml.Drawing.Charts.Marker>()!.Symbol!.Val!.Value);
        var alt = word.MainDocumentPart.Document.Descendants<DW.DocProperties>().Select(p => p.Description!.Value!).Single(d => d.StartsWith("SPC chart", StringComparison.Ordinal));
        Assert.Contains("trial limits", alt);
        Assert.Contains("2025-26-Q2 104 (special cause concern: run)", alt);
        Assert.Contains(rows, r => r.Count > 0 && r[0] == "Upper trial limit");
    }

    internal static string Text(byte[] docx)
    {
        using var word = WordprocessingDocument.Open(new MemoryStream(docx), false);
        return string.Join("\n", word.MainDocumentPart!.Document.Body!.Descendants<Paragraph>().Select(p => p.InnerText));
    }
}
