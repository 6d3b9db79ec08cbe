using CspBot.Core.Features.Graph;
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
        admin.MapPost("/import/{sheet}", async (string sheet, HttpRequest request, PartnershipImporter importer, MemberReachTrigger reach, CancellationToken ct) =>
        {
            var body = await BodyAsync(request, ct);
            if (body is null)
            {
                return TooLarge();
            }

            var result = await importer.ImportCsvAsync(sheet, body, Actor(request), ct);
            reach.AfterImport(result);
            return ToHttpResult(result);
        }).Accepts<string>("text/csv").WithName("ImportSheet");

        admin.MapPost("/import", async (HttpRequest request, PartnershipImporter importer, MemberReachTrigger reach, CancellationToken ct) =>
        {
            var body = await BodyAsync(request, ct);
            if (body is null)
            {
                return TooLarge();
            }

            var result = await importer.ImportWorkbookAsync(body, Actor(request), ct);
            reach.AfterImport(result);
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

    /// <summary>A partnership's whole workbook is well under this; anything bigger is a mistake (or an attack).</summary>
    public const int MaxUploadBytes = 10 * 1024 * 1024;

    private static IResult TooLarge() =>
        Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: $"Nothing was imported: files may be at most {MaxUploadBytes / (1024 * 1024)} MB.");

    /// <summary>The raw body, or the first uploaded file of a multipart form (curl -F file=@…); null when too large.</summary>
    private static async Task<Stream?> BodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxUploadBytes + (64 * 1024))
        {
            return null;
        }

        Stream source = request.Body;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            source = form.Files.Count > 0 ? form.Files[0].OpenReadStream() : Stream.Null;
        }

        var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await source.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxUploadBytes)
            {
                return null;
            }
        }

        buffer.Position = 0;
        return buffer;
    }

    private static string Actor(HttpRequest request) => request.HttpContext.User.Identity?.Name ?? "operations API";
}
