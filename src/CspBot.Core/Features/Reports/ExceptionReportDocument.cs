using CspBot.Core.Domain;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace CspBot.Core.Features.Reports;

/// <summary>Writes the exception report as a Word document the officer can take to the board without re-typing.</summary>
public static class ExceptionReportDocument
{
    public static byte[] Write(ExceptionReport report)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var body = new Body();
            main.Document = new Document(body);

            body.Append(Paragraph(report.ProtectiveMarking, bold: true));
            body.Append(Paragraph($"{report.Partnership}", bold: true, size: 22));
            if (report.Board is { Length: > 0 } board)
            {
                body.Append(Paragraph($"Report for: {board}"));
            }

            if (report.ReportOf is { Length: > 0 } officer)
            {
                body.Append(Paragraph($"Report of: {officer}"));
            }

            body.Append(Paragraph($"{report.Period} Performance and Project Exception Report", bold: true, size: 32));
            body.Append(Paragraph($"Period: {report.Months} · Returns deadline: {report.Deadline} · Compiled {report.CompiledAt} (version {report.Version})", italic: true, size: 20));

            body.Append(Heading("1. Purpose"));
            body.Append(Paragraph(report.Purpose));

            body.Append(Heading("2. Summary highlights"));
            foreach (var line in report.Highlights)
            {
                body.Append(Paragraph("• " + line));
            }

            body.Append(Paragraph("Scorecard by strategic outcome (actions and indicators by RAG status):", italic: true, size: 20));
            body.Append(ScorecardTable(report.Scorecard));

            body.Append(Heading("3. Areas of concern"));
            if (report.Concerns.Count == 0)
            {
                body.Append(Paragraph("There are no Red or Amber items this quarter."));
            }

            foreach (var concern in report.Concerns)
            {
                body.Append(Paragraph($"{concern.Rag} · {concern.Kind} {concern.Ref}: {concern.Title}", bold: true, color: concern.Rag == "Red" ? "C00000" : "C55A11"));
                body.Append(Paragraph($"{concern.Outcome} · {concern.Owner}, {concern.Agency}", italic: true, size: 20));
                if (concern.Figures is { Length: > 0 } figures)
                {
                    body.Append(Paragraph("Figures: " + figures));
                }

                body.Append(Paragraph("Commentary: " + (concern.Restricted ? "restricted (held by the performance officer)" : concern.Commentary ?? "no return received")));
                if (!concern.Restricted && concern.Measures is { Length: > 0 } measures)
                {
                    body.Append(Paragraph("Measures to improve: " + measures));
                }

                if (concern.RevisedDate is { } revised)
                {
                    body.Append(Paragraph("Revised date: " + revised));
                }
            }

            body.Append(Heading("4. Missing returns"));
            if (report.Missing.Count == 0)
            {
                body.Append(Paragraph("All returns were received."));
            }

            foreach (var missing in report.Missing)
            {
                body.Append(Paragraph($"• {missing.Owner} ({missing.Agency}): {string.Join(", ", missing.Refs)}"));
            }

            body.Append(Heading("5. Future monitoring"));
            foreach (var line in report.FutureMonitoring)
            {
                body.Append(Paragraph("• " + line));
            }

            main.Document.Save();
        }

        return stream.ToArray();
    }

    private const string RedFill = "F4CCCC";
    private const string AmberFill = "FCE5CD";
    private const string GreenFill = "D9EAD3";

    private static Table ScorecardTable(IReadOnlyList<OutcomeCounts> rows)
    {
        var table = new Table(new TableProperties(
            new TableBorders(
                new TopBorder { Val = BorderValues.Single, Size = 4 },
                new BottomBorder { Val = BorderValues.Single, Size = 4 },
                new LeftBorder { Val = BorderValues.Single, Size = 4 },
                new RightBorder { Val = BorderValues.Single, Size = 4 },
                new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 },
                new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 }),
            new TableWidth { Type = TableWidthUnitValues.Pct, Width = "5000" }));
        table.Append(Row(("Strategic outcome", "D9D9D9"), ("Actions Red", RedFill), ("Amber", AmberFill), ("Green", GreenFill), ("Complete", GreenFill), ("Indicators Red", RedFill), ("Amber", AmberFill), ("Green", GreenFill)));
        foreach (var r in rows)
        {
            table.Append(Row((r.Outcome, null), Count(r.ActionsRed, RedFill), Count(r.ActionsAmber, AmberFill), Count(r.ActionsGreen, GreenFill), Count(r.ActionsComplete, GreenFill),
                Count(r.IndicatorsRed, RedFill), Count(r.IndicatorsAmber, AmberFill), Count(r.IndicatorsGreen, GreenFill)));
        }

        return table;

        static (string, string?) Count(int value, string fill) => (value.ToString(System.Globalization.CultureInfo.InvariantCulture), value > 0 ? fill : null);
    }

    private static TableRow Row(params (string Text, string? Fill)[] cells) =>
        new(cells.Select(c =>
        {
            var properties = new TableCellProperties();
            if (c.Fill is not null)
            {
                properties.Append(new Shading { Val = ShadingPatternValues.Clear, Fill = c.Fill });
            }

            return new TableCell(properties, Paragraph(c.Text, size: 18));
        }));

    private static Paragraph Heading(string text) => Paragraph(text, bold: true, size: 26, spaceBefore: 240);

    private static Paragraph Paragraph(string text, bool bold = false, bool italic = false, int size = 22, string? color = null, int spaceBefore = 0)
    {
        var properties = new RunProperties();
        if (bold)
        {
            properties.Append(new Bold());
        }

        if (italic)
        {
            properties.Append(new Italic());
        }

        if (color is not null)
        {
            properties.Append(new Color { Val = color });
        }

        properties.Append(new FontSize { Val = size.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        return new Paragraph(
            new ParagraphProperties(new SpacingBetweenLines { Before = spaceBefore.ToString(System.Globalization.CultureInfo.InvariantCulture), After = "80" }),
            new Run(properties, new Text(FreeText.Writable(text)) { Space = SpaceProcessingModeValues.Preserve }));
    }
}
