using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace CspBot.Testing;

/// <summary>
/// Evaluates the template expressions of a compiled ARM template (what <c>bicep build</c> writes), enough to read the
/// values a deployment would give a resource: parameters (the template's defaults, then the given values), variables,
/// and the functions the Bicep compiler emits for our templates. A module's outputs, which only Azure knows, come from
/// <c>outputs</c> (deployment name → output name → value). An unknown function fails the test, never guesses.
/// </summary>
public sealed class ArmTemplate
{
    private readonly JsonObject template;
    private readonly Dictionary<string, JsonNode?> parameters = new(StringComparer.OrdinalIgnoreCase);
    private readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> outputs;

    public ArmTemplate(JsonObject template, IReadOnlyDictionary<string, JsonNode?> values, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> outputs)
    {
        this.template = template;
        this.outputs = outputs;
        foreach (var (name, definition) in template["parameters"]?.AsObject() ?? [])
        {
            if (definition?["defaultValue"] is { } fallback)
            {
                parameters[name] = fallback.DeepClone();
            }
        }

        foreach (var (name, value) in values)
        {
            parameters[name] = value?.DeepClone();
        }
    }

    /// <summary>The evaluated <c>properties.parameters.{parameter}.value</c> of the module deployment named <paramref name="deployment"/>.</summary>
    public JsonNode? ModuleParameter(string deployment, string parameter)
    {
        var module = template["resources"]!.AsArray()
            .Single(r => r?["type"]?.GetValue<string>() == "Microsoft.Resources/deployments" && r["name"]?.GetValue<string>() == deployment)!;
        return Evaluate(module["properties"]!["parameters"]![parameter]!["value"]);
    }

    /// <summary>The app settings a module passes its site, as configuration keys ('__' read as ':') and values.</summary>
    public Dictionary<string, string> AppSettings(string deployment = "app", string parameter = "appSettings") =>
        ModuleParameter(deployment, parameter)!.AsArray()
            .ToDictionary(s => s!["name"]!.GetValue<string>().Replace("__", ":", StringComparison.Ordinal), s => s!["value"]!.GetValue<string>(), StringComparer.Ordinal);

