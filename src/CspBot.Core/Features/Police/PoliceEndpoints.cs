using CspBot.Core.Domain;
using CspBot.Core.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace CspBot.Core.Features.Police;

public static class PoliceEndpoints
{
    /// <summary>
    /// POST /police-data: data.police.uk street files (multipart: any number of .csv and .zip files; or one as the raw
    /// body, named by <c>?name=</c>), read as they arrive. PUT /indicators/{ref}/values/{period}: an officer's figure
    /// over a counted one, with the reason.
    /// </summary>
    public static RouteGroupBuilder MapPoliceData(this RouteGroupBuilder admin)
    {
        admin.MapPost("/police-data", async (string? name, HttpContext http, CspDbContext db, TimeProvider clock, IOptions<PoliceLimits> limits, ILoggerFactory loggers, CancellationToken ct) =>
        {
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = PoliceUpload.MaxUploadBytes;
            }

            if (http.Request.ContentLength > PoliceUpload.MaxUploadBytes)
            {
                return TooLarge();
            }

            await using var upload = await PoliceUpload.StartAsync(db, clock, loggers.CreateLogger("CspBot.Core.Features.Police.PoliceUpload"), ct, limits.Value);
            try
            {
                if (MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var type) && type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
                {
                    var boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value;
                    if (string.IsNullOrEmpty(boundary))
                    {
                        return Results.BadRequest(new { title = "Nothing was counted: the multipart upload has no boundary." });
                    }

                    var reader = new MultipartReader(boundary, http.Request.Body);
                    for (var section = await reader.ReadNextSectionAsync(ct); section is not null; section = await reader.ReadNextSectionAsync(ct))
                    {
                        if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) && disposition.IsFileDisposition())
                        {
                            await upload.AddAsync(HeaderUtilities.RemoveQuotes(disposition.FileName.HasValue ? disposition.FileName : disposition.FileNameStar).Value ?? "upload", section.Body, ct);
                        }
                    }
                }
                else
                {
                    await upload.AddAsync(name ?? (type?.MediaType.Value?.Contains("zip", StringComparison.OrdinalIgnoreCase) == true ? "upload.zip" : "upload.csv"), http.Request.Body, ct);
                }
            }
            catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                return TooLarge();
            }
            catch (IOException ex) when (ex.Message.Contains("Unexpected end of", StringComparison.OrdinalIgnoreCase))
            {
                return Results.BadRequest(new { title = "Nothing was counted: the upload ended before its last file did." });
            }

            var result = await upload.SaveAsync(http.User.Identity?.Name ?? "operations API", ChangeSource.Api, ct);
            return result.Saved ? Results.Ok(Answer(result)) : Results.BadRequest(Answer(result));
        }).DisableAntiforgery().WithName("UploadPoliceData");

        admin.MapPut("/indicators/{reference}/values/{period}", async (string reference, string period, OverrideRequest request, HttpContext http, CspDbContext db, TimeProvider clock, CancellationToken ct) =>
        {
            if (!ReportingPeriod.TryParse(period, out var parsed))
            {
                return PeriodRoute.BadPeriod(period);
            }

            var done = await PoliceOverrides.SetAsync(db, clock, reference, parsed, request.Actual, request.Reason, http.User.Identity?.Name ?? "operations API", ChangeSource.Api, ct);
            return done.Refused ? Results.BadRequest(new { title = done.Refusal }) : Results.Ok(new { @ref = reference.ToUpperInvariant(), period = parsed.ToString(), actual = done.Value!.Actual, reason = done.Value.OverrideReason });
        });

        return admin;
    }

    public sealed record OverrideRequest(decimal? Actual, string? Reason);

    /// <summary>What the upload answers: per file what was counted, then the figures stored and the months still missing.</summary>
    public static object Answer(PoliceUploadResult result) => new
    {
        title = result.Summary,
        saved = result.Saved,
        files = result.Counted.Select(f => new
        {
            file = f.FileName,
            month = f.Month,
            force = f.Force,
            rows = f.Rows,
            noLocation = f.NoLocation,
            malformed = f.Malformed,
            malformedLines = f.Examples.Select(e => new { line = e.Line, problem = e.Problem }),
        }),
        skipped = result.Skipped.Select(s => new { file = s.FileName, reason = s.Reason }),
        refused = result.Refused.Select(s => new { file = s.FileName, reason = s.Reason }),
        figures = result.Figures.Select(f => new
        {
            @ref = f.Figure.Ref,
            period = f.Figure.Period.ToString(),
            outcome = f.Outcome,
            actual = f.Figure.Actual,
            previousYear = f.Figure.PreviousYear,
            comparisonChangePct = f.Figure.ComparisonChangePct,
            msgChangePct = f.Figure.MsgChangePct,
            missingMonths = f.Figure.Missing,
        }),
        licence = PoliceData.Attribution,
    };

    private static IResult TooLarge() => Results.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: $"Nothing was counted: an upload of police data may be at most {PoliceUpload.MaxUploadBytes / (1024 * 1024 * 1024)} GB. Send the months in several uploads.");
}
