using System.Globalization;
using System.IO.Compression;
using System.Security;
using System.Text;
using CspBot.Core.Domain;
using CspBot.Core.Features.Localisation;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using A = DocumentFormat.OpenXml.Drawing;
using C = DocumentFormat.OpenXml.Drawing.Charts;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace CspBot.Core.Features.Reports;

/// <summary>One series of a chart: its name, colour (RGB hex) and a value per category (null: no figure).</summary>
public sealed record ChartSeries(string Name, string Color, IReadOnlyList<decimal?> Values, bool Dashed = false)
{
    /// <summary>The points' marker (a line chart): by default a circle, none on a dashed line.</summary>
    public C.MarkerStyleValues? Marker { get; init; }

    /// <summary>Markers only, no line between them (special-cause points drawn over the figures).</summary>
    public bool NoLine { get; init; }
}

/// <summary>
/// Native Word charts: a DrawingML chart part with its figures cached in the chart and embedded as a workbook, so the
/// officer can restyle the chart or edit its data in Word. Every chart carries alt text; the paper also gives its
/// figures in a table beside it.
/// </summary>
public static class WordCharts
{
    private const string ChartUri = "http://schemas.openxmlformats.org/drawingml/2006/chart";
    private const long EmuPerCm = 360000;
    private const double FullWidthCm = 16;

    /// <summary>Horizontal stacked bars, one bar per category (e.g. RAG counts per strategic outcome).</summary>
    public static W.Paragraph StackedBars(MainDocumentPart main, uint id, string title, string altText, IReadOnlyList<string> categories, IReadOnlyList<ChartSeries> series) =>
        Place(main, id, title, altText, categories, series, (cat, val) => new C.BarChart(
            [
                new C.BarDirection { Val = C.BarDirectionValues.Bar },
                new C.BarGrouping { Val = C.BarGroupingValues.Stacked },
                new C.VaryColors { Val = false },
                .. series.Select((s, i) => (OpenXmlElement)new C.BarChartSeries(
                    new C.Index { Val = (uint)i },
                    new C.Order { Val = (uint)i },
                    SeriesName(i, s.Name),
                    new C.ChartShapeProperties(new A.SolidFill(new A.RgbColorModelHex { Val = s.Color })),
                    new C.InvertIfNegative { Val = false },
                    Categories(categories),
                    Values(i, s.Values))),
                new C.GapWidth { Val = 60 },
                new C.Overlap { Val = 100 },
                new C.AxisId { Val = cat },
                new C.AxisId { Val = val },
            ]),
            // Bars read top to bottom in the categories' order, like the table beside them.
            categoryOrientation: C.OrientationValues.MaxMin,
            categoryPosition: C.AxisPositionValues.Left,
            valuePosition: C.AxisPositionValues.Bottom,
            heightCm: 1.8 + (0.65 * categories.Count));

    /// <summary>Lines over the categories (e.g. an indicator's last eight quarters against its target).</summary>
    /// <param name="legend">False for a chart whose key is written once in the text around it (the paper's SPC charts).</param>
    public static W.Paragraph Lines(MainDocumentPart main, uint id, string title, string altText, IReadOnlyList<string> categories, IReadOnlyList<ChartSeries> series, double widthCm = FullWidthCm, double heightCm = 4.0, bool legend = true) =>
        Place(main, id, title, altText, categories, series, (cat, val) => new C.LineChart(
            [
                new C.Grouping { Val = C.GroupingValues.Standard },
                new C.VaryColors { Val = false },
                .. series.Select((s, i) => (OpenXmlElement)new C.LineChartSeries(
                    new C.Index { Val = (uint)i },
                    new C.Order { Val = (uint)i },
                    SeriesName(i, s.Name),
                    new C.ChartShapeProperties(s.NoLine
                        ? new A.Outline(new A.NoFill())
                        : new A.Outline(new A.SolidFill(new A.RgbColorModelHex { Val = s.Color }), new A.PresetDash { Val = s.Dashed ? A.PresetLineDashValues.Dash : A.PresetLineDashValues.Solid }) { Width = 28575 }),
                    new C.Marker(
                        new C.Symbol { Val = s.Marker ?? (s.Dashed ? C.MarkerStyleValues.None : C.MarkerStyleValues.Circle) },
                        new C.Size { Val = (byte)(s.NoLine ? 8 : 6) },
                        new C.ChartShapeProperties(new A.SolidFill(new A.RgbColorModelHex { Val = s.Color }), new A.Outline(new A.SolidFill(new A.RgbColorModelHex { Val = s.Color })))),
                    Categories(categories),
                    Values(i, s.Values),
                    new C.Smooth { Val = false })),
                new C.ShowMarker { Val = true },
                new C.AxisId { Val = cat },
                new C.AxisId { Val = val },
            ]),
            categoryOrientation: C.OrientationValues.MinMax,
            categoryPosition: C.AxisPositionValues.Bottom,
            valuePosition: C.AxisPositionValues.Left,
            widthCm: widthCm,
            heightCm: heightCm,
            valueRange: Range(series.SelectMany(s => s.Values)),
            legend: legend);

