using System.Text.Json.Nodes;
using CspBot.Deployment.Tests.Support;

namespace CspBot.Deployment.Tests.Infra;

/// <summary>
/// Runs infra/build.sh (fetches the Bicep CLI from NuGet the first time, lints, builds) into a temporary folder,
/// once for all the tests that read the compiled template.
/// </summary>
public sealed class CompiledInfrastructure : IAsyncLifetime
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "cspbot-infra-" + Guid.NewGuid().ToString("N"));

    public ScriptResult Build { get; private set; } = new(-1, "", "");

    public JsonObject Template { get; private set; } = [];

    public JsonObject Parameters { get; private set; } = [];

    /// <summary>Every resource in the template, modules' nested templates included.</summary>
    public List<JsonObject> Resources { get; } = [];

    public async Task InitializeAsync()
    {
        // The first run downloads a ~40 MB package; later runs reuse .tools/.
        Build = await Script.RunAsync("infra/build.sh", [folder], new Dictionary<string, string?>(), TimeSpan.FromMinutes(15));
        if (Build.ExitCode != 0)
        {
            return; // the build test reports the output
        }

        Template = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "main.json")))!.AsObject();
        Parameters = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "main.parameters.json")))!.AsObject();
        Collect(Template);
    }

    public IEnumerable<JsonObject> OfType(string type) =>
        Resources.Where(r => string.Equals((string?)r["type"], type, StringComparison.OrdinalIgnoreCase));

    public Task DisposeAsync()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        return Task.CompletedTask;
    }

    private void Collect(JsonObject template)
    {
        foreach (var node in template["resources"]?.AsArray() ?? [])
        {
            var resource = node!.AsObject();
            Resources.Add(resource);
            if (resource["properties"]?["template"] is JsonObject nested)
            {
                Collect(nested);
            }
        }
    }
}
