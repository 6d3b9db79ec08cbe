using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CspBot.Deployment.Tests.Support;

namespace CspBot.Deployment.Tests.Teams;

/// <summary>
/// The Welsh localisation of the Teams app (issue 28): the manifest's localizationInfo names cy.json, the package
/// carries it beside manifest.json, every key in it is a localisable string the manifest has, within Teams' limits,
/// and in Welsh rather than a copy of the English. Command titles are the words typed to the bot, which reads English
/// commands, so they stay English (the one Welsh title is a word the bot itself accepts).
/// </summary>
public sealed partial class TeamsLocalisationTests(TeamsPackage package) : IClassFixture<TeamsPackage>
{
    private const string WelshFile = "cy.json";

    /// <summary>
    /// Command titles that are Welsh words in cy.json; every other title is the English command, unchanged. The language
    /// command answers to both "language" and "iaith" (issue 28), so a Welsh speaker taps the Welsh word.
    /// </summary>
    private static readonly Dictionary<string, string> WelshTitles = new(StringComparer.Ordinal) { ["language"] = "iaith" };

    private JsonObject Manifest => package.Manifest;

    private JsonObject Welsh => JsonNode.Parse(package.Entries[WelshFile])!.AsObject();

    [Fact]
    public void Manifest_IsBritishEnglish_WithWelshAsItsOneOtherLanguage()
    {
        var info = Manifest["localizationInfo"]!.AsObject();
        Assert.Equal("en-GB", (string?)info["defaultLanguageTag"]);
        Assert.Null(info["defaultLanguageFile"]); // the English strings are the manifest's own
        var language = Assert.Single(info["additionalLanguages"]!.AsArray())!;
        Assert.Equal("cy", (string?)language["languageTag"]);
        Assert.Equal(WelshFile, (string?)language["file"]);
    }

    [Fact]
    public void Package_HoldsTheWelshFile_AtItsRoot_AsTheRepositoryHasIt()
    {
        Assert.Contains(WelshFile, package.Entries.Keys);
        var inRepository = JsonNode.Parse(File.ReadAllText(Repository.PathOf("manifests", "teams", WelshFile)));
        Assert.True(JsonNode.DeepEquals(inRepository, Welsh), "cy.json in the package is not the one in manifests/teams");
        Assert.DoesNotContain("${{", System.Text.Encoding.UTF8.GetString(package.Entries[WelshFile]), StringComparison.Ordinal);
    }

    [Fact]
    public void WelshFile_UsesTheLocalizationSchema_OfTheManifestsVersion()
    {
        var version = (string)Manifest["manifestVersion"]!;
        Assert.Equal(
            $"https://developer.microsoft.com/en-us/json-schemas/teams/v{version}/MicrosoftTeams.Localization.schema.json",
            (string?)Welsh["$schema"]);
    }

    [Fact]
    public void WelshFile_HasTheFourRequiredStrings_AndEveryKeyIsAStringTheManifestHas()
    {
        var keys = Strings().Select(s => s.Key).ToList();
        Assert.Superset(new HashSet<string> { "name.short", "name.full", "description.short", "description.full" }, keys.ToHashSet());
        Assert.All(keys, key =>
        {
            Assert.Matches(LocalisableKey(), key);
            var english = Resolve(Manifest, key);
            Assert.True(english is JsonValue && english.GetValueKind() == System.Text.Json.JsonValueKind.String, $"'{key}' is not a string in the manifest");
        });
    }

    /// <summary>The other way round: a command or tab added to the manifest without its Welsh fails here.</summary>
    [Fact]
    public void EveryCommandAndNamedTab_HasItsWelsh()
    {
        var expected = new List<string>();
        var lists = Manifest["bots"]![0]!["commandLists"]!.AsArray();
        for (var l = 0; l < lists.Count; l++)
        {
            for (var c = 0; c < lists[l]!["commands"]!.AsArray().Count; c++)
            {
                expected.Add($"bots[0].commandLists[{l}].commands[{c}].title");
                expected.Add($"bots[0].commandLists[{l}].commands[{c}].description");
            }
        }

        var tabs = Manifest["staticTabs"]!.AsArray();
        for (var t = 0; t < tabs.Count; t++)
        {
            if (tabs[t]!["name"] is not null)
            {
                expected.Add($"staticTabs[{t}].name");
            }
        }

        var keys = Strings().Select(s => s.Key).ToHashSet(StringComparer.Ordinal);
        Assert.All(expected, key => Assert.Contains(key, keys));
    }

