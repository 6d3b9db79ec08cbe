using System.Globalization;
using System.Text;
using System.Xml;
using CspBot.Core.Domain;
using CspBot.Core.Features.Localisation;
using CspBot.Core.Features.Scorecard;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace CspBot.Core.Features.Reports;

/// <summary>
/// Writes the exception report as a board paper the officer can send without retyping: A4, real styles (Title,
/// Heading 1–3, a table style whose header row repeats), the partnership and protective marking in the header,
/// "Page X of Y", the version and compile date in the footer, the seeds' structure, native charts with alt text, and
/// the appendices in a landscape section. RAG is always written as a word, never shown by colour alone.
/// </summary>
public static class ExceptionReportDocument
{
    /// <summary>A4 in twentieths of a point, with 2 cm margins.</summary>
    private const int A4Short = 11906, A4Long = 16838, Margin = 1134;

    public const int PortraitText = A4Short - (2 * Margin);
    public const int LandscapeText = A4Long - (2 * Margin);

    /// <summary>An exception's chart sits beside its text: 40% of the column, less the cell's margins.</summary>
    private const int TrendColumn = PortraitText * 40 / 100;
    private const double TrendChartWidthCm = (TrendColumn - 250) / 567.0;

    /// <summary>
    /// The paper as it was compiled: English, Welsh (its <see cref="ExceptionReport.Welsh"/> twin), or bilingual: the
    /// Welsh paper in full first, then the English one, in one document (Welsh is read first, as the Welsh Language
    /// Commissioner advises for documents in both languages), each half with its own header and footer.
    /// </summary>
    public static byte[] Write(ExceptionReport report) => report switch
    {
        { Paper: PartnershipLanguage.Welsh, Welsh: { } welsh } => Write([welsh]),
        { Paper: PartnershipLanguage.Bilingual, Welsh: { } welsh } => Write([welsh, report]),
        _ => Write([report]),
    };

    private static byte[] Write(IReadOnlyList<ExceptionReport> papers)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            // Fast rather than maximum deflate: a paper with a hundred charts is written in a fraction of the time, a
            // little larger.
            document.CompressionOption = System.IO.Packaging.CompressionOption.Fast;
            var first = papers[0];
            var main = document.AddMainDocumentPart();
            BoardPaperStyles.AddTo(main, Culture(first.Language));
            var parts = new List<(string Header, string Footer)>();
            foreach (var paper in papers)
            {
                using (CultureScope.Use(paper.Language))
                {
                    parts.Add(HeaderAndFooter(main, paper));
                }
            }

            using (CultureScope.Use(first.Language))
            {
                document.PackageProperties.Title = string.Join(" / ", papers.Select(Title));
                document.PackageProperties.Subject = Terms.Format(ReportText.DocumentSubject, first.Partnership, first.Period);
                document.PackageProperties.Creator = first.ReportOf ?? first.Partnership;
                document.PackageProperties.Language = Culture(first.Language);
                document.PackageProperties.Keywords = Terms.Format(ReportText.DocumentKeywords, Marking(first.ProtectiveMarking), first.Period);
            }

