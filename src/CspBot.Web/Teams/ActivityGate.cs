using System.Text.Json;

namespace CspBot.Web.Teams;

/// <summary>
/// Rejects what cannot be a Teams activity before the Bot Framework sees it: oversized or malformed bodies, unknown
/// activity types, and activities without the conversation, sender or service URL every handler relies on.
/// Answers 400/413 with a reason; nothing is stored.
/// </summary>
public sealed class ActivityGate(ILogger<ActivityGate> logger) : IEndpointFilter
{
    /// <summary>Teams caps a message at about 100 KB; anything much bigger is not from Teams.</summary>
    public const int MaxBodyBytes = 128 * 1024;

    private static readonly HashSet<string> KnownTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "message", "conversationUpdate", "installationUpdate", "invoke", "event", "messageReaction", "messageUpdate",
        "messageDelete", "typing", "endOfConversation", "contactRelationUpdate", "deleteUserData",
    };

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        if (request.ContentLength > MaxBodyBytes)
        {
            return Reject(StatusCodes.Status413PayloadTooLarge, $"An activity may be at most {MaxBodyBytes / 1024} KB.");
        }

        request.EnableBuffering(bufferThreshold: MaxBodyBytes);
        var body = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, context.HttpContext.RequestAborted)) > 0)
        {
            body.Write(buffer, 0, read);
            if (body.Length > MaxBodyBytes)
            {
                return Reject(StatusCodes.Status413PayloadTooLarge, $"An activity may be at most {MaxBodyBytes / 1024} KB.");
            }
        }

        request.Body.Position = 0;
        var problem = Check(body.ToArray());
        if (problem is not null)
        {
            logger.LogWarning("Rejected activity: {Problem}", problem);
            return Reject(StatusCodes.Status400BadRequest, problem);
        }

        return await next(context);
    }

    private static string? Check(byte[] body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException)
        {
            return "The body is not valid JSON.";
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return "An activity must be a JSON object.";
            }

            var type = Text(root, "type");
            if (type is null || !KnownTypes.Contains(type))
            {
                return $"Unsupported activity type '{type}'.";
            }

            if (!root.TryGetProperty("conversation", out var conversation) || Text(conversation, "id") is null)
            {
                return "The activity has no conversation id.";
            }

            if (!root.TryGetProperty("from", out var from) || Text(from, "id") is null)
            {
                return "The activity has no sender (from.id).";
            }

            if (!Uri.TryCreate(Text(root, "serviceUrl"), UriKind.Absolute, out var serviceUrl) || serviceUrl.Scheme is not ("https" or "http"))
            {
                return "The activity has no valid serviceUrl.";
            }

            return null;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : null;

    private static IResult Reject(int status, string title) => Results.Problem(statusCode: status, title: title);
}
