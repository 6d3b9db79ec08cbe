using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CspBot.Core.Features.Returns;
using Microsoft.Extensions.DependencyInjection;

namespace CspBot.Web.Tests.Support;

/// <summary>
/// The real host (Program.cs) in the Testing environment on its own SQLite file, with the bot's replies going to a
/// <see cref="FakeConnector"/>.
/// </summary>
public sealed class CspBotApp : CspBot.Testing.CspBotHost
{
    public CspBotApp(bool seedDemo = true, IDictionary<string, string?>? extra = null, Action<IServiceCollection>? services = null, string environment = "Testing")
        : base(Settings(seedDemo, extra), services, environment)
    {
    }

    private static Dictionary<string, string?> Settings(bool seedDemo, IDictionary<string, string?>? extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Demo:Seed"] = seedDemo ? "true" : "false",
            ["Demo:Anchor"] = DemoMembers.AuthoredFor,

            // The tests send their own returns into a quiet period; DemoSeedTests checks the demo's.
            ["Demo:Returns"] = "false",

            // Likewise their own police street files; DemoPoliceTests checks the demo's.
            ["Demo:Police"] = "false",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }


    /// <summary>
    /// Every row of every table of the app database, in order, as text: two snapshots are equal only when nothing at
    /// all was stored or changed in between (the corpus compares them byte for byte).
    /// </summary>
    public async Task<string> SnapshotAsync()
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={DatabaseFile};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var text = new System.Text.StringBuilder();
        foreach (var table in tables)
        {
            text.Append("## ").AppendLine(table);
            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\" ORDER BY rowid";
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    text.Append(reader.IsDBNull(i) ? "∅" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)).Append('|');
                }

                text.AppendLine();
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// Clients act as a script or curl would: they mark their state changes with the header a cross-site page cannot
    /// send. The corpus removes it to play the page.
    /// </summary>
    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.Add(CspBot.Web.Hosting.AdminAccess.RequestHeader, "1");
    }

    /// <summary>Posts a Teams personal-chat message activity to /api/messages as the Teams service would.</summary>
    public async Task<HttpResponseMessage> SendMessageAsync(string serviceUrl, string teamsUserId, string text, string conversationId = "a:personal-1", string tenantId = "tenant-1") =>
        await CreateClient().PostAsJsonAsync("/api/messages", PersonalMessage(serviceUrl, teamsUserId, text, conversationId, tenantId));

    /// <summary>A Teams personal-chat message activity as the Teams service posts it to /api/messages.</summary>
    public static JsonObject PersonalMessage(string serviceUrl, string teamsUserId, string text, string conversationId = "a:personal-1", string tenantId = "tenant-1") =>
        new()
        {
            ["type"] = "message",
            ["id"] = Guid.NewGuid().ToString(),
            ["channelId"] = "msteams",
            ["serviceUrl"] = serviceUrl,
            ["from"] = new JsonObject { ["id"] = teamsUserId, ["name"] = "Someone" },
            ["recipient"] = new JsonObject { ["id"] = "28:cspbot", ["name"] = "CspBot" },
            ["conversation"] = new JsonObject { ["id"] = conversationId, ["conversationType"] = "personal", ["tenantId"] = tenantId },
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = tenantId } },
            ["text"] = text,
        };

    /// <summary>
    /// The card data as the bot would have sent it in a card: with its verb and sealed by the server's key
    /// (<see cref="CardSeal"/>). Tests that tamper with card data change it after this.
    /// </summary>
    public Task<JsonObject> SealedAsync(string verb, JsonObject data) => CspBot.Testing.SealedCardData.ForAsync(Services, verb, data);

    /// <summary>
    /// Posts an Adaptive Card Universal Action (invoke) and returns the invoke response body. The data is sealed as the
    /// bot's own card would carry it unless <paramref name="seal"/> is false (a forged card).
    /// </summary>
    public async Task<JsonNode> InvokeCardActionAsync(string serviceUrl, string teamsUserId, string verb, JsonObject data, string conversationId = "a:personal-1", bool seal = true)
    {
        if (seal)
        {
            data = await SealedAsync(verb, data);
        }

        var activity = new JsonObject
        {
            ["type"] = "invoke",
            ["name"] = "adaptiveCard/action",
            ["id"] = Guid.NewGuid().ToString(),
            ["channelId"] = "msteams",
            ["serviceUrl"] = serviceUrl,
            ["from"] = new JsonObject { ["id"] = teamsUserId },
            ["recipient"] = new JsonObject { ["id"] = "28:cspbot", ["name"] = "CspBot" },
            ["conversation"] = new JsonObject { ["id"] = conversationId, ["conversationType"] = "personal" },
            ["replyToId"] = "card-1",
            ["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data } },
        };
        var response = await CreateClient().PostAsJsonAsync("/api/messages", activity);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    /// <summary>Posts any activity (install events, channel messages) as Teams would.</summary>
    public async Task<HttpResponseMessage> PostActivityAsync(JsonObject activity) =>
        await CreateClient().PostAsJsonAsync("/api/messages", activity);

    /// <summary>The bot being added to a team: Teams sends conversationUpdate in the General channel.</summary>
    public static JsonObject TeamInstall(string serviceUrl, string teamId, string teamName, string? groupId = null) => new()
    {
        ["type"] = "conversationUpdate",
        ["channelId"] = "msteams",
        ["serviceUrl"] = serviceUrl,
        ["from"] = new JsonObject { ["id"] = "29:priya" },
        ["recipient"] = new JsonObject { ["id"] = "28:cspbot", ["name"] = "CspBot" },
        ["conversation"] = new JsonObject { ["id"] = teamId, ["conversationType"] = "channel", ["isGroup"] = true, ["tenantId"] = "tenant-1" },
        ["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "28:cspbot" }),
        ["channelData"] = new JsonObject
        {
            ["eventType"] = "teamMemberAdded",
            ["team"] = new JsonObject { ["id"] = teamId, ["name"] = teamName, ["aadGroupId"] = groupId },
            ["tenant"] = new JsonObject { ["id"] = "tenant-1" },
        },
    };

    /// <summary>A channel message that @mentions the bot, in a thread of <paramref name="channelId"/>.</summary>
    public static JsonObject ChannelMessage(string serviceUrl, string channelId, string teamId, string fromId, string text) => new()
    {
        ["type"] = "message",
        ["id"] = Guid.NewGuid().ToString(),
        ["channelId"] = "msteams",
        ["serviceUrl"] = serviceUrl,
        ["from"] = new JsonObject { ["id"] = fromId },
        ["recipient"] = new JsonObject { ["id"] = "28:cspbot", ["name"] = "CspBot" },
        ["conversation"] = new JsonObject { ["id"] = $"{channelId};messageid=1700000000000", ["conversationType"] = "channel", ["isGroup"] = true },
        ["text"] = $"<at>CspBot</at> {text}",
        ["entities"] = new JsonArray(new JsonObject { ["type"] = "mention", ["text"] = "<at>CspBot</at>", ["mentioned"] = new JsonObject { ["id"] = "28:cspbot", ["name"] = "CspBot" } }),
        ["channelData"] = new JsonObject { ["team"] = new JsonObject { ["id"] = teamId, ["name"] = "Haringey CSP" }, ["channel"] = new JsonObject { ["id"] = channelId } },
    };

    /// <summary>Sets the application clock through the operations API.</summary>
    public async Task SetClockAsync(string now) =>
        (await CreateClient().PutAsJsonAsync("/api/admin/clock", new { now })).EnsureSuccessStatusCode();
}
