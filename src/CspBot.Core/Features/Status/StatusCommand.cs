using System.Text.Json.Nodes;
using CspBot.Core.Cards;
using CspBot.Core.Domain;
using CspBot.Core.Features.Conversation;
using CspBot.Core.Features.Graph;
using CspBot.Core.Features.Returns;
using CspBot.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CspBot.Core.Features.Status;

/// <summary><c>status</c>: for officers, returns received and outstanding per agency, and who can't be reached.</summary>
public sealed class StatusCommand(CspDbContext db, OwedItems owed, ReportingCycle cycle, MemberReachStatus reach) : IBotCommand
{
    public CommandInfo Info { get; } = new("status", "status", "Returns received and outstanding per agency for this quarter.", MemberRoles.Officer | MemberRoles.Chair);

    public async Task<IReadOnlyList<BotReply>> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var period = cycle.OpenPeriod();
        var summary = await cycle.SummaryAsync(period, cancellationToken);
        var items = await owed.AllAsync(period, cancellationToken);
        var owners = items.Select(i => i.OwnerEmail.ToLowerInvariant()).Distinct().ToList();
        var members = await db.Members.AsNoTracking().Where(m => owners.Contains(m.Email)).ToListAsync(cancellationToken);
        var failed = await db.Outbox.CountAsync(o => o.Status == OutboxStatus.Failed, cancellationToken);

        var body = new List<JsonNode>
        {
            AdaptiveCard.Heading($"Returns for {period}"),
            AdaptiveCard.Text($"{ReturnCards.Deadline(summary)} · {items.Count(i => i.Returned)} of {items.Count} returned", isSubtle: true, spacing: "None"),
            AdaptiveCard.Facts(items.GroupBy(i => i.Agency).OrderBy(g => g.Key).Select(g =>
                (g.Key, $"{g.Count(i => i.Returned)} of {g.Count()}" + (g.All(i => i.Returned) ? " ✅" : string.Empty)))),
        };
        var late = items.Where(i => !i.Returned).GroupBy(i => i.OwnerEmail, StringComparer.OrdinalIgnoreCase)
            .Select(g => (Member: members.FirstOrDefault(m => string.Equals(m.Email, g.Key, StringComparison.OrdinalIgnoreCase)), Count: g.Count()))
            .Where(x => x.Member is not null)
            .OrderByDescending(x => x.Count)
            .ToList();
        if (late.Count > 0)
        {
            body.Add(AdaptiveCard.Text("**Still to return**", spacing: "Medium"));
            body.Add(AdaptiveCard.Text(string.Join(", ", late.Select(x => $"{x.Member!.Name} ({x.Count})"))));
        }

        var unreachable = members.Where(m => m.Reachability != Reachability.Reachable).OrderBy(m => m.Name).ToList();
        if (unreachable.Count > 0)
        {
            body.Add(AdaptiveCard.Text("**Can't reach in Teams**", spacing: "Medium"));
            // Grouped by reason: one Graph refusal can leave many members unreachable for the same reason.
            body.AddRange(unreachable.GroupBy(MemberReachStatus.Reason).Select(g => AdaptiveCard.Text($"{string.Join(", ", g.Select(m => m.Name))} ({g.Key})")));
        }

        body.AddRange(await reach.CardLinesAsync(cancellationToken));

        if (failed > 0)
        {
            body.Add(AdaptiveCard.Text($"{failed} message(s) could not be delivered.", color: "Warning"));
        }

        return [BotReply.WithCard(AdaptiveCard.Create(body), $"Returns for {period}")];
    }
}
