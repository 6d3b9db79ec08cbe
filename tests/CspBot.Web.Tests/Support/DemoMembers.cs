using System.Net.Http.Json;

namespace CspBot.Web.Tests.Support;

/// <summary>The demo partnership's members (samples/demo/members.csv) as Teams users of a <see cref="FakeConnector"/>.</summary>
public static class DemoMembers
{
    /// <summary>
    /// Demo:Anchor for the tests: the day samples/demo is written for (<c>DemoCalendar.AuthoredFor</c>), so the
    /// tests' fixed clock (20 October 2025) and the demo's calendar agree whatever today is.
    /// </summary>
    public const string AuthoredFor = "2025-10-20";

    public sealed record TeamsUser(string Id, string Email, string Name)
    {
        public string Conversation => "a:" + Id[3..];
    }

    public static IReadOnlyList<TeamsUser> All { get; } = File.ReadLines(Path.Combine(Path.GetDirectoryName(AppProcess.WebAppPath())!, "samples", "demo", "members.csv"))
        .Skip(1)
        .Where(l => l.Length > 0)
        .Select(l => l.Split(','))
        .Select(c => new TeamsUser("29:" + c[0].Split('@')[0].Replace('.', '-'), c[0], c[1]))
        .ToList();

    /// <summary>
    /// Every member writes to the bot once (each through the next of <paramref name="instances"/>), so each has a stored
    /// personal conversation, and the app is added to the partnership's team; returns how many activities the bot sent.
    /// </summary>
    public static async Task ConnectEveryoneAsync(FakeConnector connector, IReadOnlyList<HttpClient> instances)
    {
        var i = 0;
        foreach (var user in All)
        {
            connector.AddUser(user.Id, user.Email, user.Name);
            var response = await instances[i++ % instances.Count].PostAsJsonAsync("/api/messages", CspBotApp.PersonalMessage(connector.ServiceUrl, user.Id, "help", user.Conversation));
            response.EnsureSuccessStatusCode();
        }

        (await instances[0].PostAsJsonAsync("/api/messages", CspBotApp.TeamInstall(connector.ServiceUrl, Channel, "Haringey CSP"))).EnsureSuccessStatusCode();
    }

    /// <summary>The partnership team's General channel, where the digest and the report are posted.</summary>
    public const string Channel = "19:general@thread.tacv2";
}
