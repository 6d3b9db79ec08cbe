using CspBot.Core.Features.Audit;

namespace CspBot.Core.Tests.Audit;

/// <summary>The audit CSV keeps numbers numeric and defuses only text that Excel would run as a formula.</summary>
public sealed class AuditCellTests
{
    [Theory]
    [InlineData("-3", "-3")]
    [InlineData("+2.5", "+2.5")]
    [InlineData("36.1", "36.1")]
    [InlineData("-0.75", "-0.75")]
    [InlineData("=HYPERLINK(\"http://evil\")", "'=HYPERLINK(\"http://evil\")")]
    [InlineData("=cmd|'/c calc'!A1", "'=cmd|'/c calc'!A1")]
    [InlineData("+44 20 7946 0000", "'+44 20 7946 0000")]
    [InlineData("-fixed", "'-fixed")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("Green", "Green")]
    [InlineData("", "")]
    public void Cell_KeepsNumbers_AndEscapesFormulas(string value, string expected) =>
        Assert.Equal(expected, AuditExport.Cell(value));

    [Fact]
    public void Cell_OfNothing_IsNothing() => Assert.Null(AuditExport.Cell(null));
}
