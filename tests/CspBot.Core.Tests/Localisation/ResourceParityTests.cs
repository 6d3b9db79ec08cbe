using System.Text.RegularExpressions;
using System.Xml.Linq;
using CspBot.Core.Tests.Support;

namespace CspBot.Core.Tests.Localisation;

/// <summary>
/// Issue 28: every word file of the product (src/**/Name.resx, English) has its Welsh file (Name.cy.resx) with the same
/// sentences, each with the same placeholders; a counted sentence has its English forms (_one, _other) and Welsh ones
/// (at least _other). A sentence missing in Welsh would be shown in English without anyone noticing.
/// </summary>
public sealed partial class ResourceParityTests
{
    private static readonly string[] PluralSuffixes = ["_zero", "_one", "_two", "_few", "_many", "_other"];

    public static TheoryData<string> WordFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(RepositoryFiles.PathOf("src"), "*.resx", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".cy.resx", StringComparison.Ordinal) && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(RepositoryFiles.Root, file));
        }

        return data;
    }

    [Fact]
    public void TheProductHasWordFiles() => Assert.True(WordFiles().Count >= 6);

    [Theory]
    [MemberData(nameof(WordFiles))]
    public void EveryEnglishSentence_HasItsWelsh_WithTheSamePlaceholders(string file)
    {
        var english = Read(RepositoryFiles.PathOf(file));
        var welshFile = RepositoryFiles.PathOf(file[..^".resx".Length] + ".cy.resx");
        Assert.True(File.Exists(welshFile), $"{file} has no Welsh file beside it");
        var welsh = Read(welshFile);

        var problems = new List<string>();
        foreach (var group in english.Keys.Union(welsh.Keys).GroupBy(Base))
        {
            var englishForms = group.Where(english.ContainsKey).ToList();
            var welshForms = group.Where(welsh.ContainsKey).ToList();
            var plural = group.Any(k => k != group.Key);
            if (englishForms.Count == 0)
            {
                problems.Add($"{group.Key}: in Welsh only");
                continue;
            }

            if (welshForms.Count == 0)
            {
                problems.Add($"{group.Key}: no Welsh");
                continue;
            }

            if (plural && (!english.ContainsKey(group.Key + "_other") || !english.ContainsKey(group.Key + "_one") || !welsh.ContainsKey(group.Key + "_other")))
            {
                problems.Add($"{group.Key}: a counted sentence needs English _one and _other and Welsh _other");
            }

            if (!plural && welshForms.Count != 1)
            {
                problems.Add($"{group.Key}: not the same key in both files");
            }

            // Every form of a sentence uses the same placeholders (a Welsh form may leave out {0}, the count, as English "one" may).
            var expected = englishForms.SelectMany(k => Placeholders(english[k])).Where(p => !plural || p != 0).ToHashSet();
            foreach (var key in welshForms)
            {
                var found = Placeholders(welsh[key]).Where(p => !plural || p != 0).ToHashSet();
                if (!found.SetEquals(expected))
                {
                    problems.Add($"{key}: Welsh has placeholders {{{string.Join(",", found.Order())}}}, English {{{string.Join(",", expected.Order())}}}");
                }
            }
        }

        Assert.True(problems.Count == 0, $"{file}:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void APlaceholderCheck_FindsWhatIsMissing()
    {
        Assert.Equal([0, 2], Placeholders("{0} o {2:N0} eitem, {{literal}}").Order());
        Assert.Equal("Items", Base("Items_few"));
        Assert.Equal("Items_due", Base("Items_due"));
    }

    private static Dictionary<string, string> Read(string path) =>
        XDocument.Load(path).Root!.Elements("data")
            .Where(d => d.Attribute("type") is null)
            .ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")?.Value ?? "", StringComparer.Ordinal);

    private static string Base(string key) =>
        PluralSuffixes.FirstOrDefault(s => key.EndsWith(s, StringComparison.Ordinal)) is { } suffix ? key[..^suffix.Length] : key;

    private static IEnumerable<int> Placeholders(string text) =>
        Placeholder().Matches(text.Replace("{{", "", StringComparison.Ordinal).Replace("}}", "", StringComparison.Ordinal))
            .Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).Distinct();

    [GeneratedRegex(@"\{(\d+)(?:[,:][^}]*)?\}")]
    private static partial Regex Placeholder();
}
