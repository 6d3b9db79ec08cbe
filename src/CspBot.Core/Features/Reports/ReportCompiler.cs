using System.Text.Json;
using System.Text.Json.Nodes;
using CspBot.Core.Cards;
using CspBot.Core.Domain;
using CspBot.Core.Features.Localisation;
using CspBot.Core.Features.Channel;
using CspBot.Core.Features.Conversation;
using CspBot.Core.Features.Decisions;
using CspBot.Core.Features.Messaging;
using CspBot.Core.Features.Returns;
using CspBot.Core.Features.Scorecard;
using CspBot.Core.Persistence;
using CspBot.Core.Scheduling;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CspBot.Core.Features.Reports;

public sealed record CompiledReport(ReportingPeriod Period, int Version, string DocumentUrl, bool Posted);

/// <summary>
/// Compiles the exception report from the returns, keeps every compilation as a dated version (content and .docx),
/// and posts it to the partnership channel.
/// </summary>
public sealed class ReportCompiler(
    CspDbContext db,
    PeriodResultsBuilder results,
    ReportingCycle cycle,
    PartnershipChannel channel,
    ReportFiling filing,
    TimeProvider clock,
    IOptions<PublicLinks> links,
    IBackgroundJobClient jobs,
    DistributedLocks locks,
    ILogger<ReportCompiler> logger)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task<CompiledReport> CompileAsync(ReportingPeriod period, string compiledBy, CancellationToken cancellationToken) =>
        CompileAsync(period, compiledBy, null, cancellationToken);

    /// <param name="paper">The paper's language for this compilation: English, Welsh or bilingual; null for the partnership's default.</param>
    public async Task<CompiledReport> CompileAsync(ReportingPeriod period, string compiledBy, PartnershipLanguage? paper, CancellationToken cancellationToken)
    {
        // The stored content is English, whoever compiles; a Welsh or bilingual paper adds the same compilation in
        // Welsh under the same version number. The channel post is written in the partnership's language by the channel.
        using var english = CultureScope.Use(Language.English);
        // Versions are numbered max + 1: two compilations at once (two officers, or an officer and the schedule, on any
        // instances) take turns and get consecutive versions instead of colliding on the (period, version) key.
        using var held = await locks.AcquireAsync($"report:{period.Id}", cancellationToken);
        var built = await results.BuildAsync(period, cancellationToken);
        var partnership = await channel.PartnershipAsync(cancellationToken);
        var version = (await db.ReportSnapshots.Where(r => r.Period == period).MaxAsync(r => (int?)r.Version, cancellationToken) ?? 0) + 1;
        var inputs = await InputsAsync(partnership.Name, built, version, compiledBy, cancellationToken);
        var report = ExceptionReport.From(inputs) with
        {
            ProtectiveMarking = partnership.ProtectiveMarking,
            Board = partnership.Board,
            ReportOf = partnership.ReportOfficer,
        };
        var language = paper ?? partnership.DefaultLanguage;
        if (language != PartnershipLanguage.English)
        {
            using (CultureScope.Use(Language.Welsh))
            {
                // The target changes' notes are said in Welsh too.
                var welshInputs = inputs with { TargetNotes = await TargetChanges.NotesAsync(db, period, cancellationToken) };
                var welsh = ExceptionReport.From(compiledBy == ExceptionReportJob.Scheduler ? welshInputs with { CompiledBy = ReportText.ScheduledCompiler } : welshInputs) with
                {
                    ProtectiveMarking = partnership.ProtectiveMarking,
                    Board = partnership.Board,
                    ReportOf = partnership.ReportOfficer,
                };
                report = report with { Paper = language, Welsh = welsh };
            }
        }

        // The document is most of a compilation's work (a chart part for each charted indicator): it is written on
        // another core while the stored content and the channel post are made (the culture flows with the task).
        var document = Task.Run(() => ExceptionReportDocument.Write(report), cancellationToken);
        var snapshot = new ReportSnapshot
        {
            Period = period,
            Version = version,
            CompiledAt = clock.GetUtcNow(),
            CompiledBy = compiledBy,
            Content = JsonSerializer.Serialize(report, Json),
        };
        db.ReportSnapshots.Add(snapshot);
        var url = DocumentUrl(links.Value, period, version);
        bool posted;
        if (filing.IsOn)
        {
            // Filed in the channel's Files through Microsoft Graph first (a job), then posted linking the SharePoint copy.
            snapshot.Docx = await document;
            await db.SaveChangesAsync(cancellationToken);
            posted = await filing.QueueAsync(snapshot, cancellationToken);
        }
        else
        {
            posted = await channel.PostAsync(PostKey(period, version), "exception-report", () => Post(report, null), cancellationToken);
            snapshot.Docx = await document;
            await db.SaveChangesAsync(cancellationToken);
            if (posted)
            {
                jobs.Enqueue<OutboxJob>(job => job.SendDueAsync(CancellationToken.None));
            }
        }

        logger.LogInformation("Compiled the {Period} exception report, version {Version} ({Paper}), by {CompiledBy}; posted: {Posted}", period, version, language, compiledBy, posted);
        return new CompiledReport(period, version, url, posted);
    }

    /// <summary>
    /// Everything a compilation needs besides the period's results: the board it goes to and the one after (by the
    /// deadline rule), last quarter's results (which Ambers are new or worse), the officer's words, eight quarters of
    /// each indicator's figures and its SPC judgement, and who compiled it.
    /// </summary>
    private async Task<ReportInputs> InputsAsync(string partnership, PeriodResults built, int version, string compiledBy, CancellationToken cancellationToken)
    {
        var period = built.Period;
        var now = clock.LocalNow();
        var boards = await db.Meetings.AsNoTracking().Where(m => m.Kind == MeetingKind.Board).Select(m => m.Date).ToListAsync(cancellationToken);
        var board = ReportBoards.For((await cycle.DeadlineAsync(period, cancellationToken)).BoardMeeting, boards, DateOnly.FromDateTime(now.DateTime));
        var following = board is { } b ? boards.Where(d => d > b).Order().Select(d => (DateOnly?)d).FirstOrDefault() : null;
        var notes = await db.PeriodSettings.AsNoTracking().FirstOrDefaultAsync(s => s.Period == period, cancellationToken);
        var trends = await IndicatorTrends.ReadAsync(db, built, cancellationToken);
        var compiler = compiledBy == ExceptionReportJob.Scheduler
            ? ReportText.ScheduledCompiler
            : await db.Members.AsNoTracking().Where(m => m.Email == compiledBy).Select(m => m.Name).FirstOrDefaultAsync(cancellationToken) ?? compiledBy;
        return new ReportInputs(partnership, built, now, version)
        {
            Previous = await results.BuildAsync(period.Previous, cancellationToken),
            Board = board,
            FollowingBoard = following,
            Introduction = notes?.ReportIntroduction,
            Recommendations = ReportNotes.Lines(notes?.ReportRecommendations),
            KeyAmbers = ReportNotes.Refs(notes?.KeyAmbers),
            Trends = trends,
            CompiledBy = compiler,
            TargetNotes = await TargetChanges.NotesAsync(db, period, cancellationToken),
            // Judged once, with the results (a second read of every indicator's forty quarters cost the compile a fifth of its time).
            Variation = built.Indicators.Where(i => i.Spc is not null).ToDictionary(i => i.Ref, i => i.Spc!, StringComparer.OrdinalIgnoreCase),
        };
    }

    public static string DocumentUrl(PublicLinks links, ReportingPeriod period, int version) =>
        $"{links.PublicBaseUrl.TrimEnd('/')}/api/reports/{period.Id}/exception-report.docx?version={version}";

    /// <summary>The channel post's outbox key: one post per compilation, however often it is queued.</summary>
    public static string PostKey(ReportingPeriod period, int version) => $"report:{period.Id}:v{version}";

    /// <summary>The channel post, in the language now (the partnership's: called by <see cref="PartnershipChannel"/> once per language).</summary>
    public static BotReply Post(ExceptionReport report, string? sharePointUrl) => ExceptionReportCard.Post(report, sharePointUrl);
}

