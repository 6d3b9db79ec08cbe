using System.Text.Json;
using System.Text.Json.Nodes;
using CspBot.Core.Cards;
using CspBot.Core.Domain;
using CspBot.Core.Features.Localisation;
using CspBot.Core.Features.Conversation;
using CspBot.Core.Features.Messaging;
using CspBot.Core.Features.Returns;
using CspBot.Core.Persistence;
using CspBot.Core.Scheduling;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CspBot.Core.Features.Reports;

public sealed record SignOffResult(string Message, bool SignedOff, IReadOnlyList<OwedItem> Unchecked, int? Version = null)
{
    /// <summary>Refused only because returns are pending: the same sign-off, confirmed, would go ahead.</summary>
    public bool NeedsConfirmation { get; init; }
}

/// <summary>
/// Sign-off of a compiled version for the board, by an officer or the chair: who and when are stored with the version and
/// printed on the paper, and the chair is told with the paper's link. Returns still awaiting check or queried are named
/// first, and signing off over them must be confirmed.
/// </summary>
public sealed class ReportSignOff(CspDbContext db, OwedItems owed, Outbox outbox, PersonalLanguage languages, TimeProvider clock, IBackgroundJobClient jobs, ILogger<ReportSignOff> logger)
{
    public const string Verb = "cspbot.report.signoff";

    /// <summary>The refusal to a member who is neither an officer nor the chair, in the language now.</summary>
    public static string NotAllowed => ReportText.SignOffNotAllowed;

    /// <summary>The period's returns still awaiting check or queried, which a compile or sign-off warns about.</summary>
    public async Task<IReadOnlyList<OwedItem>> UncheckedAsync(ReportingPeriod period, CancellationToken cancellationToken) =>
        [.. (await owed.AllAsync(period, cancellationToken)).Where(i => i.AwaitingCheck || i.Queried)];

    /// <summary>"3 returns are not yet checked: DV-03 (awaiting check), …", or null when every return is checked; in the language now.</summary>
    public static string? Warning(IReadOnlyList<OwedItem> pending)
    {
        if (pending.Count == 0)
        {
            return null;
        }

        var named = string.Join(", ", pending.Take(20).Select(i => Terms.Format(i.Queried ? ReportText.UncheckedQueried : ReportText.UncheckedAwaiting, i.Ref)));
        var list = pending.Count > 20 ? Terms.Format(ReportText.UncheckedMore, named, pending.Count - 20) : named;
        return Counted.In(ReportText.ResourceManager, "Unchecked", pending.Count, list);
    }

    /// <summary>The button that signs a version off (from the compile reply, the sign-off warning and the console).</summary>
    public static JsonObject Button(ReportingPeriod period, int version, bool confirmed, string? title = null) =>
        AdaptiveCard.Execute(title ?? ReportText.SignOffButton, Verb, new JsonObject { ["period"] = period.Id, ["version"] = version, ["confirmed"] = confirmed }, style: "positive");

    /// <summary>The period whose report <c>sign off</c> means: the open period once it has been compiled, else the one before.</summary>
    public async Task<ReportingPeriod> PeriodToSignAsync(ReportingPeriod open, CancellationToken cancellationToken) =>
        await db.ReportSnapshots.AnyAsync(r => r.Period == open, cancellationToken) ? open : open.Previous;

