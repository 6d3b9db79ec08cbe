using CspBot.Core.Features.Graph;
using CspBot.Core.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CspBot.Core.Features.Import;

public static class ImportRegistration
{
    public static IServiceCollection AddImport(this IServiceCollection services)
    {
        services.AddOptions<ImportLimits>().BindConfiguration(ImportLimits.Section)
            .Validate(l => l.MaxUploadBytes > 0 && l.MaxUncompressedBytes > 0 && l.MaxCompressionRatio > 0 && l.MaxRowsPerSheet > 0 && l.MaxColumns > 0 && l.MaxProblemsListed > 0, "Import limits must be positive")
            .ValidateOnStart();
        services.AddOptions<Police.PoliceLimits>().BindConfiguration(Police.PoliceLimits.Section)
            .Validate(l => l.MaxLineLength > 0 && l.MaxHeaderLength > 0 && l.MaxEntries > 0 && l.MaxUncompressedBytes > 0 && l.MaxCompressionRatio > 0, "Police upload limits must be positive")
            .ValidateOnStart();
        return services.AddScoped<PartnershipImporter>();
    }

    /// <summary>POST /import/{sheet} (CSV body) and POST /import (.xlsx body or a multipart upload) under the admin group.</summary>
    public static RouteGroupBuilder MapImport(this RouteGroupBuilder admin)
    {
        admin.MapPost("/import/{sheet}", async (string sheet, bool? dryRun, HttpRequest request, PartnershipImporter importer, MemberReachTrigger reach, CancellationToken ct) =>
        {
            var body = await BodyAsync(request, importer.Limits.MaxUploadBytes, ct);
            if (body is null)
            {
                return TooLarge(importer.Limits);
            }

            var result = await importer.ImportCsvAsync(sheet, body, Actor(request), ct, dryRun == true);
            reach.AfterImport(result);
            return ToHttpResult(result, importer.Limits);
        }).Accepts<string>("text/csv").WithName("ImportSheet");

        admin.MapPost("/import", async (bool? dryRun, HttpRequest request, PartnershipImporter importer, MemberReachTrigger reach, CancellationToken ct) =>
        {
            var body = await BodyAsync(request, importer.Limits.MaxUploadBytes, ct);
            if (body is null)
            {
                return TooLarge(importer.Limits);
            }

            var result = await importer.ImportWorkbookAsync(body, Actor(request), ct, dryRun == true);
            reach.AfterImport(result);
            return ToHttpResult(result, importer.Limits);
        }).WithName("ImportWorkbook");

        // The current data as the import workbook: edit it in Excel and POST it back to /import.
        admin.MapGet("/export.xlsx", async (CspDbContext db, CancellationToken ct) =>
            Results.File(await WorkbookExport.WriteAsync(db, ct), WorkbookExport.ContentType, WorkbookExport.FileName));

        return admin;
    }

    /// <summary>200 with the counts, or 400 with the first <see cref="ImportLimits.MaxProblemsListed"/> problems and how many there were.</summary>
    private static IResult ToHttpResult(ImportResult result, ImportLimits limits) => result.Succeeded
        ? result.DryRun
            ? Results.Ok(new { dryRun = true, wouldImport = result.Sheets, changes = result.Changes.Select(c => new { entity = c.Entity, key = c.EntityKey, field = c.Field, oldValue = c.OldValue, newValue = c.NewValue }), skipped = Skipped(result) })
            : Results.Ok(new { imported = result.Sheets, skipped = Skipped(result) })
        : Results.BadRequest(new
        {
            title = "Nothing was imported: fix these problems and send the file again.",
            problemCount = result.Problems.Count,
            listed = Math.Min(result.Problems.Count, limits.MaxProblemsListed),
            problems = result.Problems.Take(limits.MaxProblemsListed).Select(p => new { sheet = p.Sheet, row = p.Row, column = p.Column, message = p.Message, text = p.ToString() }),
        });

    private static IEnumerable<string> Skipped(ImportResult result) => result.Skipped.Select(p => p.ToString());

    private static IResult TooLarge(ImportLimits limits) =>
        Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: $"Nothing was imported: files may be at most {limits.MaxUploadBytes / (1024 * 1024)} MB (Import:MaxUploadBytes).");

    /// <summary>The raw body, or the first uploaded file of a multipart form (curl -F file=@…); null when too large.</summary>
    private static async Task<Stream?> BodyAsync(HttpRequest request, int maxUploadBytes, CancellationToken ct)
    {
        if (request.ContentLength > maxUploadBytes + (64 * 1024))
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
            if (buffer.Length > maxUploadBytes)
            {
                return null;
            }
        }

        buffer.Position = 0;
        return buffer;
    }

    private static string Actor(HttpRequest request) => request.HttpContext.User.Identity?.Name ?? "operations API";
}
