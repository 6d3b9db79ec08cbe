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
    private static readonly CultureInfo British = PartnershipTime.British;

    public async Task<DigestResult> RunAsync(CancellationToken cancellationToken)
    {
        // One run at a time across instances: a second run waits, then finds this week's digest already queued.
        using var held = await locks.AcquireAsync("digest", cancellationToken);
        var today = clock.LocalToday();
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var card = await BuildAsync(today, monday, cancellationToken);
        if (card is null)
        {
            return new DigestResult(monday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), false, "nothing is open and nothing changed this week");
        }

        var key = $"digest:{monday:yyyy-MM-dd}";
        var queued = await channel.PostAsync(key, "digest", BotReply.WithCard(card, $"Weekly digest, week of {monday.ToString("d MMMM", British)}"), cancellationToken);
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

    /// <summary>The digest card, or null when no returns are open and nothing changed since last week.</summary>
    public async Task<JsonObject?> BuildAsync(DateOnly today, DateOnly monday, CancellationToken cancellationToken)
    {
        // Channel posts are English until they are localised (issue 28).
        using var english = CultureScope.Use(Language.English);
        var period = cycle.OpenPeriod();
        var deadline = (await cycle.DeadlineAsync(period, cancellationToken)).Date;
        var items = await owed.AllAsync(period, cancellationToken);
        var days = calendar.WorkingDaysBetween(today, deadline);
        var body = new List<JsonNode>
        {
            AdaptiveCard.Heading($"Weekly digest · week of {monday.ToString("d MMMM yyyy", British)}"),
            AdaptiveCard.Text((await channel.PartnershipAsync(cancellationToken)).Short, isSubtle: true, spacing: "None"),
            AdaptiveCard.Text($"**{period} returns**: {items.Count(i => i.Returned)} of {items.Count} received · " + days switch
            {
                1 => $"1 working day to the deadline ({deadline.ToString("ddd d MMM", British)})",
                > 1 => $"{days} working days to the deadline ({deadline.ToString("ddd d MMM", British)})",
                0 => "the deadline is today",
                -1 => $"1 working day past the deadline ({deadline.ToString("ddd d MMM", British)})",
                _ => $"{-days} working days past the deadline ({deadline.ToString("ddd d MMM", British)})",
            }),
        };

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
        AddChanges(body, "New Reds", latest.Where(c => c.To == "Red" && c.From != "Red"), "🔴", restricted);
        AddChanges(body, "Back to Green", latest.Where(c => c.To == "Green" && c.From is "Amber" or "Red"), "🟢", restricted);
        AddChanges(body, "Completed", latest.Where(c => c.To == "Complete" && c.From != "Complete"), "✅", restricted);
        AddChanges(body, "Slipping to Amber", latest.Where(c => c.To == "Amber" && c.From != "Amber"), "🟠", restricted);
        AddChanges(body, "Returned on track", latest.Where(c => c.To == "Green" && c.From is null), "🟢", restricted);
        var figureChanges = (await db.ChangeHistory.AsNoTracking()
                .Where(c => (c.Entity == nameof(Return) || c.Entity == nameof(IndicatorValue)) && c.Field == nameof(Return.Actual) && c.ChangedAt >= since && c.EntityKey.EndsWith(suffix))
                .OrderBy(c => c.Id)
                .Select(c => new { c.EntityKey, c.OldValue })
                .ToListAsync(cancellationToken))
            .GroupBy(c => c.EntityKey[..^suffix.Length], StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First().OldValue, StringComparer.OrdinalIgnoreCase);
        var figures = figureChanges.Keys.Order(StringComparer.Ordinal).ToList();
        AddChanges(body, "New indicator figures", figures.Select(k => (k, (string?)null, (string?)null)), "📊", restricted);

        // A new figure that makes its point special cause, named in the week it came in (so once): not one whose point
        // was already special cause the same way with the figure it replaced.
        var charts = figures.Count == 0 ? new Dictionary<string, IndicatorSpcResult>() : await spc.ReadAllAsync(period, cancellationToken, figures);
        var becameSpecial = figures
            .Where(k => charts.TryGetValue(k, out var chart) && VariationWords.IsSpecialCause(chart.Variation) && !SameBefore(chart, figureChanges[k]))
            .Select(k => (k, (string?)null, (string?)VariationWords.Variation(charts[k])))
            .ToList();
        AddChanges(body, "Now special cause", becameSpecial, "⚠️", restricted, saying: true);
        var changed = latest.Any(c => c.To != c.From) || figures.Count > 0;
        if (!changed)
        {
            if (items.All(i => i.Returned) || items.Count == 0)
            {
                return null;
            }

            body.Add(AdaptiveCard.Text("No status changes since last week.", isSubtle: true));
        }

        var meetings = await db.Meetings.AsNoTracking()
            .Where(m => m.Date >= today && m.Date <= today.AddDays(28))
            .OrderBy(m => m.Date)
            .ToListAsync(cancellationToken);
        body.Add(AdaptiveCard.Text("**Coming up**", spacing: "Medium"));
        body.Add(AdaptiveCard.Text(meetings.Count == 0
            ? "No board or PMG meetings in the next four weeks."
            : string.Join("\n\n", meetings.Select(m => $"{m.Date.ToString("ddd d MMM", British)} · {(m.Kind == MeetingKind.Board ? "Partnership board" : "Performance Management Group")}"))));
        body.Add(AdaptiveCard.Text("Message me **scorecard** for the full RAG picture, or **my actions** to answer yours.", isSubtle: true, spacing: "Medium"));
        return AdaptiveCard.Create(body, [ScorecardAction.Button()]);
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

    private static void AddChanges(List<JsonNode> body, string title, IEnumerable<(string Ref, string? From, string? To)> changes, string symbol, IReadOnlySet<string> restricted, bool saying = false)
    {
        var disclosed = ChannelDisclosure.Split(changes, c => restricted.Contains(c.Ref));
        if (disclosed.Total == 0)
        {
            return;
        }

        body.Add(AdaptiveCard.Text($"**{title}** ({disclosed.Total})", spacing: "Medium"));
        var names = disclosed.Named.Select(c => $"{symbol} {c.Ref}" + (saying && c.To is { } words ? $" ({words})" : string.Empty)).ToList();
        if (ChannelDisclosure.WithheldLine(disclosed.Withheld) is { } withheld)
        {
            names.Add(withheld);
        }

        body.Add(AdaptiveCard.Text(string.Join(", ", names)));
    }
}

/// <summary>Hangfire entry point for the Monday digest.</summary>
public sealed class DigestJob(WeeklyDigest digest)
{
    [AutomaticRetry(Attempts = 3)]
    public Task<DigestResult> RunAsync(CancellationToken cancellationToken) => digest.RunAsync(cancellationToken);
}