    /// <param name="version">The version shown to the signer; null for the latest.</param>
    public async Task<SignOffResult> SignOffAsync(Member member, ReportingPeriod period, int? version, bool confirmed, ChangeSource source, CancellationToken cancellationToken)
    {
        // What the signer is told is in the language now (theirs); the paper's line in the paper's language, each chair's card in theirs.
        if (!member.May(Permissions.SignOff))
        {
            logger.LogWarning("{Member} tried to sign off the {Period} report without being an officer or the chair", member.Email, period);
            return new SignOffResult(NotAllowed, false, []);
        }

        var latest = await db.ReportSnapshots.Where(r => r.Period == period).MaxAsync(r => (int?)r.Version, cancellationToken);
        if (latest is null)
        {
            return new SignOffResult(SignOffWords.NothingCompiled(period, member, source), false, []);
        }

        if (version is { } shown && shown != latest)
        {
            return new SignOffResult(Terms.Format(ReportText.SignOffNotLatest, shown, ExceptionReport.PeriodName(period), latest), false, [], latest);
        }

        var snapshot = await db.ReportSnapshots.FirstAsync(r => r.Period == period && r.Version == latest, cancellationToken);
        if (snapshot.SignedOffBy is { } by)
        {
            var who = (await db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.Email == by, cancellationToken))?.Name ?? by;
            var on = ExceptionReport.LongDate(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(snapshot.SignedOffAt!.Value, PartnershipTime.Zone).DateTime));
            return new SignOffResult(Terms.Format(ReportText.SignOffAlready, latest, ExceptionReport.PeriodName(period), who, on), false, [], latest);
        }

        var pending = await UncheckedAsync(period, cancellationToken);
        if (pending.Count > 0 && !confirmed)
        {
            return new SignOffResult($"{Warning(pending)} {SignOffWords.AnywayOrCheck(member, source)}", false, pending, latest) { NeedsConfirmation = true };
        }

        var now = clock.GetUtcNow();
        var stored = JsonSerializer.Deserialize<ExceptionReport>(snapshot.Content, ReportCompiler.Json)!;
        ExceptionReport report;
        using (CultureScope.Use(Language.English))
        {
            report = stored with { SignedOff = SignedOffLine(clock.LocalToday(), member.Name, pending.Count) };
        }

        if (stored.Welsh is { } welsh)
        {
            // The Welsh paper of the same version says it in Welsh (its English half, when bilingual, in English).
            using (CultureScope.Use(Language.Welsh))
            {
                report = report with { Welsh = welsh with { SignedOff = SignedOffLine(clock.LocalToday(), member.Name, pending.Count) } };
            }
        }

        snapshot.SignedOffBy = member.Email;
        snapshot.SignedOffAt = now;
        snapshot.Content = JsonSerializer.Serialize(report, ReportCompiler.Json);
        snapshot.Docx = ExceptionReportDocument.Write(report);

        // The chair (or chairs) hear of it with the paper's link, unless they signed it off themselves.
        var chairs = await db.Members.AsNoTracking().Where(m => (m.Roles & MemberRoles.Chair) != 0 && m.Id != member.Id).ToListAsync(cancellationToken);
        var said = Said(report, period, latest.Value, member.Name);
        foreach (var chair in chairs)
        {
            using (CultureScope.Use(await languages.ForAsync(chair, null, cancellationToken)))
            {
                var told = Said(report, period, latest.Value, member.Name);
                var card = AdaptiveCard.Create(
                    [AdaptiveCard.Heading(Terms.Format(ReportText.PaperSignedOff, ExceptionReport.PeriodName(period))), AdaptiveCard.Text(told), AdaptiveCard.Text(InLanguage(report).SignedOff!, isSubtle: true)],
                    [ReportLinkAction.Button(period, latest.Value)]);
                await outbox.EnqueueAsync($"signoff:{period.Id}:v{latest}:{chair.Id}", "sign-off", chair.Id, null, BotReply.WithCard(card, told), cancellationToken);
            }
        }

        await db.SaveChangesWithHistoryAsync(member.Email, source, now, cancellationToken);
        jobs.Enqueue<OutboxJob>(job => job.SendDueAsync(CancellationToken.None));
        logger.LogInformation("{Member} signed off the {Period} report version {Version} ({Unchecked} returns pending); {Chairs} chairs told", member.Email, period, latest, pending.Count, chairs.Count);
        return new SignOffResult(said, true, pending, latest);
    }

    /// <summary>"The 2026-27 Q2 report (version 3) was signed off by Jo Bloggs for the board on 12 September 2026.", in the language now.</summary>
    private static string Said(ExceptionReport report, ReportingPeriod period, int version, string name) =>
        InLanguage(report).BoardDate is { } board
            ? Terms.Format(ReportText.SignedOffForBoard, ExceptionReport.PeriodName(period), version, name, board)
            : Terms.Format(ReportText.SignedOffBy, ExceptionReport.PeriodName(period), version, name);

    /// <summary>The paper in the language now: its Welsh twin when there is one and the language is Welsh.</summary>
    private static ExceptionReport InLanguage(ExceptionReport report) => Words.Current == Language.Welsh && report.Welsh is { } welsh ? welsh : report;

    /// <summary>"Signed off by the Performance Management Group on 12 September 2026 (name)[, with 2 returns not yet checked]", in the language now.</summary>
    private static string SignedOffLine(DateOnly on, string name, int pending) => pending > 0
        ? Counted.In(ReportText.ResourceManager, "SignedOffUnchecked", pending, ExceptionReport.LongDate(on), name)
        : Terms.Format(ReportText.SignedOff, ExceptionReport.LongDate(on), name);
}

/// <summary><c>sign off</c>: an officer or the chair signs the latest compiled report off for the board.</summary>
public sealed class SignOffCommand(ReportSignOff signOff, ReportingCycle cycle) : IBotCommand
{
    public CommandInfo Info { get; } = new("sign off", "sign off", Permissions.SignOff, "signoff", "sign-off");

    public async Task<IReadOnlyList<BotReply>> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var period = await signOff.PeriodToSignAsync(cycle.OpenPeriod(), cancellationToken);
        var result = await signOff.SignOffAsync(context.Member, period, null, confirmed: false, ChangeSource.Teams, cancellationToken);
        return [SignOffCardAction.Reply(period, result)];
    }
}

/// <summary>The sign-off button (the compile reply, the warning's "Sign off anyway").</summary>
public sealed class SignOffCardAction(ReportSignOff signOff) : ICardAction
{
    public IReadOnlyCollection<string> Verbs { get; } = [ReportSignOff.Verb];

    public async Task<CardActionResult> HandleAsync(Member member, ConversationKind conversation, string verb, JsonObject data, CancellationToken cancellationToken)
    {
        if (!ReportingPeriod.TryParse(CardActionRouter.Text(data, "period"), out var period) || !int.TryParse(CardActionRouter.Text(data, "version"), out var version))
        {
            return CardActionResult.Say(CardActionRouter.OutOfDate);
        }

        var result = await signOff.SignOffAsync(member, period, version, CardActionRouter.Text(data, "confirmed") == "true", ChangeSource.Teams, cancellationToken);
        return CardActionResult.Replace(Reply(period, result).Card!);
    }

    public static BotReply Reply(ReportingPeriod period, SignOffResult result)
    {
        var actions = new List<JsonNode>();
        if (result.NeedsConfirmation && result.Version is { } version)
        {
            actions.Add(ReportSignOff.Button(period, version, confirmed: true, ReportText.SignOffAnyway));
        }

        if (result.SignedOff && result.Version is { } signed)
        {
            actions.Add(ReportLinkAction.Button(period, signed));
        }

        var text = (result.SignedOff ? "✔ " : string.Empty) + result.Message;
        return BotReply.WithCard(AdaptiveCard.Create([AdaptiveCard.Text(text, color: result.SignedOff ? "Good" : result.NeedsConfirmation ? "Warning" : null)], actions), text);
    }
}
