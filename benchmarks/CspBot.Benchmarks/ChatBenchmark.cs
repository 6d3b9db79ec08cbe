using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CspBot.Core.Domain;
using CspBot.Core.Features.Reports;
using CspBot.Core.Persistence;
using CspBot.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CspBot.Benchmarks;

/// <summary>
/// What people feel in the chat, through the real host, Bot Framework adapter and database: <c>scorecard</c>,
/// <c>my actions</c> and a card submit, each timed from the activity arriving at /api/messages to the reply (in-process,
/// so no network is counted); then the exception report compiled (card, .docx and the stored version).
/// </summary>
internal static class ChatBenchmark
{
    private const int Owners = 50;
    private const int Owner = 7;

    public static async Task<IReadOnlyList<Figure>> RunAsync(int actions, int indicators, int iterations, TextWriter log)
    {
        await using var connector = await ThrottlingConnector.StartAsync();
        using var host = new BenchHost();
        _ = host.Services;
        var period = ReportingPeriod.Parse("2025-26 Q2");
        await host.InScopeAsync(async sp =>
        {
            await PartnershipData.SeedAsync(sp.GetRequiredService<CspDbContext>(), connector.ServiceUrl, period, Owners, actions, indicators, returnedShare: 0.7, quarters: History.Quarters);
            await PartnershipData.SeedPoliceHistoryAsync(sp.GetRequiredService<CspDbContext>(), period, History.PoliceFed, History.Months);
            return 0;
        });
        await host.MoveToDeadlineDayAsync(new DateTimeOffset(2025, 10, 6, 9, 0, 0, TimeSpan.Zero));
        log.WriteLine($"chat: seeded {actions} actions, {indicators} indicators");
        var client = host.CreateClient();

        // What earlier scenarios and the seeding left behind is collected now, not in the middle of a timed request.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var owned = Enumerable.Range(0, actions).Where(i => i % Owners == Owner).Select(i => $"A-{i:D5}").ToList();

        var figures = new List<Figure>();
        var name = $"chat, {actions:N0} actions / {indicators} indicators ({History.Describe})";
        figures.AddRange(await TimeAsync(name, "scorecard", iterations, _ => PostAsync(client, Message(connector.ServiceUrl, PartnershipData.Chair, "scorecard"))));
        figures.AddRange(await TimeAsync(name, "my actions", iterations, _ => PostAsync(client, Message(connector.ServiceUrl, PartnershipData.TeamsUser(Owner), "my actions"))));
        figures.AddRange(await TimeAsync(name, "card submit (save, refreshed list)", iterations, async i =>
        {
            var reference = owned[i % owned.Count];
            var version = await host.InScopeAsync(sp => sp.GetRequiredService<CspDbContext>().Returns
                .Where(r => r.ItemRef == reference && r.Period == period).Select(r => (int?)r.Version).FirstOrDefaultAsync());
            var data = new JsonObject
            {
                ["ref"] = reference, ["period"] = period.Id, ["page"] = 0, ["version"] = version ?? 0,
                ["status"] = "Green", ["commentary"] = $"Update {i}: on track.",
            };
            data = await SealedCardData.ForAsync(host.Services, "cspbot.return.submit", data);
            return () => PostAsync(client, Submit(connector.ServiceUrl, PartnershipData.TeamsUser(Owner), data), expect: "Saved");
        }));

        // The scorecard is rebuilt after any change (its results are reused only while the change history stands
        // still): a return saved before each one, untimed, makes every timed scorecard a rebuild.
        var rebuildOwned = Enumerable.Range(0, actions).Where(i => i % Owners == Owner + 1).Select(i => $"A-{i:D5}").ToList();
        figures.AddRange(await TimeAsync(name, "scorecard right after a return was saved", iterations / 3, async i =>
        {
            var reference = rebuildOwned[i % rebuildOwned.Count];
            var version = await host.InScopeAsync(sp => sp.GetRequiredService<CspDbContext>().Returns
                .Where(r => r.ItemRef == reference && r.Period == period).Select(r => (int?)r.Version).FirstOrDefaultAsync());
            var data = new JsonObject
            {
                ["ref"] = reference, ["period"] = period.Id, ["page"] = 0, ["version"] = version ?? 0,
                ["status"] = "Amber", ["commentary"] = $"Update {i}: slipping.", ["measures"] = "Extra capacity agreed.", ["revisedDate"] = "2026-03-31",
            };
            await PostAsync(client, Submit(connector.ServiceUrl, PartnershipData.TeamsUser(Owner + 1), await SealedCardData.ForAsync(host.Services, "cspbot.return.submit", data)), expect: "Saved");
            return () => PostAsync(client, Message(connector.ServiceUrl, PartnershipData.Chair, "scorecard"));
        }));

        var times = new List<double>();
        for (var i = 0; i < Math.Max(5, iterations / 10) + 3; i++)
        {
            var watch = Stopwatch.StartNew();
            await host.InScopeAsync(sp => sp.GetRequiredService<ReportCompiler>().CompileAsync(period, "benchmark", CancellationToken.None));
            watch.Stop();
            if (i >= 3)
            {
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        times.Sort();
        var reportName = $"exception report, {actions:N0} actions / {indicators} indicators ({History.Describe})";
        figures.Add(new(reportName, "compile (card + .docx + stored version), p50", FigureTable.Ms(FigureTable.Percentile(times, 0.5)), "< 250 ms", FigureTable.Percentile(times, 0.5) < 250));
        figures.Add(new(reportName, "compile, slowest of " + times.Count, FigureTable.Ms(times[^1]), "< 250 ms", times[^1] < 250));
        return figures;
    }

    /// <summary>Times <paramref name="iterations"/> requests after a warm-up; <paramref name="prepare"/> (untimed) returns the timed call.</summary>
    private static async Task<IReadOnlyList<Figure>> TimeAsync(string name, string command, int iterations, Func<int, Task<Func<Task>>> prepare)
    {
        var times = new List<double>(iterations);
        var gen2Before = GC.CollectionCount(2);
        for (var i = 0; i < iterations + 10; i++)
        {
            var call = await prepare(i);
            var watch = Stopwatch.StartNew();
            await call();
            watch.Stop();
            if (i >= 10)
            {
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        var gen2 = GC.CollectionCount(2) - gen2Before;
        var slowest = times.Select((t, i) => (t, i)).OrderByDescending(x => x.t).Take(4).ToList();
        times.Sort();
        var p99 = FigureTable.Percentile(times, 0.99);
        Console.Error.WriteLine($"chat {command}: gen2 collections {gen2}, slowest {string.Join(", ", slowest.Select(x => $"#{x.i} {x.t:0} ms"))}");
        return
        [
            new(name, $"`{command}` p50", FigureTable.Ms(FigureTable.Percentile(times, 0.5))),
            new(name, $"`{command}` p99 ({iterations} requests)", FigureTable.Ms(p99), "< 50 ms", p99 < 50),
        ];
    }

    private static Task<IReadOnlyList<Figure>> TimeAsync(string name, string command, int iterations, Func<int, Task> call) =>
        TimeAsync(name, command, iterations, i => Task.FromResult<Func<Task>>(() => call(i)));

    private static async Task PostAsync(HttpClient client, JsonObject activity, string? expect = null)
    {
        var response = await client.PostAsJsonAsync("/api/messages", activity);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadAsStringAsync();
        if (body.Length < 50 || (expect is not null && !body.Contains(expect, StringComparison.Ordinal)))
        {
            throw new InvalidOperationException("Unexpected reply: " + body[..Math.Min(body.Length, 500)]);
        }
    }

    private static JsonObject Message(string serviceUrl, string from, string text) => new()
    {
        ["type"] = "message",
        ["id"] = Guid.NewGuid().ToString(),
        ["channelId"] = "msteams",
        ["deliveryMode"] = "expectReplies",
        ["serviceUrl"] = serviceUrl,
        ["from"] = new JsonObject { ["id"] = from },
        ["recipient"] = new JsonObject { ["id"] = "28:cspbot", ["name"] = "CspBot" },
        ["conversation"] = new JsonObject { ["id"] = PartnershipData.Conversation(from), ["conversationType"] = "personal", ["tenantId"] = "tenant-1" },
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = "tenant-1" } },
        ["text"] = text,
    };

    private static JsonObject Submit(string serviceUrl, string from, JsonObject data) => new()
    {
        ["type"] = "invoke",
        ["name"] = "adaptiveCard/action",
        ["id"] = Guid.NewGuid().ToString(),
        ["channelId"] = "msteams",
        ["serviceUrl"] = serviceUrl,
        ["from"] = new JsonObject { ["id"] = from },
        ["recipient"] = new JsonObject { ["id"] = "28:cspbot", ["name"] = "CspBot" },
        ["conversation"] = new JsonObject { ["id"] = PartnershipData.Conversation(from), ["conversationType"] = "personal", ["tenantId"] = "tenant-1" },
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = "tenant-1" } },
        ["replyToId"] = "card-1",
        ["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = "cspbot.return.submit", ["data"] = data } },
    };
}
