using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CspBot.Deployment.Tests.Support;

namespace CspBot.Deployment.Tests.Teams;

/// <summary>
/// The Teams app package against the rules of manifest schema v1.19 and Teams app validation: required fields and
/// their lengths, command limits, icon sizes, and no placeholder left unfilled.
/// </summary>
public sealed partial class TeamsPackageTests(TeamsPackage package) : IClassFixture<TeamsPackage>
{
    private JsonObject Manifest => package.Manifest;

    [Fact]
    public void Zip_HoldsManifestBothIconsAndTheWelsh_AtItsRoot_AndNothingElse()
    {
        Assert.Equal(["color.png", "cy.json", "manifest.json", "outline.png"], package.Entries.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("color.png", (string?)Manifest["icons"]?["color"]);
        Assert.Equal("outline.png", (string?)Manifest["icons"]?["outline"]);
    }

    [Fact]
    public void Manifest_HasNoPlaceholderLeft()
    {
        Assert.DoesNotContain("${{", package.ManifestText, StringComparison.Ordinal);
        Assert.DoesNotContain("}}", package.ManifestText, StringComparison.Ordinal);
        // The template in the repository does have them, so the substitution is what removed them.
        Assert.Contains("${{BOT_ID}}", File.ReadAllText(Repository.PathOf("manifests", "teams", "manifest.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void Manifest_IsSchema119OrNewer_WithMatchingSchemaUrl()
    {
        var version = Version.Parse((string)Manifest["manifestVersion"]!);
        Assert.True(version >= new Version(1, 19), $"manifestVersion {version} is older than 1.19");
        var schema = (string)Manifest["$schema"]!;
        Assert.Matches(@"^https://developer\.microsoft\.com/(en-us/)?json-schemas/teams/v\d+\.\d+/MicrosoftTeams\.schema\.json$", schema);
        Assert.Contains($"/v{version}/", schema, StringComparison.Ordinal);
    }

    [Fact]
    public void Ids_AreTheBotIdGuid_AndVersionIsTheOneGiven()
    {
        Assert.True(Guid.TryParse((string?)Manifest["id"], out _), "manifest id is not a GUID");
        Assert.Equal(TeamsPackage.BotId, (string?)Manifest["bots"]![0]!["botId"]);
        Assert.True(Guid.TryParse((string?)Manifest["bots"]![0]!["botId"], out _));
        Assert.Equal(TeamsPackage.BotId, (string?)Manifest["webApplicationInfo"]?["id"]);
        Assert.StartsWith("api://", (string?)Manifest["webApplicationInfo"]?["resource"], StringComparison.Ordinal);
        Assert.Equal(TeamsPackage.Version, (string?)Manifest["version"]);
    }

    [Fact]
    public void RequiredFields_ArePresent_WithinTheirLengths()
    {
        AssertText("name.short", Manifest["name"]?["short"], 30);
        AssertText("name.full", Manifest["name"]?["full"], 100);
        AssertText("description.short", Manifest["description"]?["short"], 80);
        AssertText("description.full", Manifest["description"]?["full"], 4000);
        AssertText("developer.name", Manifest["developer"]?["name"], 32);
        foreach (var url in new[] { "websiteUrl", "privacyUrl", "termsOfUseUrl" })
        {
            var value = AssertText($"developer.{url}", Manifest["developer"]?[url], 2048);
            Assert.StartsWith("https://", value, StringComparison.Ordinal);
        }

        Assert.Equal("CspBot", (string?)Manifest["name"]?["short"]);
        Assert.Equal("Community Safety Partnership performance bot", (string?)Manifest["name"]?["full"]);
        Assert.Matches("^#[0-9A-Fa-f]{6}$", (string?)Manifest["accentColor"]);
        Assert.Matches(@"^\d+\.\d+\.\d+$", (string?)Manifest["version"]);
    }

    [Fact]
    public void Bot_CoversPersonalTeamAndGroupChat_WithoutFiles()
    {
        var bots = Manifest["bots"]!.AsArray();
        var bot = Assert.Single(bots)!;
        Assert.Equal(["groupChat", "personal", "team"], Strings(bot["scopes"]).Order(StringComparer.Ordinal));
        Assert.False((bool)bot["supportsFiles"]!);
    }

    [Fact]
    public void CommandLists_OnePerScope_AtMostTenCommands_TitlesAndDescriptionsWithinLimits()
    {
        var bot = Manifest["bots"]![0]!;
        var lists = bot["commandLists"]!.AsArray();
        Assert.InRange(lists.Count, 1, 3);
        var covered = lists.SelectMany(l => Strings(l!["scopes"])).ToList();
        Assert.Equal(covered.Distinct().Count(), covered.Count); // a scope in two lists is rejected by Teams
        Assert.Equal(Strings(bot["scopes"]).Order(StringComparer.Ordinal), covered.Order(StringComparer.Ordinal));
        foreach (var list in lists)
        {
            var commands = list!["commands"]!.AsArray();
            Assert.InRange(commands.Count, 1, 10);
            var titles = commands.Select(c => AssertText("command title", c!["title"], 32)).ToList();
            Assert.Equal(titles.Count, titles.Distinct(StringComparer.OrdinalIgnoreCase).Count());
            Assert.Contains("help", titles);
            foreach (var command in commands)
            {
                AssertText("command description", command!["description"], 128);
            }
        }

        var personal = lists.Single(l => Strings(l!["scopes"]).Contains("personal"))!;
        Assert.Superset(
            new HashSet<string> { "help", "my actions", "update", "status", "chase", "scorecard", "report", "language" },
            personal["commands"]!.AsArray().Select(c => (string)c!["title"]!).ToHashSet());
        var team = lists.Single(l => Strings(l!["scopes"]).Contains("team"))!;
        Assert.Superset(
            new HashSet<string> { "help", "scorecard", "status", "chase", "report", "use this channel" },
            team["commands"]!.AsArray().Select(c => (string)c!["title"]!).ToHashSet());

        // The name people @mention is the bot's display name in the Bicep: the same as the app's short name.
        Assert.Equal("CspBot", (string?)Manifest["name"]!["short"]);
        Assert.Contains("param botDisplayName string = 'CspBot'", File.ReadAllText(Repository.PathOf("infra", "main.bicep")), StringComparison.Ordinal);
    }

    [Fact]
    public void ValidDomains_AreTheBareBotDomain()
    {
        var domains = Strings(Manifest["validDomains"]);
        Assert.Equal([TeamsPackage.Domain], domains);
        Assert.All(domains, d => Assert.DoesNotContain("://", d, StringComparison.Ordinal));
        Assert.Contains(TeamsPackage.Domain, (string?)Manifest["webApplicationInfo"]?["resource"], StringComparison.Ordinal);
    }

    [Fact]
    public void Tabs_AreTheConsole_OnTheBotDomain_CycleAndMyReturnsPersonal_DashboardInChannels()
    {
        var tabs = Manifest["staticTabs"]!.AsArray().Select(t => t!.AsObject()).ToList();
        Assert.Equal(["conversations", "cycle", "my-returns"], tabs.Select(t => (string?)t["entityId"]));
        Assert.Equal(["Cycle", "My returns"], tabs.Skip(1).Select(t => (string?)t["name"]));
        Assert.All(tabs, t => Assert.Equal(["personal"], Strings(t["scopes"])));
        Assert.Equal($"https://{TeamsPackage.Domain}/console/cycle", (string?)tabs[1]["contentUrl"]);
        Assert.Equal($"https://{TeamsPackage.Domain}/console/my-returns", (string?)tabs[2]["contentUrl"]);

        var dashboard = Assert.Single(Manifest["configurableTabs"]!.AsArray())!.AsObject();
        Assert.Equal($"https://{TeamsPackage.Domain}/console/dashboard/configure", (string?)dashboard["configurationUrl"]);
        Assert.Equal(["team"], Strings(dashboard["scopes"]));
        Assert.Equal(["channelTab"], Strings(dashboard["context"]));

        // Tab single sign-on: the Entra app and the Application ID URI the console's Console:Audience names.
        Assert.Matches("^api://" + Regex.Escape(TeamsPackage.Domain) + "/botid-[0-9a-f-]{36}$", (string?)Manifest["webApplicationInfo"]?["resource"]);
    }

    [Fact]
    public void ColorIcon_Is192Square_OutlineIs32Square()
    {
        var color = Png.Read(package.Entries["color.png"]);
        var outline = Png.Read(package.Entries["outline.png"]);
        Assert.Equal((192, 192), (color.Width, color.Height));
        Assert.Equal((32, 32), (outline.Width, outline.Height));
    }

    [Fact]
    public void OutlineIcon_IsWhiteOnTransparent()
    {
        var pixels = Png.Read(package.Entries["outline.png"]).Rgba();
        var drawn = 0;
        for (var i = 0; i < pixels.Length; i += 4)
        {
            if (pixels[i + 3] == 0)
            {
                continue;
            }

            drawn++;
            Assert.True(pixels[i] == 255 && pixels[i + 1] == 255 && pixels[i + 2] == 255, $"outline pixel {i / 4} is not white");
        }

        Assert.InRange(drawn, 1, (pixels.Length / 4) - 1); // something is drawn, and not the whole square
    }

    [Fact]
    public async Task Packaging_Twice_GivesTheSameBytes()
    {
        var again = Path.Combine(Path.GetTempPath(), $"cspbot-package-{Guid.NewGuid():N}.zip");
        try
        {
            var result = await TeamsPackage.RunAsync(TeamsPackage.Environment(TeamsPackage.BotId, TeamsPackage.Domain, TeamsPackage.Version), $"--out={again}");
            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Equal(package.ZipBytes, await File.ReadAllBytesAsync(again));
        }
        finally
        {
            File.Delete(again);
        }
    }

    [Theory]
    [InlineData("not-a-guid", TeamsPackage.Domain, "BOT_ID 'not-a-guid' is not a GUID")]
    [InlineData("3f2504e0-4f89-41d3-9a0c-0305e82c330", TeamsPackage.Domain, "is not a GUID")]
    [InlineData(null, TeamsPackage.Domain, "BOT_ID is missing")]
    [InlineData(TeamsPackage.BotId, null, "BOT_DOMAIN is missing")]
    [InlineData(TeamsPackage.BotId, "https://cspbot.azurewebsites.net/", "is not a bare host name")]
    public async Task BadOrMissingValues_AreRefused_AndNoZipIsWritten(string? botId, string? domain, string expected)
    {
        var zip = Path.Combine(Path.GetTempPath(), $"cspbot-refused-{Guid.NewGuid():N}.zip");

        var result = await TeamsPackage.RunAsync(TeamsPackage.Environment(botId, domain), $"--out={zip}");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(zip), "a zip was written despite the refusal");
    }

    [Fact]
    public async Task MalformedVersion_IsRefused()
    {
        var result = await TeamsPackage.RunAsync(TeamsPackage.Environment(TeamsPackage.BotId, TeamsPackage.Domain, "v2"), "--out=/dev/null/never.zip");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("APP_VERSION 'v2'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Template_UsesOnlyPlaceholdersTheScriptFills()
    {
        var template = File.ReadAllText(Repository.PathOf("manifests", "teams", "manifest.json"));
        var script = File.ReadAllText(Repository.PathOf("manifests", "teams", "package.mjs"));
        var names = Placeholder().Matches(template).Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.Superset(new HashSet<string> { "BOT_ID", "BOT_DOMAIN", "APP_VERSION" }, names.ToHashSet());
        Assert.All(names, n => Assert.Contains($"{n}:", script, StringComparison.Ordinal));
    }

    private static string AssertText(string what, JsonNode? node, int maxLength)
    {
        var text = (string?)node;
        Assert.False(string.IsNullOrWhiteSpace(text), $"{what} is missing");
        Assert.True(text!.Length <= maxLength, $"{what} is {text.Length} characters, over the limit of {maxLength}: '{text}'");
        return text;
    }

    private static List<string> Strings(JsonNode? array) => array!.AsArray().Select(n => (string)n!).ToList();

    [GeneratedRegex(@"\$\{\{([A-Z0-9_]+)\}\}")]
    private static partial Regex Placeholder();
}
