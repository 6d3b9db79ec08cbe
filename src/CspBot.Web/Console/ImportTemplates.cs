using Microsoft.AspNetCore.StaticFiles;

namespace CspBot.Web.Console;

/// <summary>The import templates (samples/templates, shipped with the app) for the Import page to offer.</summary>
public static class ImportTemplates
{
    public static IReadOnlyList<string> Files() =>
        Directory.Exists(Folder)
            ? [.. Directory.EnumerateFiles(Folder).Select(Path.GetFileName).OfType<string>().Where(f => f.EndsWith(".csv", StringComparison.Ordinal) || f.EndsWith(".xlsx", StringComparison.Ordinal)).Order(StringComparer.Ordinal)]
            : [];

    public static RouteGroupBuilder MapImportTemplates(this RouteGroupBuilder console)
    {
        console.MapGet("/templates/{file}", (string file) =>
        {
            // Only a name from the list: no path can be smuggled in.
            if (!Files().Contains(file, StringComparer.Ordinal))
            {
                return Results.NotFound();
            }

            new FileExtensionContentTypeProvider().TryGetContentType(file, out var type);
            return Results.File(Path.Combine(Folder, file), type ?? "application/octet-stream", file);
        }).RequireAuthorization(ConsoleAccess.RunCycle);
        return console;
    }

    private static string Folder => Path.Combine(AppContext.BaseDirectory, "samples", "templates");
}
