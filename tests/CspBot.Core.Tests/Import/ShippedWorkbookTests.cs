using CspBot.Testing;
using CspBot.Core.Tests.Support;
using DocumentFormat.OpenXml.Packaging;

namespace CspBot.Core.Tests.Import;

/// <summary>Every workbook the project ships opens in Excel without a repair prompt: 0 errors from the Open XML SDK's validator.</summary>
public class ShippedWorkbookTests
{
    public static TheoryData<string> Workbooks() =>
        [.. Directory.GetFiles(RepositoryFiles.PathOf("samples"), "*.xlsx", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(RepositoryFiles.Root, f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Workbooks))]
    public void Workbook_HasNoErrorsFromTheOpenXmlValidator(string file)
    {
        using var workbook = SpreadsheetDocument.Open(RepositoryFiles.PathOf(file), false);

        var errors = OpenXmlCheck.Errors(workbook);

        Assert.True(errors.Count == 0, string.Join("\n", errors.Take(20)));
    }
}
