using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CspBot.Web.Tests.Support;

public static class JsonText
{
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>JSON with non-ASCII text (·, emoji) left readable, so tests can look for what users see.</summary>
    public static string Json(this JsonNode node) => node.ToJsonString(Readable);
}
