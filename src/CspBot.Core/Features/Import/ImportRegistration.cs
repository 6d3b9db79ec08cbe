using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CspBot.Core.Features.Import;

public static class ImportRegistration
{
    public static IServiceCollection AddImport(this IServiceCollection services) => services.AddScoped<PartnershipImporter>();

    /// <summary>POST /import/{sheet} (CSV body) and POST /import (.xlsx body or a multipart upload) under the admin group.</summary>
    public static RouteGroupBuilder MapImport(this RouteGroupBuilder admin)
    {
        admin.MapPost("/import/{sheet}", async (string sheet, HttpRequest request, PartnershipImporter importer, CancellationToken ct) =>
        {
            var result = await importer.ImportCsvAsync(sheet, await BodyAsync(request, ct), Actor(request), ct);
            return ToHttpResult(result);
        }).Accepts<string>("text/csv").WithName("ImportSheet");

        admin.MapPost("/import", async (HttpRequest request, PartnershipImporter importer, CancellationToken ct) =>
        {
            var result = await importer.ImportWorkbookAsync(await BodyAsync(request, ct), Actor(request), ct);
            return ToHttpResult(result);
        }).WithName("ImportWorkbook");

        return admin;
    }

    private static IResult ToHttpResult(ImportResult result) => result.Succeeded
        ? Results.Ok(new { imported = result.Sheets })
        : Results.BadRequest(new
        {
            title = "Nothing was imported: fix these problems and send the file again.",
            problems = result.Problems.Select(p => new { sheet = p.Sheet, row = p.Row, column = p.Column, message = p.Message, text = p.ToString() }),
        });

    /// <summary>The raw body, or the first uploaded file of a multipart form (curl -F file=@…).</summary>
    private static async Task<Stream> BodyAsync(HttpRequest request, CancellationToken ct)
    {
        var buffer = new MemoryStream();
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            if (form.Files.Count > 0)
            {
                await form.Files[0].CopyToAsync(buffer, ct);
            }
        }
        else
        {
            await request.Body.CopyToAsync(buffer, ct);
        }

        buffer.Position = 0;
        return buffer;
    }

    private static string Actor(HttpRequest request) => request.HttpContext.User.Identity?.Name ?? "operations API";
}
