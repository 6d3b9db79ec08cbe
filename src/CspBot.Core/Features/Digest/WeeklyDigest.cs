using System.Globalization;
using System.Text.Json.Nodes;
using CspBot.Core.Cards;
using CspBot.Core.Domain;
using CspBot.Core.Features.Localisation;
using CspBot.Core.Features.Channel;
using CspBot.Core.Features.Conversation;
using CspBot.Core.Features.Deadlines;
using CspBot.Core.Features.Messaging;
using CspBot.Core.Features.Returns;
using CspBot.Core.Persistence;
using CspBot.Core.Scheduling;
using Hangfire;
using CspBot.Core.Features.Scorecard;
using CspBot.Core.Features.Variation;
using Microsoft.EntityFrameworkCore;

namespace CspBot.Core.Features.Digest;

public sealed record DigestResult(string Week, bool Queued, string? Reason);

/// <summary>
/// The Monday digest for the partnership channel: returns in against expected and days to the deadline, what changed
/// since last week (new Reds, back to Green, completions, new figures and those that made their point special cause), upcoming meetings. Queued once per week.
/// </summary>
public sealed class WeeklyDigest(
    CspDbContext db,
    OwedItems owed,
    ReportingCycle cycle,
    WorkingDayCalendar calendar,
    PartnershipChannel channel,
    TimeProvider clock,
    IndicatorSpc spc,
    IBackgroundJobClient jobs,
    DistributedLocks locks)
{
    public async Task<DigestResult> RunAsync(CancellationToken cancellationToken)
    {
        // One run at a time across instances: a second run waits, then finds this week's digest already queued.
        using var held = await locks.AcquireAsync("digest", cancellationToken);
        var today = clock.LocalToday();
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var week = await GatherAsync(today, monday, cancellationToken);
        if (week is null)
        {
            return new DigestResult(monday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), false, "nothing is open and nothing changed this week");
        }

        var key = $"digest:{monday:yyyy-MM-dd}";
        var queued = await channel.PostAsync(key, "digest", () => Post(week), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        if (queued)
        {
            jobs.Enqueue<OutboxJob>(job => job.SendDueAsync(CancellationToken.None));
        }

        var status = await db.Outbox.AsNoTracking().Where(o => o.Key == key).Select(o => (OutboxStatus?)o.Status).FirstOrDefaultAsync(cancellationToken);
        return new DigestResult(monday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), queued, status switch
        {
            OutboxStatus.Held => "held: there is no partnership channel to post to; it goes to the channel an officer chooses (use this channel)",
            OutboxStatus.Sent when !queued => "already posted this week",
            OutboxStatus.Failed => "this week's digest could not be posted; see the outbox in status",
            _ when queued => "queued: the outbox sender posts it to the partnership channel within a minute",
            _ => "already queued this week: the outbox sender posts it within a minute",
        });
    }

    /// <summary>The digest card in the partnership's language, or null when no returns are open and nothing changed since last week.</summary>
    public async Task<JsonObject?> BuildAsync(DateOnly today, DateOnly monday, CancellationToken cancellationToken) =>
        await GatherAsync(today, monday, cancellationToken) is { } week ? (await channel.InLanguageAsync(() => Post(week), cancellationToken)).Card : null;

    /// <summary>What the week's digest says, in no language yet; null when no returns are open and nothing changed since last week.</summary>
    private async Task<DigestWeek?> GatherAsync(DateOnly today, DateOnly monday, CancellationToken cancellationToken)
    {
        var period = cycle.OpenPeriod();
        var deadline = (await cycle.DeadlineAsync(period, cancellationToken)).Date;
        var items = await owed.AllAsync(period, cancellationToken);
        var days = calendar.WorkingDaysBetween(today, deadline);

        // Only the open period's changes, and restricted items counted, never named (ChannelDisclosure).
        var since = clock.GetUtcNow().AddDays(-7);
        var suffix = "@" + period.Id;
        var restricted = items.Where(i => i.Restricted).Select(i => i.Ref).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var changes = await db.ChangeHistory.AsNoTracking()
            .Where(c => c.Entity == nameof(Return) && c.Field == nameof(Return.Status) && c.ChangedAt >= since && c.EntityKey.EndsWith(suffix))
            .OrderBy(c => c.Id)
            .ToListAsync(cancellationToken);
        var latest = changes.GroupBy(c => c.EntityKey)
            .Select(g => (Ref: g.Key[..^suffix.Length], From: g.First().OldValue, To: g.Last().NewValue))
            .ToList();
        var lists = new List<DigestList>
        {
            List(DigestChange.NewReds, latest.Where(c => c.To == "Red" && c.From != "Red"), "🔴", restricted),
            List(DigestChange.BackToGreen, latest.Where(c => c.To == "Green" && c.From is "Amber" or "Red"), "🟢", restricted),
            List(DigestChange.Completed, latest.Where(c => c.To == "Complete" && c.From != "Complete"), "✅", restricted),
            List(DigestChange.SlippingToAmber, latest.Where(c => c.To == "Amber" && c.From != "Amber"), "🟠", restricted),
            List(DigestChange.ReturnedOnTrack, latest.Where(c => c.To == "Green" && c.From is null), "🟢", restricted),
        };
        var figureChanges = (await db.ChangeHistory.AsNoTracking()
                .Where(c => (c.Entity == nameof(Return) || c.Entity == nameof(IndicatorValue)) && c.Field == nameof(Return.Actual) && c.ChangedAt >= since && c.EntityKey.EndsWith(suffix))
                .OrderBy(c => c.Id)
                .Select(c => new { c.EntityKey, c.OldValue })
                .ToListAsync(cancellationToken))
            .GroupBy(c => c.EntityKey[..^suffix.Length], StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First().OldValue, StringComparer.OrdinalIgnoreCase);
        var figures = figureChanges.Keys.Order(StringComparer.Ordinal).ToList();
        lists.Add(List(DigestChange.NewFigures, figures.Select(k => (k, (string?)null, (string?)null)), "📊", restricted));

        // A new figure that makes its point special cause, named in the week it came in (so once): not one whose point
        // was already special cause the same way with the figure it replaced.
        var charts = figures.Count == 0 ? new Dictionary<string, IndicatorSpcResult>() : await spc.ReadAllAsync(period, cancellationToken, figures);
        var becameSpecial = figures
            .Where(k => charts.TryGetValue(k, out var chart) && VariationWords.IsSpecialCause(chart.Variation) && !SameBefore(chart, figureChanges[k]))
            .Select(k => (k, (string?)null, (string?)charts[k].Variation.ToString()))
            .ToList();
        lists.Add(List(DigestChange.NowSpecialCause, becameSpecial, "⚠️", restricted, saying: true));
        var changed = latest.Any(c => c.To != c.From) || figures.Count > 0;
        if (!changed && (items.All(i => i.Returned) || items.Count == 0))
        {
            return null;
        }

        var meetings = await db.Meetings.AsNoTracking()
            .Where(m => m.Date >= today && m.Date <= today.AddDays(28))
            .OrderBy(m => m.Date)
            .Select(m => new DigestMeeting(m.Date, m.Kind))
            .ToListAsync(cancellationToken);
        return new DigestWeek(
            monday,
            (await channel.PartnershipAsync(cancellationToken)).Short,
            period,
            deadline,
            days,
            items.Count(i => i.Returned),
            items.Count,
            [.. lists.Where(l => l.Total > 0)],
            changed,
            meetings);
    }

    /// <summary>The digest post in the language now.</summary>
    private static BotReply Post(DigestWeek week) =>
        BotReply.WithCard(Card(week), Terms.Format(DigestText.Summary, Words.Date(week.Monday, "d MMMM")));

    private static JsonObject Card(DigestWeek week)
    {
        var period = Terms.Period(week.Period);
        var deadline = Words.Date(week.Deadline, "ddd d MMM");
        var body = new List<JsonNode>
        {
            AdaptiveCard.Heading(Terms.Format(DigestText.Heading, Words.Date(week.Monday, "d MMMM yyyy"))),
            AdaptiveCard.Text(week.Partnership, isSubtle: true, spacing: "None"),
            AdaptiveCard.Text(week.Days switch
            {
                > 0 => Counted.In(DigestText.ResourceManager, "ReturnsToGo", week.Days, period, week.Returned, week.Expected, deadline),
                0 => Terms.Format(DigestText.ReturnsDueToday, period, week.Returned, week.Expected),
                _ => Counted.In(DigestText.ResourceManager, "ReturnsPast", -week.Days, period, week.Returned, week.Expected, deadline),
            }),
        };
        foreach (var list in week.Lists)
        {
            body.Add(AdaptiveCard.Text(Terms.Format(DigestText.ChangeHeading, Title(list.Change), list.Total), spacing: "Medium"));
            var names = list.Named.Select(c => c.Saying is { } saying
                ? Terms.Format(DigestText.NamedSaying, list.Symbol, c.Ref, VariationWords.SpecialCauseName(Enum.Parse<VariationType>(saying)))
                : Terms.Format(DigestText.Named, list.Symbol, c.Ref)).ToList();
            if (ChannelDisclosure.WithheldLine(list.Withheld) is { } withheld)
            {
                names.Add(withheld);
            }

            body.Add(AdaptiveCard.Text(string.Join(DigestText.NamesSeparator, names)));
        }

        if (!week.Changed)
        {
            body.Add(AdaptiveCard.Text(DigestText.NoChanges, isSubtle: true));
        }

        body.Add(AdaptiveCard.Text(DigestText.ComingUp, spacing: "Medium"));
        body.Add(AdaptiveCard.Text(week.Meetings.Count == 0
            ? DigestText.NoMeetings
            : string.Join("\n\n", week.Meetings.Select(m => Terms.Format(m.Kind == MeetingKind.Board ? DigestText.MeetingBoard : DigestText.MeetingPmg, Words.Date(m.Date, "ddd d MMM"))))));
        body.Add(AdaptiveCard.Text(DigestText.Footer, isSubtle: true, spacing: "Medium"));
        return AdaptiveCard.Create(body, [AdaptiveCard.Execute(DigestText.OpenScorecard, ScorecardAction.Verb, [])]);
    }

    private static string Title(DigestChange change) => change switch
    {
        DigestChange.NewReds => DigestText.NewReds,
        DigestChange.BackToGreen => DigestText.BackToGreen,
        DigestChange.Completed => DigestText.Completed,
        DigestChange.SlippingToAmber => DigestText.SlippingToAmber,
        DigestChange.ReturnedOnTrack => DigestText.ReturnedOnTrack,
        DigestChange.NewFigures => DigestText.NewFigures,
        _ => DigestText.NowSpecialCause,
    };

    private static DigestList List(DigestChange change, IEnumerable<(string Ref, string? From, string? To)> changes, string symbol, IReadOnlySet<string> restricted, bool saying = false)
    {
        var disclosed = ChannelDisclosure.Split(changes, c => restricted.Contains(c.Ref));
        return new DigestList(change, symbol, [.. disclosed.Named.Select(c => new DigestName(c.Ref, saying ? c.To : null))], disclosed.Withheld);
    }

    /// <summary>Whether the period's point had the same variation with the figure it had before this week (<paramref name="oldValue"/>; none: it had no point).</summary>
    private static bool SameBefore(IndicatorSpcResult now, string? oldValue)
    {
        var points = now.Points.Select(p => p.Point).ToList();
        if (!decimal.TryParse(oldValue, NumberStyles.Number, CultureInfo.InvariantCulture, out var old) || points.Count == 0 || points[^1].Period != now.Period.Id)
        {
            return false;
        }

        points[^1] = points[^1] with { Value = (double)old };
        var chart = XmrChart.From(points);
        return VariationRules.Latest(chart, SpecialCauseRules.Flag(chart), now.Polarity) == now.Variation;
    }
}

