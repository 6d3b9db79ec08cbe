using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace CspBot.Core.Features.Reports;

/// <summary>
/// The board paper's styles and lists: real Title and Heading 1–3 styles (outline levels, so Word's navigation pane
/// and screen readers see the structure), a body style in en-GB (cy-GB for a Welsh paper), and a table style whose header row is set apart.
/// </summary>
public static class BoardPaperStyles
{
    public const string TableStyle = "PaperTable";
    public const int BulletList = 1;
    public const int NumberedList = 2;

    private const string Ink = "1B3A5C";

    /// <param name="language">The language Word checks the text in: "en-GB", or "cy-GB" for a Welsh (or Welsh-first) paper.</param>
    public static void AddTo(MainDocumentPart main, string language = "en-GB")
    {
        var styles = main.AddNewPart<StyleDefinitionsPart>();
        styles.Styles = new Styles(
            new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle(
                    new RunFonts { Ascii = "Arial", HighAnsi = "Arial", ComplexScript = "Arial", EastAsia = "Arial" },
                    new FontSize { Val = "22" },
                    new FontSizeComplexScript { Val = "22" },
                    new Languages { Val = language, EastAsia = "en-GB", Bidi = "ar-SA" })),
                new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(new SpacingBetweenLines { After = "120", Line = "264", LineRule = LineSpacingRuleValues.Auto }))),
            Paragraph("Normal", "Normal", null, null, isDefault: true),
            Paragraph("Title", "Title", new StyleParagraphProperties(new SpacingBetweenLines { Before = "120", After = "240" }), new StyleRunProperties(new Bold(), new Color { Val = Ink }, new FontSize { Val = "40" }, new FontSizeComplexScript { Val = "40" })),
            Paragraph("Subtitle", "Subtitle", new StyleParagraphProperties(new SpacingBetweenLines { After = "60" }), new StyleRunProperties(new Bold(), new Color { Val = Ink }, new FontSize { Val = "26" }, new FontSizeComplexScript { Val = "26" })),
            Heading(1, "32", before: "360"),
            Heading(2, "24", before: "160"),
            Heading(3, "22", before: "200"),
            Paragraph("Fact", "Fact", new StyleParagraphProperties(new SpacingBetweenLines { After = "40" }), null),
            Paragraph("ListParagraph", "List Paragraph", new StyleParagraphProperties(new SpacingBetweenLines { After = "60" }, new Indentation { Left = "720" }), null),
            Paragraph("Caption", "Caption", new StyleParagraphProperties(new KeepNext(), new SpacingBetweenLines { Before = "120", After = "60" }), new StyleRunProperties(new Bold(), new Color { Val = "404040" }, new FontSize { Val = "18" }, new FontSizeComplexScript { Val = "18" })),
            Paragraph("Header", "header", null, new StyleRunProperties(new Color { Val = "404040" }, new FontSize { Val = "18" }, new FontSizeComplexScript { Val = "18" })),
            Paragraph("Footer", "footer", null, new StyleRunProperties(new Color { Val = "404040" }, new FontSize { Val = "16" }, new FontSizeComplexScript { Val = "16" })),
            new Style(
                new StyleName { Val = "Paper Table" },
                new UIPriority { Val = 59 },
                // The table text (9 pt, no space after) from the table style, so no cell has to say it.
                new StyleParagraphProperties(new SpacingBetweenLines { After = "0", Line = "240", LineRule = LineSpacingRuleValues.Auto }),
                new StyleRunProperties(new FontSize { Val = "18" }, new FontSizeComplexScript { Val = "18" }),
                new StyleTableProperties(
                    new TableBorders(
                        new TopBorder { Val = BorderValues.Single, Size = 4, Color = "808080" },
                        new LeftBorder { Val = BorderValues.Single, Size = 4, Color = "808080" },
                        new BottomBorder { Val = BorderValues.Single, Size = 4, Color = "808080" },
                        new RightBorder { Val = BorderValues.Single, Size = 4, Color = "808080" },
                        new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4, Color = "808080" },
                        new InsideVerticalBorder { Val = BorderValues.Single, Size = 4, Color = "808080" }),
                    new TableCellMarginDefault(
                        new TopMargin { Width = "40", Type = TableWidthUnitValues.Dxa },
                        new TableCellLeftMargin { Width = 80, Type = TableWidthValues.Dxa },
                        new BottomMargin { Width = "40", Type = TableWidthUnitValues.Dxa },
                        new TableCellRightMargin { Width = 80, Type = TableWidthValues.Dxa })),
                new TableStyleProperties(
                    new RunPropertiesBaseStyle(new Bold()),
                    new TableStyleConditionalFormattingTableCellProperties(new Shading { Val = ShadingPatternValues.Clear, Color = "auto", Fill = "D9E2F3" }))
                { Type = TableStyleOverrideValues.FirstRow })
            {
                Type = StyleValues.Table,
                StyleId = TableStyle,
            });

        var numbering = main.AddNewPart<NumberingDefinitionsPart>();
        numbering.Numbering = new Numbering(
            List(BulletList, NumberFormatValues.Bullet, "•"),
            List(NumberedList, NumberFormatValues.Decimal, "%1."),
            new NumberingInstance(new AbstractNumId { Val = BulletList }) { NumberID = BulletList },
            new NumberingInstance(new AbstractNumId { Val = NumberedList }) { NumberID = NumberedList });
    }

    private static Style Heading(int level, string size, string before) => new(
        new StyleName { Val = $"heading {level}" },
        new BasedOn { Val = "Normal" },
        new NextParagraphStyle { Val = "Normal" },
        new UIPriority { Val = 9 },
        new PrimaryStyle(),
        new StyleParagraphProperties(new KeepNext(), new KeepLines(), new SpacingBetweenLines { Before = before, After = "120" }, new OutlineLevel { Val = level - 1 }),
        new StyleRunProperties(new Bold(), new Color { Val = Ink }, new FontSize { Val = size }, new FontSizeComplexScript { Val = size }))
    {
        Type = StyleValues.Paragraph,
        StyleId = $"Heading{level}",
    };

    private static Style Paragraph(string id, string name, StyleParagraphProperties? paragraph, StyleRunProperties? run, bool isDefault = false)
    {
        var style = new Style(new StyleName { Val = name }) { Type = StyleValues.Paragraph, StyleId = id };
        if (isDefault)
        {
            style.Default = true;
        }
        else
        {
            style.Append(new BasedOn { Val = "Normal" });
        }

        style.Append(new PrimaryStyle());
        if (paragraph is not null)
        {
            style.Append(paragraph);
        }

        if (run is not null)
        {
            style.Append(run);
        }

        return style;
    }

    private static AbstractNum List(int id, NumberFormatValues format, string text) => new(
        new MultiLevelType { Val = MultiLevelValues.SingleLevel },
        new Level(
            new StartNumberingValue { Val = 1 },
            new NumberingFormat { Val = format },
            new LevelText { Val = text },
            new LevelJustification { Val = LevelJustificationValues.Left },
            new PreviousParagraphProperties(new Indentation { Left = "720", Hanging = "360" }))
        { LevelIndex = 0 })
    {
        AbstractNumberId = id,
    };
}