    /// <summary>
    /// A value axis that shows the movement: round bounds a little beyond the lowest and highest figures, not from
    /// zero (a trend of 2,400 to 2,900 drawn from 0 is a flat line). Null when there are no figures.
    /// </summary>
    public static (double Min, double Max)? Range(IEnumerable<decimal?> values)
    {
        var figures = values.OfType<decimal>().Select(v => (double)v).ToList();
        if (figures.Count == 0)
        {
            return null;
        }

        double low = figures.Min(), high = figures.Max();
        var span = Math.Max(high - low, Math.Max(Math.Abs(high), 1) * 0.1);
        var step = Math.Pow(10, Math.Floor(Math.Log10(span / 2)));
        step *= span / step > 10 ? 5 : span / step > 4 ? 2 : 1;
        var min = Math.Floor((low - (span * 0.15)) / step) * step;
        return (low >= 0 ? Math.Max(0, min) : min, Math.Ceiling((high + (span * 0.15)) / step) * step);
    }

    private static W.Paragraph Place(
        MainDocumentPart main,
        uint id,
        string title,
        string altText,
        IReadOnlyList<string> categories,
        IReadOnlyList<ChartSeries> series,
        Func<uint, uint, OpenXmlCompositeElement> plot,
        C.OrientationValues categoryOrientation,
        C.AxisPositionValues categoryPosition,
        C.AxisPositionValues valuePosition,
        double heightCm,
        double widthCm = FullWidthCm,
        (double Min, double Max)? valueRange = null,
        bool legend = true)
    {
        var part = main.AddNewPart<ChartPart>();
        var workbook = part.AddEmbeddedPackagePart(EmbeddedPackagePartType.Xlsx);
        using (var data = new MemoryStream(Workbook(categories, series)))
        {
            workbook.FeedData(data);
        }

        const uint categoryAxis = 1, valueAxis = 2;
        var narrow = widthCm < FullWidthCm;
        part.ChartSpace = new C.ChartSpace(
            new C.Date1904 { Val = false },
            new C.EditingLanguage { Val = ExceptionReportDocument.Culture(Words.Current) },
            new C.RoundedCorners { Val = false },
            new C.Chart(
            [
                new C.Title(new C.ChartText(new C.RichText(new A.BodyProperties(), new A.ListStyle(), new A.Paragraph(new A.Run(new A.RunProperties { Language = ExceptionReportDocument.Culture(Words.Current), FontSize = narrow ? 800 : 1200, Bold = true }, new A.Text(FreeText.Writable(title)))))), new C.Overlay { Val = false }),
                new C.AutoTitleDeleted { Val = false },
                new C.PlotArea(
                    new C.Layout(),
                    plot(categoryAxis, valueAxis),
                    new C.CategoryAxis(
                        new C.AxisId { Val = categoryAxis },
                        new C.Scaling(new C.Orientation { Val = categoryOrientation }),
                        new C.Delete { Val = false },
                        new C.AxisPosition { Val = categoryPosition },
                        new C.MajorTickMark { Val = C.TickMarkValues.Outside },
                        new C.MinorTickMark { Val = C.TickMarkValues.None },
                        new C.TickLabelPosition { Val = C.TickLabelPositionValues.NextTo },
                        // A narrow chart slants its labels so that every quarter is named.
                        new C.TextProperties(narrow ? new A.BodyProperties { Rotation = -2700000, Vertical = A.TextVerticalValues.Horizontal } : new A.BodyProperties(), new A.ListStyle(), new A.Paragraph(new A.ParagraphProperties(new A.DefaultRunProperties { FontSize = 800 }), new A.EndParagraphRunProperties { Language = ExceptionReportDocument.Culture(Words.Current) })),
                        new C.CrossingAxis { Val = valueAxis },
                        new C.Crosses { Val = C.CrossesValues.AutoZero },
                        new C.AutoLabeled { Val = true },
                        new C.LabelAlignment { Val = C.LabelAlignmentValues.Center },
                        new C.LabelOffset { Val = 100 },
                        // Every category named: a renderer short of room would otherwise drop every other outcome.
                        new C.TickLabelSkip { Val = 1 },
                        new C.NoMultiLevelLabels { Val = false }),
                    new C.ValueAxis(
                        new C.AxisId { Val = valueAxis },
                        valueRange is { } range
                            ? new C.Scaling(new C.Orientation { Val = C.OrientationValues.MinMax }, new C.MaxAxisValue { Val = range.Max }, new C.MinAxisValue { Val = range.Min })
                            : new C.Scaling(new C.Orientation { Val = C.OrientationValues.MinMax }),
                        new C.Delete { Val = false },
                        new C.AxisPosition { Val = valuePosition },
                        new C.MajorGridlines(),
                        new C.NumberingFormat { FormatCode = "General", SourceLinked = true },
                        new C.MajorTickMark { Val = C.TickMarkValues.Outside },
                        new C.MinorTickMark { Val = C.TickMarkValues.None },
                        new C.TickLabelPosition { Val = C.TickLabelPositionValues.NextTo },
                        new C.CrossingAxis { Val = categoryAxis },
                        new C.Crosses { Val = C.CrossesValues.AutoZero },
                        new C.CrossBetween { Val = C.CrossBetweenValues.Between })),
                .. (legend ? new OpenXmlElement[] { Legend(narrow) } : []),
                new C.PlotVisibleOnly { Val = true },
                new C.DisplayBlanksAs { Val = C.DisplayBlanksAsValues.Gap },
            ]),
            new C.ExternalData(new C.AutoUpdate { Val = false }) { Id = part.GetIdOfPart(workbook) });

        var inline = new DW.Inline(
            new DW.Extent { Cx = (long)(widthCm * EmuPerCm), Cy = (long)(heightCm * EmuPerCm) },
            new DW.EffectExtent { LeftEdge = 0, TopEdge = 0, RightEdge = 0, BottomEdge = 0 },
            new DW.DocProperties { Id = id, Name = $"Chart {id}", Description = FreeText.Writable(altText) },
            new DW.NonVisualGraphicFrameDrawingProperties(),
            new A.Graphic(new A.GraphicData(new C.ChartReference { Id = main.GetIdOfPart(part) }) { Uri = ChartUri }))
        {
            DistanceFromTop = 0,
            DistanceFromBottom = 0,
            DistanceFromLeft = 0,
            DistanceFromRight = 0,
        };
        return new W.Paragraph(new W.ParagraphProperties(new W.KeepNext()), new W.Run(new W.Drawing(inline)));
    }

