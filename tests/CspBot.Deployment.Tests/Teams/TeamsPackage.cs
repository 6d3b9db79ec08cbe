using System.IO.Compression;
using System.Text.Json.Nodes;
using CspBot.Deployment.Tests.Support;

namespace CspBot.Deployment.Tests.Teams;

/// <summary>Runs manifests/teams/package.sh with sample values into a temporary folder, once for all the tests that read it.</summary>
public sealed class TeamsPackage : IAsyncLifetime
{
    public const string BotId = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";
    public const string Domain = "cspbot-web-test01.azurewebsites.net";
    public const string Version = "1.4.2";

    private readonly string folder = Path.Combine(Path.GetTempPath(), "cspbot-package-" + Guid.NewGuid().ToString("N"));

    public string ZipPath => Path.Combine(folder, "cspbot-teams-app.zip");

    public byte[] ZipBytes { get; private set; } = [];

    public Dictionary<string, byte[]> Entries { get; } = [];

    public string ManifestText { get; private set; } = "";

    public JsonObject Manifest { get; private set; } = [];

    /// <summary>Every variable the script reads, cleared unless given, so the machine's environment cannot leak in.</summary>
    public static Dictionary<string, string?> Environment(string? botId, string? domain, string? version = null) => new()
    {
        ["BOT_ID"] = botId,
        ["BOT_DOMAIN"] = domain,
        ["APP_VERSION"] = version,
        ["TEAMS_APP_ID"] = null,
        ["GRAPH_APP_ID"] = null,
        ["DEVELOPER_NAME"] = null,
        ["WEBSITE_URL"] = null,
        ["PRIVACY_URL"] = null,
        ["TERMS_URL"] = null,
    };

    public static Task<ScriptResult> RunAsync(IReadOnlyDictionary<string, string?> environment, params string[] arguments) =>
        Script.RunAsync("manifests/teams/package.sh", arguments, environment, TimeSpan.FromMinutes(2));

    public async Task InitializeAsync()
    {
        var result = await RunAsync(Environment(BotId, Domain, Version), $"--out={ZipPath}");
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException("package.sh failed: " + result);
        }

        ZipBytes = await File.ReadAllBytesAsync(ZipPath);
        using var zip = ZipFile.OpenRead(ZipPath);
        foreach (var entry in zip.Entries)
        {
            using var stream = entry.Open();
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            Entries[entry.FullName] = copy.ToArray();
        }

        ManifestText = System.Text.Encoding.UTF8.GetString(Entries["manifest.json"]);
        Manifest = JsonNode.Parse(ManifestText)!.AsObject();
    }

    public Task DisposeAsync()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        return Task.CompletedTask;
    }
}
