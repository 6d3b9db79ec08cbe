using System.Net;
using System.Text.Json.Nodes;
using CspBot.Core.Persistence;
using CspBot.Web.Tests.Support;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CspBot.Web.Tests.Returns;

/// <summary>Nothing one owner types can break anyone else's output: each odd text is saved normalised and the report still compiles.</summary>
public sealed class OddCharacterTests : IAsyncLifetime
{
    private readonly CspBotApp app = new(seedDemo: true);
    private FakeConnector connector = null!;

    public async Task InitializeAsync()
    {
        connector = await FakeConnector.StartAsync();
        connector.AddUser("29:mark", "mark.reid@met.police.example", "DI Mark Reid");
        await app.SetClockAsync("2025-10-20T09:00:00Z");
    }

    public async Task DisposeAsync()
    {
        await connector.DisposeAsync();
        await app.DisposeAsync();
    }

    public static TheoryData<string, string> Texts => new()
    {
        { "Word's line break\u000Bsecond line", "Word's line break\nsecond line" },
        { "start\u0001\u0002\u0007end", "startend" },
        { "windows\r\nline\rends", "windows\nline\nends" },
        { "a NUL\u0000 and a DEL\u007F", "a NUL and a DEL" },
        { "bidi \u202Eoverride\u202C here", "bidi override here" },
        { "form\ffeed and \u0085 next line", "form\nfeed and \n next line" },
        { "emoji 🔴 and tab\tkept", "emoji 🔴 and tab\tkept" },
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public async Task OddCommentary_IsSavedNormalised_AndTheReportStillCompiles(string typed, string stored)
    {
        var data = new JsonObject { ["ref"] = "VIO-03", ["period"] = "2025-26-Q2", ["page"] = 0, ["version"] = 0, ["actual"] = "80", ["commentary"] = typed };

        var saved = await app.InvokeCardActionAsync(connector.ServiceUrl, "29:mark", "cspbot.return.submit", data, "a:mark");

        Assert.Contains("Saved VIO-03", saved.ToJsonString());
        using (var scope = app.Services.CreateScope())
        {
            Assert.Equal(stored, (await scope.ServiceProvider.GetRequiredService<CspDbContext>().Returns.SingleAsync(r => r.ItemRef == "VIO-03")).Commentary);
        }

        var compiled = await app.CreateClient().PostAsync("/api/admin/jobs/exception-report/run", null);
        Assert.Equal(HttpStatusCode.OK, compiled.StatusCode);
        var document = await app.CreateClient().GetAsync("/api/reports/2025-26-Q2/exception-report.docx");
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        using var word = WordprocessingDocument.Open(new MemoryStream(await document.Content.ReadAsByteArrayAsync()), false);
        Assert.NotNull(word.MainDocumentPart?.Document.Body);
        var audit = await app.CreateClient().GetAsync("/api/admin/periods/2025-26-Q2/audit.csv");
        Assert.Equal(HttpStatusCode.OK, audit.StatusCode);
    }
}