/// <summary>
/// What the scheduled compilation did, as Hangfire stores it with the job. Plain values only: Hangfire serialises a
/// job's result with Json.NET, and <see cref="ReportingPeriod"/>'s Next/Previous never end (a stack overflow that took
/// the whole process down on the first deadline day).
/// </summary>
public sealed record ScheduledReport(string Period, int Version, bool Posted);

/// <summary>The scheduled compilation: on the deadline day of the open period, once.</summary>
public sealed class ExceptionReportJob(CspDbContext db, ReportCompiler compiler, ReportingCycle cycle, TimeProvider clock, DistributedLocks locks)
{
    public const string Scheduler = "scheduled (deadline day)";

    [AutomaticRetry(Attempts = 3)]
    public async Task<ScheduledReport?> RunAsync(CancellationToken cancellationToken)
    {
        // The schedule firing on two instances: the second waits, then finds today's scheduled compilation.
        using var held = await locks.AcquireAsync("exception-report-job", cancellationToken);
        var today = clock.LocalToday();
        foreach (var period in new[] { cycle.OpenPeriod(), cycle.OpenPeriod().Next })
        {
            if ((await cycle.DeadlineAsync(period, cancellationToken)).Date != today)
            {
                continue;
            }

            var start = new DateTimeOffset(today.ToDateTime(TimeOnly.MinValue), PartnershipTime.Zone.GetUtcOffset(today.ToDateTime(TimeOnly.MinValue)));
            if (await db.ReportSnapshots.AnyAsync(r => r.Period == period && r.CompiledBy == Scheduler && r.CompiledAt >= start, cancellationToken))
            {
                return null;
            }

            var compiled = await compiler.CompileAsync(period, Scheduler, cancellationToken);
            return new ScheduledReport(compiled.Period.Id, compiled.Version, compiled.Posted);
        }

        return null;
    }
}

/// <summary><c>report</c>: an officer compiles the exception report now (a new version) and posts it.</summary>
public sealed class CompileReportCommand(ReportCompiler compiler, ReportSignOff signOff, ReportingCycle cycle) : IBotCommand
{
    public CommandInfo Info { get; } = new("report", "report", Permissions.RunCycle, "compile report", "exception report");

    public async Task<IReadOnlyList<BotReply>> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var compiled = await compiler.CompileAsync(cycle.OpenPeriod(), context.Member.Email, cancellationToken);
        var said = Terms.Format(compiled.Posted ? ReportText.CompiledPosted : ReportText.CompiledHeld, ExceptionReport.PeriodName(compiled.Period), compiled.Version);
        var body = new List<JsonNode> { AdaptiveCard.Text(said) };
        if (ReportSignOff.Warning(await signOff.UncheckedAsync(compiled.Period, cancellationToken)) is { } warning)
        {
            body.Add(AdaptiveCard.Text(warning, color: "Warning"));
        }

        return [BotReply.WithCard(AdaptiveCard.Create(body, [ReportLinkAction.Button(compiled.Period, compiled.Version), ReportSignOff.Button(compiled.Period, compiled.Version, confirmed: false)]), said)];
    }
}
