using System.Globalization;
using CspBot.Core.Domain;
using CspBot.Core.Features.Deadlines;
using CspBot.Core.Features.Import;
using CspBot.Core.Features.Returns;
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

    /// <summary>
    /// The day the demo is laid out around (yyyy-MM-dd): its open period is the one open that day. Unset, it is today,
    /// so the demo is alive whenever it is started; the tests set the day the files were written for.
    /// </summary>
    public DateOnly? Anchor { get; set; }

    /// <summary>Load the demo's returns (samples/demo/returns.csv): the open period part-returned, Reds and Ambers among them.</summary>
    public bool Returns { get; set; } = true;

    /// <summary>Count the demo's police street files (DemoPoliceData) into its police-fed indicators.</summary>
    public bool Police { get; set; } = true;
}

/// <summary>
/// Loads samples/demo through the ordinary importer, so the demo proves the import path too, moved to the quarter of
/// <see cref="DemoOptions.Anchor"/> (<see cref="DemoCalendar"/>); then the owners' returns, as each owner, at the
/// time each was sent.
/// </summary>
public static class DemoSeeder
{
    /// <summary>Demo only, not an import sheet: returns as owners sent them.</summary>
    public const string ReturnsFile = "returns.csv";

    /// <summary>How <see cref="ReturnsFile"/> writes when a return was sent: local time, to the minute.</summary>
    private const string SentFormat = "yyyy-MM-dd'T'HH:mm";