    /// <summary>
    /// The legend below the plot, in smaller type on a narrow chart (to the right it took a narrow chart's whole width
    /// once a special-cause entry joined the series, and the plot vanished).
    /// </summary>
    private static C.Legend Legend(bool narrow) => new(
    [
        new C.LegendPosition { Val = C.LegendPositionValues.Bottom },
        new C.Overlay { Val = false },
        new C.TextProperties(new A.BodyProperties(), new A.ListStyle(), new A.Paragraph(new A.ParagraphProperties(new A.DefaultRunProperties { FontSize = narrow ? 700 : 900 }), new A.EndParagraphRunProperties { Language = ExceptionReportDocument.Culture(Words.Current) })),
    ]);

    private static C.SeriesText SeriesName(int index, string name) =>
        new(new C.StringReference(new C.Formula($"Sheet1!${Column(index + 1)}$1"), new C.StringCache(new C.PointCount { Val = 1 }, new C.StringPoint(new C.NumericValue(FreeText.Writable(name))) { Index = 0 })));

    private static C.CategoryAxisData Categories(IReadOnlyList<string> categories) =>
        new(new C.StringReference(
            new C.Formula($"Sheet1!$A$2:$A${categories.Count + 1}"),
            new C.StringCache([new C.PointCount { Val = (uint)categories.Count }, .. categories.Select((c, k) => new C.StringPoint(new C.NumericValue(FreeText.Writable(c))) { Index = (uint)k })])));