/// <summary>A list of the week's changes.</summary>
internal enum DigestChange
{
    NewReds,
    BackToGreen,
    Completed,
    SlippingToAmber,
    ReturnedOnTrack,
    NewFigures,
    NowSpecialCause,
}

/// <summary>A ref in a list, with its special cause (a <see cref="VariationType"/> name) when the list says one.</summary>
internal sealed record DigestName(string Ref, string? Saying);

internal sealed record DigestList(DigestChange Change, string Symbol, IReadOnlyList<DigestName> Named, int Withheld)
{
    public int Total => Named.Count + Withheld;
}

internal sealed record DigestMeeting(DateOnly Date, MeetingKind Kind);

/// <summary>The week's digest as facts: written once per language the partnership posts in.</summary>
internal sealed record DigestWeek(
    DateOnly Monday,
    string Partnership,
    ReportingPeriod Period,
    DateOnly Deadline,
    int Days,
    int Returned,
    int Expected,
    IReadOnlyList<DigestList> Lists,
    bool Changed,
    IReadOnlyList<DigestMeeting> Meetings);

/// <summary>Hangfire entry point for the Monday digest.</summary>
public sealed class DigestJob(WeeklyDigest digest)
{
    [AutomaticRetry(Attempts = 3)]
    public Task<DigestResult> RunAsync(CancellationToken cancellationToken) => digest.RunAsync(cancellationToken);
}