    public static async Task SeedDemoPartnershipAsync(this IServiceProvider services, DemoOptions options, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var db = provider.GetRequiredService<CspDbContext>();
        var clock = provider.GetRequiredService<TimeProvider>();
        var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DemoSeeder));

        // Instances starting together on one empty database: the first seeds, the others wait and find it seeded.
        using var seeding = await provider.GetRequiredService<DistributedLocks>().AcquireAsync("demo-seed", cancellationToken);
        if (await db.Partnerships.AnyAsync(cancellationToken) || await db.Members.AnyAsync(cancellationToken))
        {
            logger.LogInformation("Demo seed skipped: the database already holds a partnership");
            return;
        }

        var folder = options.Path ?? System.IO.Path.Combine(AppContext.BaseDirectory, "samples", "demo");
        var calendar = new DemoCalendar(options.Anchor ?? clock.LocalToday());
        var deadlines = provider.GetRequiredService<DeadlineCalculator>();
        var boards = DemoBoards.On(calendar.Anchor, deadlines, provider.GetRequiredService<WorkingDayCalendar>());
        var importer = provider.GetRequiredService<PartnershipImporter>();
        var problems = new List<ImportProblem>();
        var tables = ImportSheets.All.Select(sheet => sheet.Name == ImportSheets.Meetings
            ? MeetingsOf(boards)
            : Shifted(Read(folder, sheet.Name + ".csv", problems, importer.Limits), calendar)).ToList();
        var result = await importer.ImportAsync(tables, problems, "demo seed", cancellationToken, bounds: new Calendar.CalendarBounds(calendar.Anchor));
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("The demo data in " + folder + " does not import: " + string.Join("; ", result.Problems));
        }

        // The police-fed indicators are counted from street files, as a partnership's would be (DemoPoliceData).
        if (options.Police)
        {
            await CountPoliceDataAsync(db, calendar, clock, logger, cancellationToken);
        }

        var returns = options.Returns ? await AddReturnsAsync(db, Read(folder, ReturnsFile, problems, importer.Limits), calendar, clock, cancellationToken) : 0;
        var deadline = deadlines.OpenPeriod(calendar.Anchor, await db.Meetings.AsNoTracking().ToListAsync(cancellationToken));
        if (deadline != boards.Deadline)
        {
            throw new InvalidOperationException($"The demo's calendar for {calendar.Anchor} gives {deadline.Period} the deadline {deadline.Date} ({deadline.HowDecided}), not {boards.Deadline.Date} as laid out.");
        }

        // The last working days of a quarter: the deadline has passed (or is today), so the paper has been compiled, as
        // the schedule compiles it on the deadline day, for the board it goes to.
        if (!boards.Collecting)
        {
            await CompilePaperAsync(provider, boards, calendar, clock, cancellationToken);
        }

        logger.LogInformation(
            "Demo partnership loaded from {Folder} for {Anchor} (moved {Quarters} quarters): open period {Period}, deadline {Deadline} {HowDecided}, collecting {Collecting}, {Returns} returns",
            folder,
            calendar.Anchor,
            calendar.Quarters,
            deadline.Period,
            deadline.Date,
            deadline.HowDecided,
            boards.Collecting,
            returns);
    }

    /// <summary>The meetings sheet as the demo lays it out for its day (<see cref="DemoBoards"/>), in place of meetings.csv (written for <see cref="DemoCalendar.AuthoredFor"/>).</summary>
    public static ImportTable MeetingsOf(DemoBoards boards) => new(
        ImportSheets.Meetings,
        ["date", "kind"],
        [.. boards.Meetings.Select((m, i) => new ImportRow(i + 2, new Dictionary<string, string>
        {
            ["date"] = m.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["kind"] = m.Kind == MeetingKind.Board ? "board" : "pmg",
        }))]);

    private static ImportTable Read(string folder, string file, List<ImportProblem> problems, ImportLimits limits)
    {
        var path = System.IO.Path.Combine(folder, file);
        using var stream = File.OpenRead(path);
        var table = ImportFileReaders.ReadCsv(System.IO.Path.GetFileNameWithoutExtension(file), stream, problems, limits);
        return problems.Count == 0 ? table : throw new InvalidOperationException($"The demo file {path} does not read: " + string.Join("; ", problems));
    }

    /// <summary>Every period and date cell moved to the anchor's quarter.</summary>
    private static ImportTable Shifted(ImportTable table, DemoCalendar calendar) => table with
    {
        Rows = table.Rows.Select(row => row with
        {
            Cells = row.Cells.ToDictionary(
                cell => cell.Key,
                cell => cell.Key switch
                {
                    "period" or "due_period" => calendar.ShiftPeriodText(cell.Value),
                    "revised_date" => calendar.ShiftDateText(cell.Value),
                    "submitted_at" => Shift(cell.Value, calendar),
                    _ => cell.Value,
                }),
        }).ToList(),
    };

    private static string Shift(string localTime, DemoCalendar calendar)
    {
        var written = DateTime.ParseExact(localTime, SentFormat, CultureInfo.InvariantCulture);
        var day = calendar.Shift(DateOnly.FromDateTime(written));
        return day.ToDateTime(TimeOnly.FromDateTime(written)).ToString(SentFormat, CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Each return saved as its owner at the time they sent it, by the rules a card submission meets, with history. A
    /// return the move would date after now (the anchor early in its quarter) is dated just before it instead; "now" on
    /// another anchor than today is 09:00 that day.
    /// </summary>
    private static async Task CountPoliceDataAsync(CspDbContext db, DemoCalendar calendar, TimeProvider clock, ILogger logger, CancellationToken cancellationToken)
    {
        await using var upload = await Police.PoliceUpload.StartAsync(db, clock, logger, cancellationToken);
        foreach (var (fileName, csv) in DemoPoliceData.Files(calendar.Shift(DeadlineCalculator.OpenPeriodOn(DemoCalendar.AuthoredFor))))
        {
            await upload.AddAsync(fileName, new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv)), cancellationToken);
        }

        var counted = await upload.SaveAsync("demo seed", ChangeSource.Import, cancellationToken);
        if (!counted.Saved)
        {
            throw new InvalidOperationException("The demo's police street files do not count: " + counted.Summary);
        }
    }

    private static async Task<int> AddReturnsAsync(CspDbContext db, ImportTable table, DemoCalendar calendar, TimeProvider clock, CancellationToken cancellationToken)
    {
        var actions = await db.Actions.Select(a => a.Ref).ToListAsync(cancellationToken);
        var now = calendar.Anchor == clock.LocalToday() ? clock.GetUtcNow() : At(calendar.Anchor.ToDateTime(new TimeOnly(9, 0)));
        var late = 0;

        // Earlier quarters' returns were checked by the officer long ago; the open quarter's wait for them.
        var open = DeadlineCalculator.OpenPeriodOn(calendar.Anchor);
        var officer = await db.Members.AsNoTracking().Where(m => (m.Roles & Permissions.CheckReturns) != 0).OrderBy(m => m.Id).Select(m => m.Email).FirstOrDefaultAsync(cancellationToken);
        foreach (var row in Shifted(table, calendar).Rows)
        {
            var kind = actions.Contains(row["ref"]) ? ItemKind.Action : ItemKind.Indicator;
            var local = DateTime.ParseExact(row["submitted_at"], SentFormat, CultureInfo.InvariantCulture);
            var sent = At(local);
            if (sent > now)
            {
                sent = now.AddMinutes(-10 * ++late);
            }

            var input = new ReturnInput(row["status"], row["commentary"], row["measures_to_improve"], row["revised_date"], row["actual"]);
            var errors = ReturnRules.Validate(kind, input, DateOnly.FromDateTime(local), out var values);
            if (errors.Count > 0)
            {
                throw new InvalidOperationException($"{ReturnsFile} row {row.Number} is not a valid return: {string.Join("; ", errors.Values)}");
            }

            db.Returns.Add(new Return
            {
                ItemKind = kind,
                ItemRef = row["ref"],
                Period = ReportingPeriod.Parse(row["period"]),
                Status = values.Status,
                Actual = values.Actual,
                Commentary = values.Commentary,
                MeasuresToImprove = values.Measures,
                RevisedDate = values.RevisedDate,
                SubmittedBy = row["submitted_by"],
                SubmittedAt = sent,
                UpdatedAt = sent,
                Source = ChangeSource.Teams,
            });
            await db.SaveChangesWithHistoryAsync(row["submitted_by"], ChangeSource.Teams, sent, cancellationToken);
            if (ReportingPeriod.Parse(row["period"]) < open && officer is not null)
            {
                var checkedReturn = db.Returns.Local.Single(r => r.ItemRef == row["ref"] && r.Period == ReportingPeriod.Parse(row["period"]));
                (checkedReturn.Check, checkedReturn.CheckedBy, checkedReturn.CheckedAt) = (ReturnCheck.Accepted, officer, sent.AddDays(2));
                await db.SaveChangesWithHistoryAsync(officer, ChangeSource.Teams, sent.AddDays(2), cancellationToken);
            }
        }

        return table.Rows.Count;
    }

    private static DateTimeOffset At(DateTime local) => new(local, PartnershipTime.Zone.GetUtcOffset(local));

    /// <summary>The open period's paper, compiled as the schedule does at 09:00 on the deadline day (or now, if that is earlier).</summary>
    private static async Task CompilePaperAsync(IServiceProvider provider, DemoBoards boards, DemoCalendar calendar, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = calendar.Anchor == clock.LocalToday() ? clock.GetUtcNow() : At(calendar.Anchor.ToDateTime(new TimeOnly(9, 0)));
        var scheduled = At(boards.Deadline.Date.ToDateTime(new TimeOnly(9, 0)));
        var compiler = ActivatorUtilities.CreateInstance<Reports.ReportCompiler>(provider, new FixedClock(scheduled < now ? scheduled : now));
        await compiler.CompileAsync(boards.Open, Reports.ExceptionReportJob.Scheduler, cancellationToken);
    }

    /// <summary>A clock stopped at one instant: the compilation dated as it would have been made.</summary>
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
    }
}
