using System.Text.Json.Nodes;
using CspBot.Deployment.Tests.Support;

namespace CspBot.Deployment.Tests.Teams;

/// <summary>
/// Microsoft's own checks, offline: the Microsoft 365 Agents Toolkit CLI (tests/teams-toolkit, installed by
/// scripts/install-test-tools.sh) validates the built app package's manifest, and the toolkit project files
/// (m365agents.yml, m365agents.local.yml, env/) are checked against the toolkit's own schema.
/// </summary>
public sealed class AgentsToolkitTests(TeamsPackage package) : IClassFixture<TeamsPackage>, IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    private readonly string folder = Directory.CreateTempSubdirectory("cspbot-atk-").FullName;

    [Fact]
    public async Task BuiltPackage_PassesTheToolkitsValidator()
    {
        var result = await ValidateAsync(package.Manifest);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("All passed", result.Output);
    }

    /// <summary>The validator really runs: one rule broken (eleven commands in a list of at most ten) and it fails, naming it.</summary>
    [Fact]
    public async Task Validator_RefusesAManifestThatBreaksOneRule()
    {
        var broken = package.Manifest.DeepClone().AsObject();
        var commands = broken["bots"]![0]!["commandLists"]![0]!["commands"]!.AsArray();
        while (commands.Count <= 10)
        {
            commands.Add(new JsonObject { ["title"] = $"extra {commands.Count}", ["description"] = "One too many." });
        }

        var result = await ValidateAsync(broken);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("/bots/0/commandLists/0/commands must NOT have more than 10 items", result.Output + result.Error);
    }

    /// <summary>The validator reads the Welsh file too: a short name over 30 characters and a key for a command that is not there.</summary>
    [Fact]
    public async Task Validator_RefusesAWelshFileThatBreaksTheLocalizationSchema()
    {
        var welsh = JsonNode.Parse(package.Entries["cy.json"])!.AsObject();
        welsh["name.short"] = new string('w', 31);
        welsh["bots[0].commandLists[0].commands[10].title"] = "gormod";

        var result = await ValidateAsync(package.Manifest, welsh);

        Assert.NotEqual(0, result.ExitCode);
        var said = result.Output + result.Error;
        Assert.Contains("cy.json", said);
        Assert.Contains("/name.short must NOT have more than 30 characters", said);
        Assert.Contains("bots[0].commandLists[0].commands[10].title", said);
    }

    [Fact]
    public async Task ProjectFiles_MatchTheToolkitsSchema_AndEveryVariableIsSet()
    {
        var result = await Script.RunNodeAsync("tests/teams-toolkit/check-project.mjs", [], Timeout);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("toolkit project OK", result.Output);
    }

    /// <summary>The checker fails too: an unknown sign-in audience and a package built without its version.</summary>
    [Fact]
    public async Task ProjectChecker_ReportsAStepThatBreaksTheSchema_AndAPackageWithoutItsVersion()
    {
        foreach (var file in new[] { "m365agents.yml", "m365agents.local.yml" })
        {
            var text = await File.ReadAllTextAsync(Repository.PathOf(file));
            text = text.Replace("signInAudience: AzureADMyOrg", "signInAudience: Everyone", StringComparison.Ordinal)
                .Replace(" --app-version=${{APP_VERSION}}", string.Empty, StringComparison.Ordinal);
            await File.WriteAllTextAsync(Path.Combine(folder, file), text);
        }

        Directory.CreateDirectory(Path.Combine(folder, "env"));
        foreach (var env in Directory.GetFiles(Repository.PathOf("env"), ".env.*"))
        {
            File.Copy(env, Path.Combine(folder, "env", Path.GetFileName(env)));
        }

        var result = await Script.RunNodeAsync("tests/teams-toolkit/check-project.mjs", [folder], Timeout);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("m365agents.local.yml: provision[1] aadApp/create: /with/signInAudience must be equal to one of the allowed values", result.Output);
        Assert.Contains("m365agents.yml: provision[1] script: builds the package without --app-version=${{APP_VERSION}}", result.Output);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    /// <summary>The package's files unpacked beside the manifest given (the icons, and cy.json or the one given).</summary>
    private async Task<ScriptResult> ValidateAsync(JsonObject manifest, JsonObject? welsh = null)
    {
        var target = Directory.CreateDirectory(Path.Combine(folder, Guid.NewGuid().ToString("N"))).FullName;
        await File.WriteAllTextAsync(Path.Combine(target, "manifest.json"), manifest.ToJsonString());
        foreach (var (name, bytes) in package.Entries.Where(e => e.Key != "manifest.json"))
        {
            await File.WriteAllBytesAsync(Path.Combine(target, name), bytes);
        }

        if (welsh is not null)
        {
            await File.WriteAllTextAsync(Path.Combine(target, "cy.json"), welsh.ToJsonString());
        }

        return await Script.RunAsync("tests/teams-toolkit/atk.sh", ["validate", "--manifest-file", Path.Combine(target, "manifest.json")], new Dictionary<string, string?>(), Timeout);
    }
}
