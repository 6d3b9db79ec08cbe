using CspBot.Core.Domain;
using CspBot.Core.Features.Deadlines;
using CspBot.Core.Features.Returns;
using CspBot.Core.Persistence;
using CspBot.Core.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace CspBot.Core.Features.Status;

/// <summary>How one agency stands: returns received against expected.</summary>
public sealed record AgencyProgress(string Agency, int Returned, int Expected)
{
    public bool Complete => Returned == Expected;
}

/// <summary>An owner still owing returns, and how many.</summary>
public sealed record LateMember(Member Member, int Outstanding);

/// <summary>A reminder stage of the period: when it falls, and how many reminders it queued.</summary>
public sealed record StageProgress(ReminderStage Stage, DateOnly Date, int Queued, bool Next)
{
    public bool Passed(DateOnly today) => Date <= today;
}

/// <summary>Everything the officer watches during a cycle, read once for the <c>status</c> card and the Cycle page.</summary>
public sealed record CycleStatus(
    ReportingPeriod Period,
    PeriodDeadline Deadline,
    DateOnly Today,
    bool Closed,
    IReadOnlyList<OwedItem> Items,
    IReadOnlyList<AgencyProgress> Agencies,
    IReadOnlyList<LateMember> Late,
    IReadOnlyList<Member> Unreachable,
    IReadOnlyList<StageProgress> Stages,
    int FailedMessages)
{
    public int Returned => Items.Count(i => i.Returned);

    /// <summary>Returned, and not yet accepted or queried by an officer.</summary>
    public IReadOnlyList<OwedItem> AwaitingCheck => [.. Items.Where(i => i.AwaitingCheck)];

    /// <summary>Queried by an officer and not yet amended by the owner.</summary>
    public IReadOnlyList<OwedItem> Queried => [.. Items.Where(i => i.Queried)];

    public PeriodSummary Summary => new(Period, Deadline.Date);

    /// <summary>The deadline has passed: what is not in is late, not just outstanding.</summary>
    public bool PastDeadline => Today > Deadline.Date;
}

public sealed class CycleStatusReader(CspDbContext db, OwedItems owed, ReportingCycle cycle, ReminderStages stages, TimeProvider clock)
{
    public async Task<CycleStatus> ReadAsync(ReportingPeriod period, CancellationToken cancellationToken)
    {
        var deadline = await cycle.DeadlineAsync(period, cancellationToken);
        var items = await owed.AllAsync(period, cancellationToken);
        var owners = items.Select(i => i.OwnerEmail.ToLowerInvariant()).Distinct().ToList();
        var members = await db.Members.AsNoTracking().Where(m => owners.Contains(m.Email)).ToListAsync(cancellationToken);
        var failed = await db.Outbox.CountAsync(o => o.Status == OutboxStatus.Failed, cancellationToken);
        var prefix = $"reminder:{period.Id}:";
        var queued = await db.Outbox.AsNoTracking().Where(o => o.Key.StartsWith(prefix)).Select(o => o.Key).ToListAsync(cancellationToken);
        var today = clock.LocalToday();

        var agencies = items.GroupBy(i => i.Agency).OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase)
            .Select(g => new AgencyProgress(g.Key, g.Count(i => i.Returned), g.Count())).ToList();
        var late = items.Where(i => !i.Returned).GroupBy(i => i.OwnerEmail, StringComparer.OrdinalIgnoreCase)
            .Select(g => (Member: members.FirstOrDefault(m => string.Equals(m.Email, g.Key, StringComparison.OrdinalIgnoreCase)), Count: g.Count()))
            .Where(x => x.Member is not null)
            .OrderByDescending(x => x.Count).ThenBy(x => x.Member!.Name, StringComparer.OrdinalIgnoreCase)
            .Select(x => new LateMember(x.Member!, x.Count))
            .ToList();
        var unreachable = members.Where(m => m.Reachability != Reachability.Reachable).OrderBy(m => m.Name, StringComparer.OrdinalIgnoreCase).ToList();

        var schedule = stages.All.Select(s => (Stage: s, Date: stages.DateOf(s, deadline.Date))).ToList();
        var next = schedule.FirstOrDefault(s => s.Date > today);
        var progress = schedule.Select(s => new StageProgress(
            s.Stage,
            s.Date,
            queued.Count(k => k.StartsWith($"{prefix}{s.Stage.Key}:", StringComparison.Ordinal)),
            next.Date == s.Date && next.Stage == s.Stage)).ToList();

        return new CycleStatus(period, deadline, today, await cycle.IsClosedAsync(period, cancellationToken), items, agencies, late, unreachable, progress, failed);
    }
}
