using System.Text.Json;

namespace CspBot.Web.Teams;

/// <summary>
/// Rejects what cannot be a Teams activity before the Bot Framework sees it: oversized or malformed bodies, unknown
/// activity types, activities without the conversation, sender or service URL every handler relies on, and tenant
/// fields that disagree. Answers 400/413 with a reason; nothing is stored. Activities from any channel but Teams get
/// 403: an Azure Bot also has Web Chat and Direct Line channels, whose clients write <c>from</c> and
/// <c>channelData</c> themselves, so only Teams may speak for a member (each other channel is logged once).
/// </summary>
public sealed class ActivityGate(ILogger<ActivityGate> logger) : IEndpointFilter
{
    public const string TeamsChannel = "msteams";

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> refusedChannels = new(StringComparer.Ordinal);

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
        var (problem, channel) = Check(body.ToArray());
        if (problem is not null)
        {
            logger.LogWarning("Rejected activity: {Problem}", problem);
            return Reject(StatusCodes.Status400BadRequest, problem);
        }

        if (channel != TeamsChannel)
        {
            var name = channel is { Length: <= 40 } ? channel : "(other)";
            if (refusedChannels.TryAdd(name, true))
            {
                logger.LogWarning("Refused activities from channel {Channel}: CspBot answers only Microsoft Teams (logged once per channel)", name);
            }

            return Reject(StatusCodes.Status403Forbidden, "CspBot answers only Microsoft Teams.");
        }

        return await next(context);
    }

    private static (string? Problem, string? Channel) Check(byte[] body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException)
        {
            return ("The body is not valid JSON.", null);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return ("An activity must be a JSON object.", null);
            }

            var type = Text(root, "type");
            if (type is null || !KnownTypes.Contains(type))
            {
                return ($"Unsupported activity type '{type}'.", null);
            }

            if (!root.TryGetProperty("conversation", out var conversation) || Text(conversation, "id") is null)
            {
                return ("The activity has no conversation id.", null);
            }

            if (!root.TryGetProperty("from", out var from) || Text(from, "id") is null)
            {
                return ("The activity has no sender (from.id).", null);
            }

            if (!Uri.TryCreate(Text(root, "serviceUrl"), UriKind.Absolute, out var serviceUrl) || serviceUrl.Scheme is not ("https" or "http"))
            {
                return ("The activity has no valid serviceUrl.", null);
            }

            // Teams names the tenant twice; an activity whose two tenant fields disagree was not written by Teams.
            var conversationTenant = Text(conversation, "tenantId");
            var channelTenant = root.TryGetProperty("channelData", out var channelData) && channelData.ValueKind == JsonValueKind.Object
                && channelData.TryGetProperty("tenant", out var tenant) ? Text(tenant, "id") : null;
            if (conversationTenant is not null && channelTenant is not null && !string.Equals(conversationTenant, channelTenant, StringComparison.OrdinalIgnoreCase))
            {
                return ("The activity's tenant fields disagree (conversation.tenantId and channelData.tenant.id).", null);
            }

            return (null, Text(root, "channelId"));
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : null;

    private static IResult Reject(int status, string title) => Results.Problem(statusCode: status, title: title);
}