    [Fact]
    public void WelshStrings_AreWithinTeamsLimits()
    {
        Assert.All(Strings(), s =>
        {
            var limit = LimitOf(s.Key);
            Assert.False(string.IsNullOrWhiteSpace(s.Value), $"'{s.Key}' is empty");
            Assert.True(s.Value.Length <= limit, $"'{s.Key}' is {s.Value.Length} characters, over Teams' limit of {limit}: '{s.Value}'");
            Assert.Equal(s.Value.Trim(), s.Value);
        });
    }

    [Fact]
    public void WelshStrings_DifferFromTheEnglish_ExceptTheCommandsTyped()
    {
        Assert.All(Strings(), s =>
        {
            var english = (string)Resolve(Manifest, s.Key)!;
            if (s.Key.EndsWith(".title", StringComparison.Ordinal))
            {
                // The bot reads English commands: tapping a command sends its title, so it stays the English word.
                Assert.Equal(WelshTitles.GetValueOrDefault(english, english), s.Value);
            }
            else
            {
                Assert.NotEqual(english, s.Value);
            }
        });
    }

    /// <summary>The glossary's terms (/work/shared/design/GEIRFA.md), mutated as Welsh needs them.</summary>
    [Fact]
    public void WelshText_UsesTheGlossaryTerms()
    {
        Assert.Equal("Bot perfformiad y Bartneriaeth Diogelwch Cymunedol", (string?)Welsh["name.full"]);
        var full = (string)Welsh["description.full"]!;
        foreach (var term in new[] { "Bartneriaeth Diogelwch Cymunedol", "cerdyn sgorio", "ffurflen gynnydd", "adroddiad eithriadau", "Grŵp Rheoli Perfformiad", "Swyddog Perfformiad", "cynllun cyflawni", "dyddiad cau", "crynodeb wythnosol" })
        {
            Assert.Contains(term, full, StringComparison.OrdinalIgnoreCase);
        }

        var help = Strings().Where(s => s.Key.EndsWith(".title", StringComparison.Ordinal) && s.Value == "help").ToList();
        Assert.NotEmpty(help);
        Assert.All(help, h => Assert.StartsWith("Cymorth", (string?)Welsh[h.Key.Replace(".title", ".description", StringComparison.Ordinal)], StringComparison.Ordinal));
    }

    private List<KeyValuePair<string, string>> Strings() =>
        Welsh.Where(p => p.Key != "$schema").Select(p => KeyValuePair.Create(p.Key, (string)p.Value!)).ToList();

    /// <summary>Teams' limits, as in the localization schema of manifest v1.19.</summary>
    private static int LimitOf(string key) => key switch
    {
        "name.short" => 30,
        "name.full" => 100,
        "description.short" => 80,
        "description.full" => 4000,
        _ when key.EndsWith(".title", StringComparison.Ordinal) => 32,
        _ when key.EndsWith(".description", StringComparison.Ordinal) => 128,
        _ when key.StartsWith("staticTabs[", StringComparison.Ordinal) => 128,
        _ => throw new InvalidOperationException($"no limit known for '{key}'"),
    };

    /// <summary>"bots[0].commandLists[1].commands[2].title" → that node of the manifest, or null.</summary>
    private static JsonNode? Resolve(JsonNode root, string key)
    {
        JsonNode? node = root;
        foreach (Match part in KeyPart().Matches(key))
        {
            node = node is JsonObject o ? o[part.Groups["name"].Value] : null;
            if (part.Groups["index"].Success)
            {
                var index = int.Parse(part.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture);
                node = node is JsonArray a && index < a.Count ? a[index] : null;
            }
        }

        return node;
    }

    [GeneratedRegex(@"^(name\.(short|full)|description\.(short|full)|staticTabs\[([0-9]|1[0-5])\]\.name|bots\[0\]\.commandLists\[[0-2]\]\.commands\[[0-9]\]\.(title|description))$")]
    private static partial Regex LocalisableKey();

    [GeneratedRegex(@"(?<name>[A-Za-z]+)(\[(?<index>\d+)\])?")]
    private static partial Regex KeyPart();
}