            using var write = new Writer(main);
            for (var k = 0; k < papers.Count; k++)
            {
                var paper = papers[k];
                var (headerId, footerId) = parts[k];
                using (CultureScope.Use(paper.Language))
                {
                    write.Language = paper.Language == first.Language ? null : Culture(paper.Language);
                    FrontBlock(write, paper, Title(paper));
                    Sections(write, paper);

                    // The body ends the portrait section; the appendices are a landscape one.
                    write.SectionBreak(Section(headerId, footerId, landscape: false));
                    Appendices(write, paper);
                    var landscape = Section(headerId, footerId, landscape: true);
                    if (k < papers.Count - 1)
                    {
                        write.SectionBreak(landscape);
                    }
                    else
                    {
                        write.Finish(landscape);
                    }
                }
            }
        }

        return stream.ToArray();
    }

    /// <summary>"en-GB" or "cy-GB": the language Word checks the text in.</summary>
    public static string Culture(Language language) => language == Language.Welsh ? "cy-GB" : "en-GB";

    private static string Title(ExceptionReport paper)
    {
        using (CultureScope.Use(paper.Language))
        {
            return Terms.Format(ReportText.DocumentTitle, paper.Period);
        }
    }

    /// <summary>The protective marking in the language now: SWYDDOGOL for OFFICIAL; a marking of the partnership's own is printed as written.</summary>
    public static string Marking(string marking) => Words.Current == Language.Welsh
        ? ReportText.ResourceManager.GetString("Marking_" + marking.Trim().ToUpperInvariant().Replace(' ', '_').Replace('-', '_'), Words.WelshText) ?? marking
        : marking;

    /// <summary>The partnership and protective marking in the header; "Page X of Y", the version and marking in the footer.</summary>
    private static (string Header, string Footer) HeaderAndFooter(MainDocumentPart main, ExceptionReport report)
    {
        var marking = Marking(report.ProtectiveMarking);
        var header = main.AddNewPart<HeaderPart>();
        header.Header = new Header(new Paragraph(
            new ParagraphProperties(new ParagraphStyleId { Val = "Header" }, new Justification { Val = JustificationValues.Right }),
            Run(Terms.Format(ReportText.HeaderPartnership, report.Partnership), report.Language),
            Run(marking, report.Language, bold: true)));
        var footer = main.AddNewPart<FooterPart>();
        footer.Footer = new Footer(new Paragraph(
            new ParagraphProperties(new ParagraphStyleId { Val = "Footer" }),
            Run(ReportText.FooterPage, report.Language),
            new SimpleField(Run("1", report.Language)) { Instruction = " PAGE " },
            Run(ReportText.FooterOf, report.Language),
            new SimpleField(Run("1", report.Language)) { Instruction = " NUMPAGES " },
            Run(Terms.Format(ReportText.FooterVersion, report.Period, report.Version, report.CompiledOn, marking), report.Language)));
        return (main.GetIdOfPart(header), main.GetIdOfPart(footer));
    }

    private static void FrontBlock(Writer write, ExceptionReport report, string title)
    {
        write.Styled("Subtitle", report.Partnership);
        write.Title(title);
        write.Fact(ReportText.ReportFor, report.Board is { Length: > 0 } board
            ? Terms.Format(report.BoardDate is null ? ReportText.BoardNoMeeting : ReportText.BoardOn, board, report.BoardDate)
            : report.BoardDate ?? ReportText.PartnershipBoard);
        if (report.ReportOf is { Length: > 0 } officer)
        {
            write.Fact(ReportText.ReportOf, officer);
        }

        write.Fact(ReportText.Date, report.CompiledOn);
        write.Fact(ReportText.Wards, ReportText.WardsAll);
        write.Fact(ReportText.ReportingPeriod, Terms.Format(ReportText.ReportingPeriodFact, report.Period, report.Months, report.Deadline));
        var version = report.CompiledBy is { } by
            ? Terms.Format(ReportText.VersionCompiledBy, report.Version, report.CompiledAt, by)
            : Terms.Format(ReportText.VersionCompiled, report.Version, report.CompiledAt);
        write.Fact(ReportText.Version, report.SignedOff is { } signedOff ? Terms.Format(ReportText.VersionSignedOff, version, signedOff) : version);
    }

    private static void Sections(Writer write, ExceptionReport report)
    {
        write.Heading(1, ReportText.HeadingPurpose);
        write.Text(report.Purpose);

        write.Heading(1, ReportText.HeadingRecommendations);
        foreach (var recommendation in report.Recommendations)
        {
            write.Numbered(recommendation);
        }

        write.Heading(1, ReportText.HeadingHighlights);
        if (report.Introduction is { Length: > 0 } introduction)
        {
            foreach (var paragraph in introduction.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                write.Text(paragraph);
            }
        }

        foreach (var line in report.Highlights)
        {
            write.Bullet(line);
        }

        RagChart(write, report);

        var indicators = report.Concerns.Where(c => c.Kind == "Indicator").ToList();
        write.Heading(1, ReportText.HeadingPerformance);
        write.Text(indicators.Count == 0 ? ReportText.NoIndicatorExceptions : Counted.In(ReportText.ResourceManager, "IndicatorExceptions", indicators.Count));
        if (indicators.Any(c => c.Spc is not null))
        {
            write.Text(SpcChartKey);
        }

        foreach (var concern in indicators)
        {
            Exception(write, concern);
        }

        var actions = report.Concerns.Where(c => c.Kind == "Action").ToList();
        write.Heading(1, ReportText.HeadingProjects);
        var byStatus = report.Actions.GroupBy(a => a.Status).ToDictionary(g => g.Key, g => g.Count());
        write.Text(Counted.In(
            ReportText.ResourceManager,
            "ProjectSummary",
            report.Actions.Count,
            byStatus.GetValueOrDefault(Terms.Status(ActionStatus.Complete)),
            byStatus.GetValueOrDefault(Terms.Status(ActionStatus.Green)),
            byStatus.GetValueOrDefault(Terms.Status(ActionStatus.Amber)),
            byStatus.GetValueOrDefault(Terms.Status(ActionStatus.Red)),
            byStatus.GetValueOrDefault(ReportText.NoReturn)));
        if (actions.Count == 0)
        {
            write.Text(ReportText.NoActionExceptions);
        }

        foreach (var concern in actions)
        {
            Exception(write, concern);
        }

        if (report.OtherAmbers > 0)
        {
            write.Text(Counted.In(ReportText.ResourceManager, "OtherAmbers", report.OtherAmbers));
        }

        write.Heading(1, ReportText.HeadingMissing);
        if (report.Missing.Count == 0)
        {
            write.Text(ReportText.AllReturned);
        }
        else
        {
            write.Text(Counted.In(ReportText.ResourceManager, "MissingReturns", report.Missing.Sum(m => m.Refs.Count)));
            write.Table(
                ReportText.MissingCaption,
                [(ReportText.ColumnAgency, 30), (ReportText.ColumnOwner, 25), (ReportText.ColumnNotReturned, 45)],
                report.Missing.OrderBy(m => m.Agency, StringComparer.Ordinal).Select(m => new[] { m.Agency, m.Owner, string.Join(", ", m.Refs) }),
                PortraitText);
        }

        write.Heading(1, ReportText.HeadingMonitoring);
        foreach (var line in report.FutureMonitoring)
        {
            write.Bullet(line);
        }
    }

    /// <summary>RAG counts per strategic outcome: a stacked bar chart, its figures in Appendix A.</summary>
    private static void RagChart(Writer write, ExceptionReport report)
    {
        if (report.Scorecard.Count == 0)
        {
            return;
        }

        var rows = report.Scorecard;
        var series = new[]
        {
            new ChartSeries(Glossary.Red, "C00000", rows.Select(r => (decimal?)(r.ActionsRed + r.IndicatorsRed)).ToList()),
            new ChartSeries(Glossary.Amber, "ED7D31", rows.Select(r => (decimal?)(r.ActionsAmber + r.IndicatorsAmber)).ToList()),
            new ChartSeries(Glossary.Green, "548235", rows.Select(r => (decimal?)(r.ActionsGreen + r.IndicatorsGreen)).ToList()),
            new ChartSeries(Glossary.Complete, "2F5597", rows.Select(r => (decimal?)r.ActionsComplete).ToList()),
        };
        var described = string.Join("; ", rows.Select(r => Terms.Format(ReportText.RagChartRow, Code(r), r.ActionsRed + r.IndicatorsRed, r.ActionsAmber + r.IndicatorsAmber, r.ActionsGreen + r.IndicatorsGreen, r.ActionsComplete)));
        write.Chart(WordCharts.StackedBars(
            write.Main,
            write.NextId(),
            Terms.Format(ReportText.RagChartTitle, report.Period),
            Terms.Format(ReportText.RagChartAlt, report.Period, described),
            rows.Select(Code).ToList(),
            series));
        write.Styled("Caption", ReportText.RagChartCaption);
    }

    private static string Code(OutcomeCounts row) => row.Code is { Length: > 0 } code ? code : row.Outcome;

    /// <summary>
    /// One Red or key Amber in full: figures and direction, the owner's words, the revised date, and for an indicator
    /// its trend beside them (text on the left, the chart on the right, as a board paper's performance card).
    /// </summary>
    private static void Exception(Writer write, Concern concern)
    {
        write.Heading(2, Terms.Format(ReportText.ExceptionHeading, concern.Ref, concern.Title, RagWord(concern.Rag)));
        if (concern.Kind == "Indicator" && concern.Target is { } spcTarget && concern.Spc is { } spc)
        {
            write.Beside(() => ExceptionFacts(write, concern), SpcChart(write, concern, spc, spcTarget));
        }
        else if (Charted(concern) && concern.Target is { } target)
        {
            write.Beside(() => ExceptionFacts(write, concern), TrendChart(write, concern, target));
        }
        else
        {
            ExceptionFacts(write, concern);
        }
    }

    private static void ExceptionFacts(Writer write, Concern concern)
    {
        write.Styled("Fact", string.Join(" · ", new[]
        {
            concern.KeyBecause is { } because ? Terms.Format(ReportText.KeyAmber, RagWord(concern.Rag), because) : RagWord(concern.Rag),
            concern.Outcome,
            Terms.Format(ReportText.OwnerAgency, concern.Owner, concern.Agency),
        }));
        if (concern.Figures is { Length: > 0 } figures)
        {
            // The figures already give the change on last year; the direction follows with its significance.
            write.Fact(ReportText.Figures, concern.Direction is { } direction ? Terms.Format(ReportText.FiguresDirection, figures, direction.ToLower(CultureInfo.CurrentCulture)) : figures);
        }

        if (concern.Variation is { } variation)
        {
            write.Fact(ReportText.Variation, variation);
        }

        if (concern.TargetNote is { } note)
        {
            write.Fact(ReportText.Target, note);
        }

        if (concern.Restricted)
        {
            write.Fact(ReportText.Commentary, ReportText.Restricted);
        }
        else
        {
            write.Fact(ReportText.Commentary, concern.Commentary ?? ReportText.NoReturnReceived);
            if (concern.Measures is { Length: > 0 } measures)
            {
                write.Fact(ReportText.Measures, measures);
            }
        }

        if (concern.RevisedDate is { } revised)
        {
            write.Fact(ReportText.RevisedDate, revised);
        }
    }

    private static Paragraph TrendChart(Writer write, Concern concern, decimal target)
    {
        var shown = string.Join(", ", concern.Trend.Select(t => Terms.Format(ReportText.ChartPoint, t.Period, t.Actual is { } a ? ExceptionReport.WithUnit(a, concern.Unit) : ReportText.NoFigureLower)));
        return WordCharts.Lines(
            write.Main,
            write.NextId(),
            concern.Unit is { Length: > 0 } unit ? Terms.Format(ReportText.TrendTitleUnit, concern.Trend.Count, unit) : Terms.Format(ReportText.TrendTitle, concern.Trend.Count),
            Terms.Format(ReportText.TrendAlt, concern.Ref, concern.Title, concern.Trend.Count, ExceptionReport.WithUnit(target, concern.Unit), shown),
            concern.Trend.Select(t => t.Period).ToList(),
            [
                new ChartSeries(concern.Ref, "1F4E79", concern.Trend.Select(t => t.Actual).ToList()),
                new ChartSeries(ReportText.SeriesTarget, "7F7F7F", concern.Trend.Select(_ => (decimal?)target).ToList(), Dashed: true),
            ],
            widthCm: TrendChartWidthCm);
    }

    /// <summary>
    /// An indicator's SPC chart beside its text: the figures, the mean, the process limits (named trial limits while
    /// there are fewer than twelve points), the target, and special-cause points drawn over the figures with their own
    /// marker and colour (a triangle for concern, a diamond for improvement, a square otherwise).
    /// </summary>
    /// <summary>The SPC charts' key, written once before them: a legend in each narrow chart left no room for its plot.</summary>
    public static string SpcChartKey => ReportText.SpcChartKey;

    private static Paragraph SpcChart(Writer write, Concern concern, SpcChartFigures spc, decimal target)
    {
        var points = spc.Points;
        var limits = spc.Trial ? ReportText.TrialLimitsLower : ReportText.ProcessLimitsLower;
        static decimal? D(double? value) => value is { } v ? (decimal)Math.Round(v, 2, MidpointRounding.AwayFromZero) : null;
        var series = new List<ChartSeries>
        {
            new(concern.Ref, "1F4E79", [.. points.Select(p => D(p.Value))]),
            new(ReportText.SeriesMean, "404040", [.. points.Select(p => D(p.Mean))]) { Marker = DocumentFormat.OpenXml.Drawing.Charts.MarkerStyleValues.None },
            new(spc.Trial ? ReportText.SeriesTrialLimits : ReportText.SeriesLimits, "7F7F7F", [.. points.Select(p => D(p.Upper))], Dashed: true),
            new(ReportText.SeriesLowerLimit, "7F7F7F", [.. points.Select(p => D(p.Lower))], Dashed: true),
            new(ReportText.SeriesTarget, "7030A0", [.. points.Select(_ => (decimal?)target)], Dashed: true),
        };
        foreach (var (kind, name, color, marker) in new[]
        {
            ("concern", ReportText.SeriesConcern, "ED7D31", DocumentFormat.OpenXml.Drawing.Charts.MarkerStyleValues.Triangle),
            ("improvement", ReportText.SeriesImprovement, "2F5597", DocumentFormat.OpenXml.Drawing.Charts.MarkerStyleValues.Diamond),
            ("variation", ReportText.SeriesSpecialCause, "7F6000", DocumentFormat.OpenXml.Drawing.Charts.MarkerStyleValues.Square),
        })
        {
            if (points.Any(p => p.Kind == kind))
            {
                series.Add(new ChartSeries(name, color, [.. points.Select(p => p.Kind == kind ? D(p.Value) : null)]) { Marker = marker, NoLine = true });
            }
        }

        var segment = points.FirstOrDefault(p => p.Mean is not null);
        var shown = string.Join(", ", points.Select(p => p.SpecialCause is { } rules
            ? Terms.Format(ReportText.SpcPointSpecial, ExceptionReport.PeriodName(p.Period), Figure(p.Value), SpecialKind(p.Kind), rules)
            : Terms.Format(ReportText.ChartPoint, ExceptionReport.PeriodName(p.Period), Figure(p.Value))));
        var described = segment is null
            ? ReportText.SpcTooFew
            : spc.SegmentStart is { } start
                ? Terms.Format(ReportText.SpcMeanLimitsRebased, Figure(segment.Mean!.Value), limits, Figure(segment.Lower!.Value), Figure(segment.Upper!.Value), ExceptionReport.PeriodName(start))
                : Terms.Format(ReportText.SpcMeanLimits, Figure(segment.Mean!.Value), limits, Figure(segment.Lower!.Value), Figure(segment.Upper!.Value));
        return WordCharts.Lines(
            write.Main,
            write.NextId(),
            concern.Unit is { Length: > 0 } unit ? Terms.Format(ReportText.SpcTitleUnit, unit) : ReportText.SpcTitle,
            Terms.Format(ReportText.SpcAlt, concern.Ref, concern.Title, points.Count, ExceptionReport.WithUnit(target, concern.Unit), shown, described, concern.Variation),
            [.. points.Select(p => ExceptionReport.PeriodName(p.Period))],
            series,
            widthCm: TrendChartWidthCm,
            heightCm: 3.3,
            legend: false);
    }

    private static string Figure(double value) => value.ToString("#,##0.##", Words.Formatting);

    /// <summary>"concern", "improvement", "variation" (the stored kind of a special-cause point) in the language now.</summary>
    private static string SpecialKind(string? kind) => kind switch
    {
        "concern" => ReportText.KindConcern,
        "improvement" => ReportText.KindImprovement,
        _ => ReportText.KindVariation,
    };

    /// <summary>A concern's stored RAG ("Red", "Amber") as the glossary word.</summary>
    private static string RagWord(string rag) => Enum.TryParse<Rag>(rag, out var parsed) ? Terms.Rag(parsed) : rag;

    private static void Appendices(Writer write, ExceptionReport report)
    {
        write.Heading(1, ReportText.AppendixA);
        write.Text(ReportText.AppendixAText);
        write.Table(
            ReportText.AppendixACaption,
            [(ReportText.ColumnOutcome, 31), (ReportText.ColumnActionsRed, 9), (ReportText.ColumnActionsAmber, 9), (ReportText.ColumnActionsGreen, 9), (ReportText.ColumnActionsComplete, 10), (ReportText.ColumnIndicatorsRed, 10), (ReportText.ColumnIndicatorsAmber, 11), (ReportText.ColumnIndicatorsGreen, 11)],
            report.Scorecard.Select(r => new[]
            {
                r.Outcome, Number(r.ActionsRed), Number(r.ActionsAmber), Number(r.ActionsGreen), Number(r.ActionsComplete), Number(r.IndicatorsRed), Number(r.IndicatorsAmber), Number(r.IndicatorsGreen),
            }),
            LandscapeText,
            ragColumns: null);

        write.Heading(1, ReportText.AppendixB);
        write.Text(ReportText.AppendixBText);
        write.Table(
            ReportText.AppendixBCaption,
            [(ReportText.ColumnRef, 8), (ReportText.ColumnAction, 37), (ReportText.ColumnOutcomeShort, 8), (ReportText.ColumnStatus, 10), (ReportText.ColumnOwner, 14), (ReportText.ColumnAgency, 13), (ReportText.ColumnRevisedDate, 10)],
            report.Actions.Select(a => new[] { a.Ref, a.Title, a.Outcome, a.Status, a.Owner, a.Agency, a.RevisedDate ?? string.Empty }),
            LandscapeText,
            ragColumns: [3]);

        write.Heading(1, ReportText.AppendixC);
        write.Text(ReportText.AppendixCText);
        write.Table(
            ReportText.AppendixCCaption,
            [(ReportText.ColumnRef, 6), (ReportText.ColumnIndicator, 20), (ReportText.ColumnOutcomeShort, 6), (ReportText.ColumnFigure, 9), (ReportText.ColumnTarget, 11), (ReportText.ColumnLastYear, 7), (ReportText.ColumnLondon, 6), (ReportText.ColumnMsg, 5), (ReportText.ColumnRag, 6), (ReportText.ColumnDirection, 9), (ReportText.ColumnVariation, 8), (ReportText.ColumnAssurance, 7)],
            report.Indicators.Select(i => new[] { i.Ref, i.Title, i.Outcome, i.Figure, i.TargetNote is { } note ? Terms.Format(ReportText.TargetWithNote, i.Target, note) : i.Target, i.LastYear, i.London, i.Msg, i.Rag, i.Direction, i.Variation, i.Assurance }),
            LandscapeText,
            ragColumns: [8]);
        write.Heading(2, ReportText.HowToRead);
        write.Text(ReportText.HowToReadMethod);
        write.Text(ReportText.HowToReadVariation);
        write.Text(ReportText.HowToReadAssurance);
        if (report.Indicators.Any(i => i.Counted))
        {
            write.Text(Terms.Format(ReportText.PoliceCounted, ExceptionReport.PoliceSourceLabel, ExceptionReport.PoliceAttribution));
        }

        // The figures of the SPC charts in the body, a quarter a column.
        var charted = report.Concerns.Where(c => c.Kind == "Indicator" && c.Target is not null && c.Spc is not null).ToList();
        if (charted.Count > 0)
        {
            write.Heading(2, ReportText.SpcAppendix);
            write.Text(ReportText.SpcAppendixText);
            foreach (var concern in charted)
            {
                var points = concern.Spc!.Points;
                var target = ScorecardCard.Number(concern.Target!.Value);
                string Cell(double? value) => value is { } v ? Figure(v) : "–";
                write.Table(
                    ByQuarter(concern, concern.Spc.Trial),
                    [.. points.Select(p => (ExceptionReport.PeriodName(p.Period), 86 / points.Count)).Prepend((string.Empty, 14))],
                    [
                        [ReportText.ColumnFigure, .. points.Select(p => Figure(p.Value))],
                        [ReportText.SeriesMean, .. points.Select(p => Cell(p.Mean))],
                        [concern.Spc.Trial ? ReportText.RowLowerTrialLimit : ReportText.SeriesLowerLimit, .. points.Select(p => Cell(p.Lower))],
                        [concern.Spc.Trial ? ReportText.RowUpperTrialLimit : ReportText.RowUpperLimit, .. points.Select(p => Cell(p.Upper))],
                        [ReportText.SeriesTarget, .. points.Select(_ => target)],
                        [ReportText.SeriesSpecialCause, .. points.Select(p => p.Kind is { } kind ? Terms.Format(ReportText.SpecialCauseCell, SpecialKind(kind), p.SpecialCause) : "–")],
                    ],
                    LandscapeText);
            }
        }

        // The figures of the trend charts in the body (indicators without an SPC chart), a quarter a column.
        var trended = report.Concerns.Where(c => Charted(c) && c.Spc is null).ToList();
        if (trended.Count == 0)
        {
            return;
        }

        write.Heading(2, ReportText.TrendAppendix);
        write.Text(ReportText.TrendAppendixText);
        foreach (var concern in trended)
        {
            var target = ScorecardCard.Number(concern.Target!.Value);
            write.Table(
                ByQuarter(concern, trial: false),
                [.. concern.Trend.Select(t => (t.Period, 88 / concern.Trend.Count)).Prepend((string.Empty, 12))],
                [
                    [ReportText.ColumnFigure, .. concern.Trend.Select(t => t.Actual is { } a ? ScorecardCard.Number(a) : ReportText.None)],
                    [ReportText.SeriesTarget, .. concern.Trend.Select(_ => target)],
                ],
                LandscapeText);
        }
    }

    /// <summary>"VIO-03 Racial … offences, by quarter (offences); trial limits": a chart's figures table caption.</summary>
    private static string ByQuarter(Concern concern, bool trial)
    {
        var caption = concern.Unit is { Length: > 0 } unit
            ? Terms.Format(ReportText.ByQuarterUnit, concern.Ref, concern.Title, unit)
            : Terms.Format(ReportText.ByQuarter, concern.Ref, concern.Title);
        return trial ? Terms.Format(ReportText.WithTrialLimits, caption) : caption;
    }

    private static bool Charted(Concern concern) => concern.Kind == "Indicator" && concern.Target is not null && concern.Trend.Count(t => t.Actual is not null) >= 2;

    private static SectionProperties Section(string headerId, string footerId, bool landscape) => new(
        new HeaderReference { Type = HeaderFooterValues.Default, Id = headerId },
        new FooterReference { Type = HeaderFooterValues.Default, Id = footerId },
        new SectionType { Val = SectionMarkValues.NextPage },
        landscape
            ? new PageSize { Width = A4Long, Height = A4Short, Orient = PageOrientationValues.Landscape }
            : new PageSize { Width = A4Short, Height = A4Long },
        new PageMargin { Top = Margin, Right = Margin, Bottom = Margin, Left = Margin, Header = 567, Footer = 567, Gutter = 0 });

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A header or footer run: bold for the marking; a Welsh run says so, for Word's spelling and screen readers.</summary>
    private static Run Run(string text, Language language, bool bold = false)
    {
        var properties = new RunProperties();
        if (bold)
        {
            properties.Append(new Bold());
        }

        if (language == Language.Welsh)
        {
            properties.Append(new Languages { Val = Culture(language) });
        }

        return properties.HasChildren
            ? new(properties, new Text(FreeText.Writable(text)) { Space = SpaceProcessingModeValues.Preserve })
            : new(new Text(FreeText.Writable(text)) { Space = SpaceProcessingModeValues.Preserve });
    }

    /// <summary>
    /// Writes the document's body in reading order, straight to XML: a paper of a thousand actions is tens of thousands
    /// of elements, which the SDK's object model takes most of a second to build and save. The parts that are small
    /// (styles, header, footer, charts) use the object model; what they put in the body is written as their XML.
    /// </summary>
    private sealed class Writer : IDisposable
    {
        private const string W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

        private readonly MainDocumentPart main;
        private readonly MemoryStream buffer = new();
        private readonly XmlWriter xml;
        private uint drawings;

        public Writer(MainDocumentPart main)
        {
            this.main = main;
            xml = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), CloseOutput = false });
            xml.WriteStartDocument(standalone: true);
            xml.WriteStartElement("w", "document", W);
            xml.WriteAttributeString("xmlns", "r", null, "http://schemas.openxmlformats.org/officeDocument/2006/relationships");
            xml.WriteStartElement("w", "body", W);
        }

        public MainDocumentPart Main => main;

        /// <summary>The language of the text written now when it is not the document's (the English half of a bilingual paper); null otherwise.</summary>
        public string? Language { get; set; }

        public uint NextId() => ++drawings;

        public void Title(string text) => Styled("Title", text);

        public void Heading(int level, string text) => Styled($"Heading{level}", text);

        public void Text(string text) => Paragraph(null, (text, false));

        public void Styled(string style, string text) => Paragraph(style, (text, false));

        /// <summary>"Label: value" with the label bold, as the seeds' front block and exception entries are written.</summary>
        public void Fact(string label, string value) => Paragraph("Fact", (label + ": ", true), (value, false));

        public void Bullet(string text) => Paragraph("ListParagraph", BoardPaperStyles.BulletList, keepNext: false, (text, false));

        public void Numbered(string text) => Paragraph("ListParagraph", BoardPaperStyles.NumberedList, keepNext: false, (text, false));

        public void Chart(Paragraph chart) => xml.WriteRaw(chart.OuterXml);

        /// <summary>
        /// What <paramref name="left"/> writes beside a chart: a two-cell layout table without borders or a header row
        /// (a layout table, so assistive technology reads the text, then the chart's alt text).
        /// </summary>
        public void Beside(Action left, Paragraph chart)
        {
            var widths = new[] { PortraitText - TrendColumn, TrendColumn }.Select(w => w.ToString(CultureInfo.InvariantCulture)).ToArray();
            StartTable(style: null, widths, headerRow: false);
            xml.WriteStartElement("w", "tr", W);
            xml.WriteStartElement("w", "trPr", W);
            xml.WriteElementString("w", "cantSplit", W, null);
            xml.WriteEndElement();
            Cell(widths[0], left);
            Cell(widths[1], () => Chart(chart));
            xml.WriteEndElement();
            xml.WriteEndElement();
            Spacer();
        }

        /// <summary>Opens a table of fixed column widths (its grid); a data table has the paper's style and a header row.</summary>
        private void StartTable(string? style, IReadOnlyList<string> widths, bool headerRow)
        {
            xml.WriteStartElement("w", "tbl", W);
            xml.WriteStartElement("w", "tblPr", W);
            if (style is not null)
            {
                Value("tblStyle", style);
            }

            xml.WriteStartElement("w", "tblW", W);
            xml.WriteAttributeString("w", "w", W, Number(widths.Sum(w => int.Parse(w, CultureInfo.InvariantCulture))));
            xml.WriteAttributeString("w", "type", W, "dxa");
            xml.WriteEndElement();
            xml.WriteStartElement("w", "tblLayout", W);
            xml.WriteAttributeString("w", "type", W, "fixed");
            xml.WriteEndElement();
            xml.WriteStartElement("w", "tblLook", W);
            xml.WriteAttributeString("w", "val", W, headerRow ? "04A0" : "0000");
            xml.WriteAttributeString("w", "firstRow", W, headerRow ? "1" : "0");
            xml.WriteAttributeString("w", "lastRow", W, "0");
            xml.WriteAttributeString("w", "firstColumn", W, "0");
            xml.WriteAttributeString("w", "lastColumn", W, "0");
            xml.WriteAttributeString("w", "noHBand", W, "1");
            xml.WriteAttributeString("w", "noVBand", W, "1");
            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteStartElement("w", "tblGrid", W);
            foreach (var w in widths)
            {
                xml.WriteStartElement("w", "gridCol", W);
                xml.WriteAttributeString("w", "w", W, w);
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        private void Cell(string width, Action content)
        {
            xml.WriteStartElement("w", "tc", W);
            xml.WriteStartElement("w", "tcPr", W);
            xml.WriteStartElement("w", "tcW", W);
            xml.WriteAttributeString("w", "w", W, width);
            xml.WriteAttributeString("w", "type", W, "dxa");
            xml.WriteEndElement();
            xml.WriteEndElement();
            content();
            xml.WriteEndElement();
        }

        /// <summary>Word needs a paragraph between a table and what follows; it carries no space.</summary>
        private void Spacer()
        {
            xml.WriteStartElement("w", "p", W);
            xml.WriteStartElement("w", "pPr", W);
            xml.WriteStartElement("w", "spacing", W);
            xml.WriteAttributeString("w", "after", W, "0");
            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        /// <summary>Ends a section here (an empty paragraph carrying its properties).</summary>
        public void SectionBreak(SectionProperties section)
        {
            xml.WriteStartElement("w", "p", W);
            xml.WriteStartElement("w", "pPr", W);
            xml.WriteRaw(section.OuterXml);
            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        /// <summary>Ends the body with the last section's properties and writes the part.</summary>
        public void Finish(SectionProperties last)
        {
            xml.WriteRaw(last.OuterXml);
            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteEndDocument();
            xml.Flush();
            buffer.Position = 0;
            main.FeedData(buffer);
        }

        /// <summary>
        /// A table in the paper's table style: the header row is marked as such (repeated on every page), widths are
        /// fixed in proportion (percent of <paramref name="width"/>), RAG columns are shaded and carry the word.
        /// </summary>
        public void Table(string caption, IReadOnlyList<(string Title, int Percent)> columns, IEnumerable<string[]> rows, int width, int[]? ragColumns = null)
        {
            var widths = columns.Select(c => (width * c.Percent / 100).ToString(CultureInfo.InvariantCulture)).ToList();
            Paragraph("Caption", numbering: null, keepNext: true, (caption, false));
            StartTable(BoardPaperStyles.TableStyle, widths, headerRow: true);
            Row(columns.Select(c => c.Title).ToArray(), widths, header: true, ragColumns: null);
            foreach (var row in rows)
            {
                Row(row, widths, header: false, ragColumns);
            }

            xml.WriteEndElement();
            Spacer();
        }

        public void Dispose()
        {
            xml.Dispose();
            buffer.Dispose();
        }

        private void Row(string[] cells, IReadOnlyList<string> widths, bool header, int[]? ragColumns)
        {
            xml.WriteStartElement("w", "tr", W);
            xml.WriteStartElement("w", "trPr", W);
            xml.WriteElementString("w", "cantSplit", W, null);
            if (header)
            {
                xml.WriteElementString("w", "tblHeader", W, null);
            }

            xml.WriteEndElement();
            for (var k = 0; k < cells.Length; k++)
            {
                xml.WriteStartElement("w", "tc", W);
                xml.WriteStartElement("w", "tcPr", W);
                xml.WriteStartElement("w", "tcW", W);
                xml.WriteAttributeString("w", "w", W, widths[k]);
                xml.WriteAttributeString("w", "type", W, "dxa");
                xml.WriteEndElement();
                if (ragColumns?.Contains(k) == true && Fill(cells[k]) is { } fill)
                {
                    xml.WriteStartElement("w", "shd", W);
                    xml.WriteAttributeString("w", "val", W, "clear");
                    xml.WriteAttributeString("w", "color", W, "auto");
                    xml.WriteAttributeString("w", "fill", W, fill);
                    xml.WriteEndElement();
                }

                xml.WriteEndElement();
                xml.WriteStartElement("w", "p", W);
                Run(cells[k], bold: false);
                xml.WriteEndElement();
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        private void Paragraph(string? style, params (string Text, bool Bold)[] runs) => Paragraph(style, numbering: null, keepNext: false, runs);

        private void Paragraph(string? style, int? numbering, bool keepNext, params (string Text, bool Bold)[] runs)
        {
            xml.WriteStartElement("w", "p", W);
            if (style is not null || numbering is not null || keepNext)
            {
                xml.WriteStartElement("w", "pPr", W);
                if (style is not null)
                {
                    Value("pStyle", style);
                }

                if (keepNext)
                {
                    xml.WriteElementString("w", "keepNext", W, null);
                }

                if (numbering is { } list)
                {
                    xml.WriteStartElement("w", "numPr", W);
                    Value("ilvl", "0");
                    Value("numId", list.ToString(CultureInfo.InvariantCulture));
                    xml.WriteEndElement();
                }

                xml.WriteEndElement();
            }

            foreach (var (text, bold) in runs)
            {
                Run(text, bold);
            }

            xml.WriteEndElement();
        }

        private void Run(string text, bool bold)
        {
            xml.WriteStartElement("w", "r", W);
            if (bold || Language is not null)
            {
                xml.WriteStartElement("w", "rPr", W);
                if (bold)
                {
                    xml.WriteElementString("w", "b", W, null);
                }

                if (Language is { } language)
                {
                    Value("lang", language);
                }

                xml.WriteEndElement();
            }

            xml.WriteStartElement("w", "t", W);
            xml.WriteAttributeString("xml", "space", null, "preserve");
            xml.WriteString(FreeText.Writable(text));
            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        private void Value(string element, string value)
        {
            xml.WriteStartElement("w", element, W);
            xml.WriteAttributeString("w", "val", W, value);
            xml.WriteEndElement();
        }

        /// <summary>Light shading for a RAG word: the word is always there, the colour only helps.</summary>
        private static string? Fill(string rag) =>
            rag == Glossary.Red ? "F4CCCC"
            : rag == Glossary.Amber ? "FCE5CD"
            : rag == Glossary.Green || rag == Glossary.Complete ? "D9EAD3"
            : null;
    }
}