    private JsonNode? Evaluate(JsonNode? node) => node switch
    {
        JsonValue value when value.TryGetValue<string>(out var text) && text.StartsWith('[') && text.EndsWith(']') && !text.StartsWith("[[", StringComparison.Ordinal)
            => new Parser(this, text[1..^1]).ParseAll(),
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, Evaluate(p.Value)))),
        JsonArray array => new JsonArray([.. array.Select(Evaluate)]),
        _ => node?.DeepClone(),
    };

    private JsonNode? Call(string name, List<JsonNode?> args) => name.ToLowerInvariant() switch
    {
        "parameters" => parameters.TryGetValue(Text(args[0]), out var p) ? Evaluate(p) : throw new InvalidOperationException($"parameter {Text(args[0])} has no value"),
        "variables" => Evaluate(template["variables"]![Text(args[0])] ?? throw new InvalidOperationException($"no variable {Text(args[0])}")),
        "concat" => args.All(a => a is JsonArray)
            ? new JsonArray([.. args.SelectMany(a => a!.AsArray().Select(i => i?.DeepClone()))])
            : JsonValue.Create(string.Concat(args.Select(Text))),
        "createarray" => new JsonArray([.. args.Select(a => a?.DeepClone())]),
        "createobject" => new JsonObject(Enumerable.Range(0, args.Count / 2).Select(i => KeyValuePair.Create(Text(args[2 * i]), args[(2 * i) + 1]?.DeepClone()))),
        "format" => JsonValue.Create(string.Format(CultureInfo.InvariantCulture, Text(args[0]), [.. args.Skip(1).Select(a => (object)Text(a))])),
        "if" => Truthy(args[0]) ? args[1] : args[2],
        "equals" => JsonValue.Create(JsonNode.DeepEquals(args[0], args[1])),
        "not" => JsonValue.Create(!Truthy(args[0])),
        "and" => JsonValue.Create(args.All(Truthy)),
        "or" => JsonValue.Create(args.Any(Truthy)),
        "empty" => JsonValue.Create(args[0] switch { null => true, JsonArray a => a.Count == 0, JsonObject o => o.Count == 0, var v => Text(v).Length == 0 }),
        "string" => JsonValue.Create(args[0] is JsonValue v && v.TryGetValue<bool>(out var b) ? (b ? "True" : "False") : Text(args[0])),
        "tolower" => JsonValue.Create(Text(args[0]).ToLowerInvariant()),
        "take" => JsonValue.Create(new string([.. Text(args[0]).Take(int.Parse(Text(args[1]), CultureInfo.InvariantCulture))])),
        "uniquestring" => JsonValue.Create("u" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('|', args.Select(Text)))))[..12].ToLowerInvariant()),
        "resourcegroup" => new JsonObject { ["id"] = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-cspbot", ["location"] = "uksouth", ["name"] = "rg-cspbot" },
        "tenant" => new JsonObject { ["tenantId"] = "00000000-0000-0000-0000-0000000000aa" },
        "environment" => new JsonObject { ["name"] = "AzureCloud", ["authentication"] = new JsonObject { ["loginEndpoint"] = "https://login.microsoftonline.com/" } },
        "resourceid" => JsonValue.Create(string.Join('/', args.Select(Text))),
        "reference" => Reference(Text(args[0])),
        _ => throw new InvalidOperationException($"ArmTemplate cannot evaluate {name}()"),
    };

    /// <summary>reference(resourceId('Microsoft.Resources/deployments', name)): the module's outputs as Azure would return them.</summary>
    private JsonObject Reference(string resourceId)
    {
        var deployment = resourceId.Split('/')[^1];
        if (!outputs.TryGetValue(deployment, out var known))
        {
            throw new InvalidOperationException($"no outputs given for the deployment {deployment}");
        }

        return new JsonObject { ["outputs"] = new JsonObject(known.Select(o => KeyValuePair.Create(o.Key, (JsonNode?)new JsonObject { ["value"] = o.Value }))) };
    }

    private static bool Truthy(JsonNode? node) => node is JsonValue v && v.TryGetValue<bool>(out var b) ? b : throw new InvalidOperationException($"not a bool: {node?.ToJsonString()}");

    private static string Text(JsonNode? node) => node switch
    {
        null => string.Empty,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        var other => other.ToJsonString(),
    };

    /// <summary>Recursive descent over: call(args) with .property and [index] accessors, 'strings', numbers, true/false.</summary>
    private sealed class Parser(ArmTemplate owner, string text)
    {
        private int at;

        public JsonNode? ParseAll()
        {
            var value = ParseExpression();
            SkipSpace();
            return at == text.Length ? value : throw Error("trailing text");
        }

        private JsonNode? ParseExpression()
        {
            SkipSpace();
            var value = ParsePrimary();
            while (at < text.Length)
            {
                if (text[at] == '.')
                {
                    at++;
                    var property = ReadName();
                    value = value is JsonObject obj ? obj[property]?.DeepClone() : throw Error($"no property {property}");
                }
                else if (text[at] == '[')
                {
                    at++;
                    var index = ParseExpression();
                    Expect(']');
                    value = value switch
                    {
                        JsonArray array => array[int.Parse(Text(index), CultureInfo.InvariantCulture)]?.DeepClone(),
                        JsonObject obj => obj[Text(index)]?.DeepClone(),
                        _ => throw Error("cannot index"),
                    };
                }
                else
                {
                    break;
                }
            }

            return value;
        }

        private JsonNode? ParsePrimary()
        {
            var c = text[at];
            if (c == '\'')
            {
                return JsonValue.Create(ReadString());
            }

            if (char.IsDigit(c) || c == '-')
            {
                var start = at++;
                while (at < text.Length && char.IsDigit(text[at]))
                {
                    at++;
                }

                return JsonValue.Create(long.Parse(text[start..at], CultureInfo.InvariantCulture));
            }

            var name = ReadName();
            if (name is "true" or "false")
            {
                return JsonValue.Create(name == "true");
            }

            if (name == "null")
            {
                return null;
            }

            Expect('(');
            var args = new List<JsonNode?>();
            SkipSpace();
            if (text[at] != ')')
            {
                while (true)
                {
                    args.Add(ParseExpression());
                    SkipSpace();
                    if (text[at] == ',')
                    {
                        at++;
                        continue;
                    }

                    break;
                }
            }

            Expect(')');
            return owner.Call(name, args);
        }

        private string ReadString()
        {
            var value = new StringBuilder();
            at++;
            while (true)
            {
                if (at >= text.Length)
                {
                    throw Error("unterminated string");
                }

                if (text[at] == '\'')
                {
                    if (at + 1 < text.Length && text[at + 1] == '\'')
                    {
                        value.Append('\'');
                        at += 2;
                        continue;
                    }

                    at++;
                    return value.ToString();
                }

                value.Append(text[at++]);
            }
        }

        private string ReadName()
        {
            var start = at;
            while (at < text.Length && (char.IsLetterOrDigit(text[at]) || text[at] == '_'))
            {
                at++;
            }

            return at > start ? text[start..at] : throw Error("expected a name");
        }

        private void Expect(char c)
        {
            SkipSpace();
            if (at >= text.Length || text[at] != c)
            {
                throw Error($"expected '{c}'");
            }

            at++;
        }

        private void SkipSpace()
        {
            while (at < text.Length && text[at] == ' ')
            {
                at++;
            }
        }

        private InvalidOperationException Error(string what) => new($"ARM expression, at {at}: {what} in {text}");
    }
}
