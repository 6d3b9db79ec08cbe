using CspBot.Core.Features.Import;
using CspBot.Core.Persistence;
using CspBot.Core.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CspBot.Core.Features.Demo;

public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Load the demo partnership into an empty database at start-up (default true in Development only).</summary>
    public bool Seed { get; set; }

    /// <summary>Folder holding the demo CSVs; defaults to the copy of samples/demo shipped next to the app.</summary>
    public string? Path { get; set; }

}

/// <summary>Loads samples/demo through the ordinary importer, so the demo proves the import path too.</summary>
public static class DemoSeeder
{
    public static async Task SeedDemoPartnershipAsync(this IServiceProvider services, DemoOptions options, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CspDbContext>();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DemoSeeder));

        // Instances starting together on one empty database: the first seeds, the others wait and find it seeded.
        using var seeding = await scope.ServiceProvider.GetRequiredService<DistributedLocks>().AcquireAsync("demo-seed", cancellationToken);
        if (await db.Partnerships.AnyAsync(cancellationToken) || await db.Members.AnyAsync(cancellationToken))
        {
            logger.LogInformation("Demo seed skipped: the database already holds a partnership");
            return;
        }

        var folder = options.Path ?? System.IO.Path.Combine(AppContext.BaseDirectory, "samples", "demo");
        var tables = new List<ImportTable>();
        var problems = new List<ImportProblem>();
        var importer = scope.ServiceProvider.GetRequiredService<PartnershipImporter>();
        foreach (var sheet in ImportSheets.All)
        {
            var file = System.IO.Path.Combine(folder, sheet.Name + ".csv");
            await using var stream = File.OpenRead(file);
            tables.Add(ImportFileReaders.ReadCsv(sheet.Name, stream, problems, importer.Limits));
        }

        var result = await importer.ImportAsync(tables, problems, "demo seed", cancellationToken);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("The demo data in " + folder + " does not import: " + string.Join("; ", result.Problems));
        }

        logger.LogInformation("Demo partnership loaded from {Folder}", folder);
    }
}
