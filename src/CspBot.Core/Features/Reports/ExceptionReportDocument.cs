using System.Globalization;
using System.Text;
using System.Xml;
using CspBot.Core.Domain;
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

    public static byte[] Write(ExceptionReport report)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            // Fast rather than maximum deflate: a paper with a hundred charts is written in a fraction of the time, a
            // little larger.
            document.CompressionOption = System.IO.Packaging.CompressionOption.Fast;
            var title = $"{report.Period} Performance and Project Exception Report";
            document.PackageProperties.Title = title;
            document.PackageProperties.Subject = $"{report.Partnership}: exceptions and key issues from {report.Period} performance monitoring";
            document.PackageProperties.Creator = report.ReportOf ?? report.Partnership;
            document.PackageProperties.Language = "en-GB";
            document.PackageProperties.Keywords = $"{report.ProtectiveMarking}; exception report; {report.Period}";

            var main = document.AddMainDocumentPart();
            BoardPaperStyles.AddTo(main);
            var header = main.AddNewPart<HeaderPart>();
            header.Header = new Header(new Paragraph(
                new ParagraphProperties(new ParagraphStyleId { Val = "Header" }, new Justification { Val = JustificationValues.Right }),
                Run($"{report.Partnership} · "),
                Run(report.ProtectiveMarking, bold: true)));
            var footer = main.AddNewPart<FooterPart>();
            footer.Footer = new Footer(new Paragraph(
                new ParagraphProperties(new ParagraphStyleId { Val = "Footer" }),
                Run("Page "),
                new SimpleField(Run("1")) { Instruction = " PAGE " },
                Run(" of "),
                new SimpleField(Run("1")) { Instruction = " NUMPAGES " },
                Run($" · {report.Period} exception report, version {report.Version} · compiled {report.CompiledOn} · {report.ProtectiveMarking}")));
            var headerId = main.GetIdOfPart(header);
            var footerId = main.GetIdOfPart(footer);

            using var write = new Writer(main);
            FrontBlock(write, report, title);
            Sections(write, report);

            // The body ends the portrait section; the appendices are a landscape one.
            write.SectionBreak(Section(headerId, footerId, landscape: false));
            Appendices(write, report);
            write.Finish(Section(headerId, footerId, landscape: true));
        }

        return stream.ToArray();
    }

    private static void FrontBlock(Writer write, ExceptionReport report, string title)
    {
        write.Styled("Subtitle", report.Partnership);
        write.Title(title);
        write.Fact("Report for", report.Board is { Length: > 0 } board
            ? board + (report.BoardDate is { } date ? $", {date}" : ", the next meeting (none is scheduled yet)")
            : report.BoardDate ?? "the partnership board");
        if (report.ReportOf is { Length: > 0 } officer)
        {
            write.Fact("Report of", officer);
        }

        write.Fact("Date", report.CompiledOn);
        write.Fact("Wards", "All");
        write.Fact("Reporting period", $"{report.Period} ({report.Months}); returns were due by {report.Deadline}");
        write.Fact("Version", $"{report.Version}, compiled {report.CompiledAt}" + (report.CompiledBy is { } by ? $" by {by}" : string.Empty)
            + (report.SignedOff is { } signedOff ? $". {signedOff}." : string.Empty));
    }

    private static void Sections(Writer write, ExceptionReport report)
    {
        write.Heading(1, "1. Purpose");
        write.Text(report.Purpose);

        write.Heading(1, "2. Recommendations");
        foreach (var recommendation in report.Recommendations)
        {
            write.Numbered(recommendation);
        }

        write.Heading(1, "3. Summary highlights");
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
        write.Heading(1, "4. Performance issues");
        write.Text(indicators.Count == 0
            ? "No indicator is Red this quarter and no Amber indicator needs the board's attention. Every indicator is in Appendix C."
            : $"The following {Count(indicators.Count, "indicator")} {(indicators.Count == 1 ? "is" : "are")} Red or a key Amber. Every indicator is in Appendix C.");
        if (indicators.Any(c => c.Spc is not null))
        {
            write.Text(SpcChartKey);
        }

        foreach (var concern in indicators)
        {
            Exception(write, concern);
        }

        var actions = report.Concerns.Where(c => c.Kind == "Action").ToList();
        write.Heading(1, "5. Project delivery");
        var byStatus = report.Actions.GroupBy(a => a.Status).ToDictionary(g => g.Key, g => g.Count());
        write.Text($"Of {Count(report.Actions.Count, "delivery plan action")}: {byStatus.GetValueOrDefault("Complete")} complete, {byStatus.GetValueOrDefault("Green")} Green, {byStatus.GetValueOrDefault("Amber")} Amber and {byStatus.GetValueOrDefault("Red")} Red; {byStatus.GetValueOrDefault("No return")} had no return. The ratings and information have been supplied by the action owners. Every action is in the project highlight table (Appendix B).");
        if (actions.Count == 0)
        {
            write.Text("There are no Red actions and no key Amber actions this quarter.");
        }

        foreach (var concern in actions)
        {
            Exception(write, concern);
        }

        if (report.OtherAmbers > 0)
        {
            write.Text($"{Count(report.OtherAmbers, "other Amber item")} {(report.OtherAmbers == 1 ? "is" : "are")} neither new this quarter nor worse than last quarter; {(report.OtherAmbers == 1 ? "it is" : "they are")} listed in the appendices.");
        }

        write.Heading(1, "6. Returns not received");
        if (report.Missing.Count == 0)
        {
            write.Text("All returns were received.");
        }
        else
        {
            write.Text($"{Count(report.Missing.Sum(m => m.Refs.Count), "return")} had not been received when the report was compiled, by agency:");
            write.Table(
                "Returns not received, by agency",
                [("Agency", 30), ("Owner", 25), ("Items not returned", 45)],
                report.Missing.OrderBy(m => m.Agency, StringComparer.Ordinal).Select(m => new[] { m.Agency, m.Owner, string.Join(", ", m.Refs) }),
                PortraitText);
        }

        write.Heading(1, "7. Future monitoring");
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
            new ChartSeries("Red", "C00000", rows.Select(r => (decimal?)(r.ActionsRed + r.IndicatorsRed)).ToList()),
            new ChartSeries("Amber", "ED7D31", rows.Select(r => (decimal?)(r.ActionsAmber + r.IndicatorsAmber)).ToList()),
            new ChartSeries("Green", "548235", rows.Select(r => (decimal?)(r.ActionsGreen + r.IndicatorsGreen)).ToList()),
            new ChartSeries("Complete", "2F5597", rows.Select(r => (decimal?)r.ActionsComplete).ToList()),
        };
        var described = string.Join("; ", rows.Select(r => $"{Code(r)}: {r.ActionsRed + r.IndicatorsRed} Red, {r.ActionsAmber + r.IndicatorsAmber} Amber, {r.ActionsGreen + r.IndicatorsGreen} Green, {r.ActionsComplete} Complete"));
        write.Chart(WordCharts.StackedBars(
            write.Main,
            write.NextId(),
            $"{report.Period}: RAG status of actions and indicators by strategic outcome",
            $"Stacked bar chart of the RAG status of actions and indicators for each strategic outcome in {report.Period}. {described}. The same figures are in Appendix A.",
            rows.Select(Code).ToList(),
            series));
        write.Styled("Caption", "RAG status of actions and indicators by strategic outcome (actions and indicators together). The figures are in Appendix A.");
    }

    private static string Code(OutcomeCounts row) => row.Code is { Length: > 0 } code ? code : row.Outcome;

    /// <summary>
    /// One Red or key Amber in full: figures and direction, the owner's words, the revised date, and for an indicator
    /// its trend beside them (text on the left, the chart on the right, as a board paper's performance card).
    /// </summary>
    private static void Exception(Writer write, Concern concern)
    {
        write.Heading(2, $"{concern.Ref} {concern.Title} ({concern.Rag})");
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
            concern.Rag + (concern.KeyBecause is { } because ? $", key Amber ({because})" : string.Empty),
            concern.Outcome,
            $"{concern.Owner}, {concern.Agency}",
        }));
        if (concern.Figures is { Length: > 0 } figures)
        {
            // The figures already give the change on last year; the direction follows with its significance.
            write.Fact("Figures", figures + (concern.Direction is { } direction ? $"; {direction.ToLowerInvariant()}" : string.Empty));
        }

        if (concern.Variation is { } variation)
        {
            write.Fact("Variation", variation);
        }

        if (concern.TargetNote is { } note)
        {
            write.Fact("Target", note);
        }

        if (concern.Restricted)
        {
            write.Fact("Commentary", "restricted (held by the performance officer)");
        }
        else
        {
            write.Fact("Commentary", concern.Commentary ?? "no return received");
            if (concern.Measures is { Length: > 0 } measures)
            {
                write.Fact("Measures to improve", measures);
            }
        }

        if (concern.RevisedDate is { } revised)
        {
            write.Fact("Revised date", revised);
        }
    }

    private static Paragraph TrendChart(Writer write, Concern concern, decimal target)
    {
        var unit = concern.Unit is { Length: > 0 } u ? $" ({u})" : string.Empty;
        var shown = string.Join(", ", concern.Trend.Select(t => $"{t.Period} {(t.Actual is { } a ? ExceptionReport.WithUnit(a, concern.Unit) : "no figure")}"));
        return WordCharts.Lines(
            write.Main,
            write.NextId(),
            $"Last {concern.Trend.Count} quarters{unit}",
            $"Line chart of {concern.Ref} {concern.Title} over the last {concern.Trend.Count} quarters against its target of {ExceptionReport.WithUnit(target, concern.Unit)}: {shown}. The same figures are in Appendix C.",
            concern.Trend.Select(t => t.Period).ToList(),
            [
                new ChartSeries(concern.Ref, "1F4E79", concern.Trend.Select(t => t.Actual).ToList()),
                new ChartSeries("Target", "7F7F7F", concern.Trend.Select(_ => (decimal?)target).ToList(), Dashed: true),
            ],
            widthCm: TrendChartWidthCm);
    }

    /// <summary>
    /// An indicator's SPC chart beside its text: the figures, the mean, the process limits (named trial limits while
    /// there are fewer than twelve points), the target, and special-cause points drawn over the figures with their own
    /// marker and colour (a triangle for concern, a diamond for improvement, a square otherwise).
    /// </summary>
    /// <summary>The SPC charts' key, written once before them: a legend in each narrow chart left no room for its plot.</summary>
    public const string SpcChartKey =
        "In each SPC chart the blue dots are the quarters' figures, the dark grey line their mean, the grey dashes the process limits (trial limits while there are fewer than 12 points) and the purple dashes the target; a special-cause point is marked by a triangle (concern), a diamond (improvement) or a square (an indicator with no better direction).";

    private static Paragraph SpcChart(Writer write, Concern concern, SpcChartFigures spc, decimal target)
    {
        var points = spc.Points;
        var limits = spc.Trial ? "trial limits" : "process limits";
        static decimal? D(double? value) => value is { } v ? (decimal)Math.Round(v, 2, MidpointRounding.AwayFromZero) : null;
        var series = new List<ChartSeries>
        {
            new(concern.Ref, "1F4E79", [.. points.Select(p => D(p.Value))]),
            new("Mean", "404040", [.. points.Select(p => D(p.Mean))]) { Marker = DocumentFormat.OpenXml.Drawing.Charts.MarkerStyleValues.None },
            new(spc.Trial ? "Trial limits" : "Limits", "7F7F7F", [.. points.Select(p => D(p.Upper))], Dashed: true),
            new("Lower limit", "7F7F7F", [.. points.Select(p => D(p.Lower))], Dashed: true),
            new("Target", "7030A0", [.. points.Select(_ => (decimal?)target)], Dashed: true),
        };
        foreach (var (kind, name, color, marker) in new[]
        {
            ("concern", "Concern", "ED7D31", DocumentFormat.OpenXml.Drawing.Charts.MarkerStyleValues.Triangle),
            ("improvement", "Improvement", "2F5597", DocumentFormat.OpenXml.Drawing.Charts.MarkerStyleValues.Diamond),
            ("variation", "Special cause", "7F6000", DocumentFormat.OpenXml.Drawing.Charts.MarkerStyleValues.Square),
        })
        {
            if (points.Any(p => p.Kind == kind))
            {
                series.Add(new ChartSeries(name, color, [.. points.Select(p => p.Kind == kind ? D(p.Value) : null)]) { Marker = marker, NoLine = true });
            }
        }

        var unit = concern.Unit is { Length: > 0 } u ? $" ({u})" : string.Empty;
        var segment = points.FirstOrDefault(p => p.Mean is not null);
        var shown = string.Join(", ", points.Select(p => $"{p.Period} {Figure(p.Value)}" + (p.SpecialCause is { } rules ? $" (special cause {p.Kind}: {rules})" : string.Empty)));
        var described = segment is null
            ? "too few points for a mean or process limits"
            : $"mean {Figure(segment.Mean!.Value)}, {limits} {Figure(segment.Lower!.Value)} to {Figure(segment.Upper!.Value)}" + (spc.SegmentStart is { } start ? $", from the rebase at {start}" : string.Empty);
        return WordCharts.Lines(
            write.Main,
            write.NextId(),
            $"SPC chart{unit}",
            $"SPC chart (XmR) of {concern.Ref} {concern.Title} over the last {points.Count} quarters against its target of {ExceptionReport.WithUnit(target, concern.Unit)}: {shown}; {described}. Special-cause points are marked with a triangle (concern) or a diamond (improvement). {concern.Variation}. The same figures are in Appendix C.",
            [.. points.Select(p => p.Period)],
            series,
            widthCm: TrendChartWidthCm,
            heightCm: 3.3,
            legend: false);
    }

    private static string Figure(double value) => value.ToString("#,##0.##", CultureInfo.GetCultureInfo("en-GB"));

    private static void Appendices(Writer write, ExceptionReport report)
    {
        write.Heading(1, "Appendix A. Scorecard by strategic outcome");
        write.Text("Actions (by the status their owners gave) and indicators (by their computed RAG) for each strategic outcome.");
        write.Table(
            "Scorecard by strategic outcome",
            [("Strategic outcome", 31), ("Actions Red", 9), ("Actions Amber", 9), ("Actions Green", 9), ("Actions Complete", 10), ("Indicators Red", 10), ("Indicators Amber", 11), ("Indicators Green", 11)],
            report.Scorecard.Select(r => new[]
            {
                r.Outcome, Number(r.ActionsRed), Number(r.ActionsAmber), Number(r.ActionsGreen), Number(r.ActionsComplete), Number(r.IndicatorsRed), Number(r.IndicatorsAmber), Number(r.IndicatorsGreen),
            }),
            LandscapeText,
            ragColumns: null);

        write.Heading(1, "Appendix B. Project highlight table");
        write.Text("Every delivery plan action with its status, owner, agency and revised date.");
        write.Table(
            "Project highlight table",
            [("Ref", 8), ("Action", 37), ("Outcome", 8), ("Status", 10), ("Owner", 14), ("Agency", 13), ("Revised date", 10)],
            report.Actions.Select(a => new[] { a.Ref, a.Title, a.Outcome, a.Status, a.Owner, a.Agency, a.RevisedDate ?? string.Empty }),
            LandscapeText,
            ragColumns: [3]);

        write.Heading(1, "Appendix C. Indicators");
        write.Text("Every indicator with this quarter's figure, its target, the same quarter last year, the change in London and in the Most Similar Group (MSG), its RAG, its direction of travel (and whether the change is significant), its variation and its assurance.");
        write.Table(
            "Indicators",
            [("Ref", 6), ("Indicator", 20), ("Outcome", 6), ("Figure", 9), ("Target", 11), ("Last year", 7), ("London", 6), ("MSG", 5), ("RAG", 6), ("Direction", 9), ("Variation", 8), ("Assurance", 7)],
            report.Indicators.Select(i => new[] { i.Ref, i.Title, i.Outcome, i.Figure, i.TargetNote is { } note ? $"{i.Target}; {note}" : i.Target, i.LastYear, i.London, i.Msg, i.Rag, i.Direction, i.Variation, i.Assurance }),
            LandscapeText,
            ragColumns: [8]);
        write.Heading(2, "How to read the variation and assurance columns");
        write.Text("The columns follow NHS England's Making Data Count method: each indicator's quarters are drawn as an XmR (statistical process control) chart, with a mean and process limits at the mean ± 2.66 times the average moving range (trial limits while there are fewer than 12 quarters; none before 6).");
        write.Text("Variation says whether the latest quarter is ordinary: Common cause (CC), no more than the usual ups and downs; Concern (C) or Improvement (I), special cause, flagged by a point beyond a limit, 7 quarters in a row on one side of the mean, 7 rising or falling in a row, or two of three near a limit; Special cause (S) where the indicator has no better direction; Too few points (–).");
        write.Text("Assurance says whether the process will meet the target: Pass (P), the target lies beyond the limit on the bad side, so it is met consistently; Fail (F), beyond the limit on the good side, so it is missed consistently unless something changes; Hit and miss (H), within the limits; Not assessed (–), without limits. A change on last year is significant when z = 2(√now − √last year) is at least 3 (possibly significant from 2); percentages and rates are not tested.");
        if (report.Indicators.Any(i => i.Counted))
        {
            write.Text($"Figures marked “{Police.PoliceData.SourceLabel}” were counted by CspBot from the police's street-level crime data. {Police.PoliceData.Attribution}");
        }

        // The figures of the SPC charts in the body, a quarter a column.
        var charted = report.Concerns.Where(c => c.Kind == "Indicator" && c.Target is not null && c.Spc is not null).ToList();
        if (charted.Count > 0)
        {
            write.Heading(2, "SPC charts of the Red and key Amber indicators");
            write.Text("The figures of the charts in section 4: each indicator's latest quarters with the mean and process limits of its current segment, its target and the special-cause points.");
            foreach (var concern in charted)
            {
                var points = concern.Spc!.Points;
                var target = ScorecardCard.Number(concern.Target!.Value);
                string Cell(double? value) => value is { } v ? Figure(v) : "–";
                write.Table(
                    $"{concern.Ref} {concern.Title}, by quarter" + (concern.Unit is { Length: > 0 } u ? $" ({u})" : string.Empty) + (concern.Spc.Trial ? "; trial limits" : string.Empty),
                    [.. points.Select(p => (p.Period, 86 / points.Count)).Prepend((string.Empty, 14))],
                    [
                        ["Figure", .. points.Select(p => Figure(p.Value))],
                        ["Mean", .. points.Select(p => Cell(p.Mean))],
                        [concern.Spc.Trial ? "Lower trial limit" : "Lower limit", .. points.Select(p => Cell(p.Lower))],
                        [concern.Spc.Trial ? "Upper trial limit" : "Upper limit", .. points.Select(p => Cell(p.Upper))],
                        ["Target", .. points.Select(_ => target)],
                        ["Special cause", .. points.Select(p => p.Kind is { } kind ? $"{kind} ({p.SpecialCause})" : "–")],
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

        write.Heading(2, "Trends of the Red and key Amber indicators");
        write.Text("The figures of the charts in section 4: each indicator's last eight quarters against its target.");
        foreach (var concern in trended)
        {
            var target = ScorecardCard.Number(concern.Target!.Value);
            write.Table(
                $"{concern.Ref} {concern.Title}, by quarter" + (concern.Unit is { Length: > 0 } u ? $" ({u})" : string.Empty),
                [.. concern.Trend.Select(t => (t.Period, 88 / concern.Trend.Count)).Prepend((string.Empty, 12))],
                [
                    ["Figure", .. concern.Trend.Select(t => t.Actual is { } a ? ScorecardCard.Number(a) : "none")],
                    ["Target", .. concern.Trend.Select(_ => target)],
                ],
                LandscapeText);
        }
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

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    private static Run Run(string text, bool bold = false) => bold
        ? new(new RunProperties(new Bold()), new Text(FreeText.Writable(text)) { Space = SpaceProcessingModeValues.Preserve })
        : new(new Text(FreeText.Writable(text)) { Space = SpaceProcessingModeValues.Preserve });

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
            if (bold)
            {
                xml.WriteStartElement("w", "rPr", W);
                xml.WriteElementString("w", "b", W, null);
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
        private static string? Fill(string rag) => rag switch
        {
            "Red" => "F4CCCC",
            "Amber" => "FCE5CD",
            "Green" or "Complete" => "D9EAD3",
            _ => null,
        };
    }
}
