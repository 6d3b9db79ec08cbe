using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CspBot.Core.Features.Import;
using CspBot.Core.Persistence;
using CspBot.Testing;
using CspBot.Web.Console;
using CspBot.Web.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CspBot.Web.Tests.Console;

/// <summary>
/// Templates are templates: every file the Import page offers, downloaded as an officer and imported as downloaded
/// into the demo partnership, changes nothing (its example row is skipped, and said to be), and its headers are the
/// importer's columns.
/// </summary>
public sealed class ImportTemplateTests : IAsyncDisposable
{
    private readonly CspBotApp app = new(seedDemo: true);

    [Fact]
    public async Task EveryTemplate_DownloadedAndImportedIntoTheDemo_ChangesNothing_AndSaysItSkippedTheExample()
    {
        var files = ImportTemplates.Files();
        Assert.Equal(ImportSheets.All.Count + 1, files.Count); // one CSV per sheet and the workbook
        var officer = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var priya = await app.InScopeAsync(async services => await services.GetRequiredService<CspDbContext>().Members.Where(m => m.Email == "priya.shah@council.example").Select(m => m.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await officer.PostAsync("/console/sign-in/act-as", await CspBotHost.PickerFormAsync(officer, priya, "/console"))).StatusCode);
        var history = await HistoryCountAsync();
        var api = app.CreateClient();

        foreach (var file in files)
        {
            var download = await officer.GetAsync($"/console/templates/{file}");
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            var bytes = await download.Content.ReadAsByteArrayAsync();
            var sheet = Path.GetFileNameWithoutExtension(file);
            HttpContent body;
            if (file.EndsWith(".csv", StringComparison.Ordinal))
            {
                var header = Encoding.UTF8.GetString(bytes).Split('\n')[0].TrimEnd('\r');
                Assert.Equal(string.Join(',', ImportSheets.Find(sheet)!.Columns), header);
                body = new ByteArrayContent(bytes) { Headers = { ContentType = new MediaTypeHeaderValue("text/csv") } };
            }
            else
            {
                body = new ByteArrayContent(bytes) { Headers = { ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet") } };
            }

            var route = file.EndsWith(".csv", StringComparison.Ordinal) ? $"/api/admin/import/{sheet}" : "/api/admin/import";
            var dry = await api.PostAsync(route + "?dryRun=true", body);
            var text = await dry.Content.ReadAsStringAsync();
            Assert.True(dry.StatusCode == HttpStatusCode.OK, $"{file}: {text}");
            var result = JsonNode.Parse(text)!;
            Assert.Empty(result["changes"]!.AsArray());
            Assert.All(result["wouldImport"]!.AsObject(), s => Assert.Equal(0, s.Value!["created"]!.GetValue<int>() + s.Value!["updated"]!.GetValue<int>()));
            var skipped = result["skipped"]!.AsArray().Select(s => s!.GetValue<string>()).ToList();
            Assert.Equal(file.EndsWith(".csv", StringComparison.Ordinal) ? 1 : ImportSheets.All.Count, skipped.Count);
            Assert.All(skipped, s => Assert.Contains("is the template's example row", s));

            // Applied as downloaded, too: still nothing changes.
            var applied = await api.PostAsync(route, body);
            Assert.True(applied.StatusCode == HttpStatusCode.OK, $"{file}: {await applied.Content.ReadAsStringAsync()}");
        }

        Assert.Equal(history, await HistoryCountAsync());
    }

    private Task<int> HistoryCountAsync() => app.InScopeAsync(services => services.GetRequiredService<CspDbContext>().ChangeHistory.CountAsync());

    public ValueTask DisposeAsync() => app.DisposeAsync();
}
