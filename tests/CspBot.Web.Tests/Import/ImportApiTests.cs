using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CspBot.Core.Persistence;
using CspBot.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CspBot.Web.Tests.Import;

public sealed class ImportApiTests : IAsyncDisposable
{
    private readonly CspBotApp app = new(seedDemo: false);

    [Fact]
    public async Task PostCsv_ValidMembers_Returns200WithCounts()
    {
        var response = await PostCsvAsync("members", "email,name,agency,roles\nsam@police.example,Sam Cole,Metropolitan Police,owner\n");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(1, body["imported"]!["members"]!["created"]!.GetValue<int>());
        Assert.Equal(1, await CountMembersAsync());
    }

    [Fact]
    public async Task PostCsv_BadRows_Returns400ListingEveryProblem_AndImportsNothing()
    {
        var response = await PostCsvAsync("members", "email,name,agency,roles\ngood@police.example,Good,Police,owner\nbad-email,Bad,Police,owner\nx@police.example,,Police,boss\n");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var problems = body["problems"]!.AsArray().Select(p => p!["text"]!.GetValue<string>()).ToList();
        Assert.Equal(
        [
            "members row 3 column 'email': 'bad-email' is not an email address",
            "members row 4 column 'name': required",
            "members row 4 column 'roles': unknown role 'boss' (use chair, officer, owner, member separated by ;)",
        ], problems);
        Assert.Equal(4, body["problems"]![2]!["row"]!.GetValue<int>());
        Assert.Equal(0, await CountMembersAsync());
    }

    [Fact]
    public async Task PostCsv_MeetingsOutsideTheCalendarsRange_AreRefusedAsTheCalendarPageRefusesThem()
    {
        await app.SetClockAsync("2025-10-20T09:00:00Z");

        var response = await PostCsvAsync("meetings", "date,kind\n2026-01-22,board\n2075-10-16,board\n2021-04-01,pmg\n");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problems = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["problems"]!.AsArray().Select(p => p!["text"]!.GetValue<string>()).ToList();
        Assert.Equal(
        [
            "meetings row 3 column 'date': A meeting must fall between 2023-10-20 and 2030-10-20.",
            "meetings row 4 column 'date': A meeting must fall between 2023-10-20 and 2030-10-20.",
        ], problems);
        var refusedByThePage = await app.InScopeAsync(async services =>
            (await services.GetRequiredService<CspBot.Core.Features.Calendar.MeetingCalendar>().AddAsync(new DateOnly(2075, 10, 16), CspBot.Core.Domain.MeetingKind.Board, "test", CspBot.Core.Domain.ChangeSource.Console, CancellationToken.None)).Refusal);
        Assert.Equal("A meeting must fall between 2023-10-20 and 2030-10-20.", refusedByThePage);
    }

    [Fact]
    public async Task PostCsv_UnknownSheet_Returns400()
    {
        var response = await PostCsvAsync("budgets", "a\n1\n");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task PostWorkbook_AsMultipartUpload_Imports()
    {
        using var workbook = CspBot.Web.Tests.Support.Xlsx.Build(("members", [["email", "name", "agency", "roles"], ["sam@police.example", "Sam Cole", "Metropolitan Police", "owner"]]));
        using var form = new MultipartFormDataContent();
        var file = new StreamContent(workbook);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        form.Add(file, "file", "partnership.xlsx");

        var response = await app.CreateClient().PostAsync("/api/admin/import", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, await CountMembersAsync());
    }

    [Fact]
    public async Task PostWorkbook_Garbage_Returns400()
    {
        var response = await app.CreateClient().PostAsync("/api/admin/import", new ByteArrayContent([1, 2, 3]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("is not a readable .xlsx workbook", await response.Content.ReadAsStringAsync());
    }

    private Task<HttpResponseMessage> PostCsvAsync(string sheet, string csv) =>
        app.CreateClient().PostAsync($"/api/admin/import/{sheet}", new StringContent(csv, Encoding.UTF8, "text/csv"));

    private async Task<int> CountMembersAsync()
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<CspDbContext>().Members.CountAsync();
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