    private static C.Values Values(int index, IReadOnlyList<decimal?> values)
    {
        var column = Column(index + 1);
        return new C.Values(new C.NumberReference(
            new C.Formula($"Sheet1!${column}$2:${column}${values.Count + 1}"),
            new C.NumberingCache(
            [
                new C.FormatCode("General"),
                new C.PointCount { Val = (uint)values.Count },
                .. values.Select((v, k) => (Value: v, Index: k)).Where(p => p.Value is not null)
                    .Select(p => new C.NumericPoint(new C.NumericValue(p.Value!.Value.ToString(CultureInfo.InvariantCulture))) { Index = (uint)p.Index }),
            ])));
    }

    /// <summary>
    /// The chart's data as a one-sheet workbook (categories in column A, a column per series, names in row 1), written
    /// as its five parts directly: a chart needs only this, and building it through a package API costs a board paper
    /// with a hundred trend charts most of its time.
    /// </summary>
    private static byte[] Workbook(IReadOnlyList<string> categories, IReadOnlyList<ChartSeries> series)
    {
        var sheet = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
        sheet.Append("<row r=\"1\">").Append(TextCell("A1", string.Empty));
        for (var i = 0; i < series.Count; i++)
        {
            sheet.Append(TextCell($"{Column(i + 1)}1", series[i].Name));
        }

        sheet.Append("</row>");
        for (var k = 0; k < categories.Count; k++)
        {
            var r = k + 2;
            sheet.Append(CultureInfo.InvariantCulture, $"<row r=\"{r}\">").Append(TextCell($"A{r}", categories[k]));
            for (var i = 0; i < series.Count; i++)
            {
                if (series[i].Values[k] is { } value)
                {
                    sheet.Append(CultureInfo.InvariantCulture, $"<c r=\"{Column(i + 1)}{r}\"><v>{value.ToString(CultureInfo.InvariantCulture)}</v></c>");
                }
            }

            sheet.Append("</row>");
        }

        sheet.Append("</sheetData></worksheet>");

        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            Entry(zip, "[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>");
            Entry(zip, "_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
            Entry(zip, "xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
            Entry(zip, "xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>");
            Entry(zip, "xl/worksheets/sheet1.xml", sheet.ToString());
        }

        return stream.ToArray();

        static string TextCell(string reference, string text) =>
            $"<c r=\"{reference}\" t=\"inlineStr\"><is><t xml:space=\"preserve\">{SecurityElement.Escape(FreeText.Writable(text))}</t></is></c>";

        // Stored, not deflated: the document's package compresses the whole workbook part once, and a deflater for each
        // of a paper's few hundred small entries cost more time than it saved bytes.
        static void Entry(ZipArchive zip, string name, string xml)
        {
            using var writer = new StreamWriter(zip.CreateEntry(name, CompressionLevel.NoCompression).Open(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            writer.Write(xml);
        }
    }

    private static string Column(int index) => ((char)('A' + index)).ToString();
}
