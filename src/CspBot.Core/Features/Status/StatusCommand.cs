using System.Text.Json.Nodes;
using CspBot.Core.Cards;
using CspBot.Core.Domain;
using CspBot.Core.Features.Conversation;
using CspBot.Core.Features.Graph;
using CspBot.Core.Features.Localisation;
using CspBot.Core.Features.Reminders;
using CspBot.Core.Features.Returns;

namespace CspBot.Core.Features.Status;

/// <summary><c>status</c>: for officers, returns received and outstanding per agency, and who can't be reached.</summary>
public sealed class StatusCommand(CycleStatusReader status, ReportingCycle cycle, MemberReachStatus reach) : IBotCommand
{
    public CommandInfo Info { get; } = new("status", "status", Permissions.ViewCycle);

    public async Task<IReadOnlyList<BotReply>> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var now = await status.ReadAsync(cycle.OpenPeriod(), cancellationToken);
        var body = new List<JsonNode>
        {
            AdaptiveCard.Heading(Terms.Format(StatusText.Heading, Terms.Period(now.Period))),
            AdaptiveCard.Text(Terms.Format(StatusText.Returned, ReturnCards.Deadline(now.Summary), now.Returned, now.Items.Count), isSubtle: true, spacing: "None"),
            AdaptiveCard.Text(CheckLine(now), spacing: "None"),
            AdaptiveCard.Facts(now.Agencies.Select(a => (a.Agency, Terms.Format(a.Complete ? StatusText.AgencyComplete : StatusText.AgencyReturned, a.Returned, a.Expected)))),
        };
        if (now.Late.Count > 0)
        {
            // The word once in the heading, the count beside each name: a partnership's list is long.
            body.Add(AdaptiveCard.Text($"**{ChaseWords.StillToReturn(now.PastDeadline)}**", spacing: "Medium"));
            body.Add(AdaptiveCard.Text(string.Join(", ", now.Late.Select(x => $"{x.Member.Name} ({x.Outstanding})"))));
        }

        if (now.Unreachable.Count > 0)
        {
            body.Add(AdaptiveCard.Text($"**{StatusText.CantReach}**", spacing: "Medium"));
            // Grouped by reason: one Graph refusal can leave many members unreachable for the same reason.
            body.AddRange(now.Unreachable.GroupBy(MemberReachStatus.Reason).Select(g => AdaptiveCard.Text($"{string.Join(", ", g.Select(m => m.Name))} ({g.Key})")));
        }

        body.AddRange(await reach.CardLinesAsync(cancellationToken));

        if (now.FailedMessages > 0)
        {
            body.Add(AdaptiveCard.Text(StatusWords.Undelivered(now.FailedMessages), color: "Warning"));
        }

        return [BotReply.WithCard(AdaptiveCard.Create(body), Terms.Format(StatusText.Heading, Terms.Period(now.Period)))];
    }

    /// <summary>"3 awaiting check · 1 queried" (type <c>check</c> to see them), or that everything returned is checked.</summary>
    public static string CheckLine(CycleStatus now) => now.AwaitingCheck.Count + now.Queried.Count == 0
        ? (now.Returned == 0 ? StatusText.NothingToCheck : StatusText.AllChecked)
        : Terms.Format(StatusText.CheckLine, StatusWords.ToCheck(now.AwaitingCheck.Count, now.Queried.Count));
}
