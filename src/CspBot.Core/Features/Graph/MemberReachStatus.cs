using System.Text.Json.Nodes;
using CspBot.Core.Cards;
using CspBot.Core.Domain;
using CspBot.Core.Features.Localisation;
using CspBot.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CspBot.Core.Features.Graph;

/// <summary>What the officer's <c>status</c> and the operations API say about Microsoft Graph and who can't be found or reached.</summary>
public sealed class MemberReachStatus(CspDbContext db, IOptions<GraphOptions> options)
{
    private const int MaxListed = 10;

    /// <summary>In the language now (English on the operations API).</summary>
    public static string GraphOff => GraphText.GraphOff;

    public bool GraphOn => options.Value.Enabled;

    /// <summary>Why the bot can't message this member, for the "can't reach" list.</summary>
    public static string Reason(Member member) =>
        member.Reachability == Reachability.Blocked ? GraphText.ReachBlocked : member.ReachIssue ?? GraphText.ReachNotInstalled;

    /// <summary>Lines for the status card: Graph is off, members not found in the directory, a report that could not be filed.</summary>
    public async Task<IReadOnlyList<JsonNode>> CardLinesAsync(CancellationToken cancellationToken)
    {
        if (!GraphOn)
        {
            return [AdaptiveCard.Text(GraphOff, isSubtle: true, spacing: "Medium")];
        }

        var lines = new List<JsonNode>();
        var notFound = await NotFoundAsync(cancellationToken);
        if (notFound.Count > 0)
        {
            lines.Add(AdaptiveCard.Text(GraphText.NotFoundHeading, spacing: "Medium"));
            var listed = string.Join(", ", notFound.Take(MaxListed).Select(m => $"{m.Name} ({m.Email})"));
            lines.Add(AdaptiveCard.Text(notFound.Count > MaxListed
                ? Counted.In(GraphText.ResourceManager, "NotFoundListMore", notFound.Count - MaxListed, listed)
                : Terms.Format(GraphText.NotFoundList, listed)));
        }

        var latest = await db.ReportSnapshots.AsNoTracking().OrderByDescending(r => r.CompiledAt).ThenByDescending(r => r.Id)
            .Select(r => new { r.Period, r.Version, r.SharePointUrl, r.FilingIssue })
            .FirstOrDefaultAsync(cancellationToken);
        if (latest is { SharePointUrl: null, FilingIssue: { } issue })
        {
            lines.Add(AdaptiveCard.Text(Terms.Format(GraphText.ReportNotFiled, latest.Period, latest.Version, issue), color: "Warning"));
        }

        return lines;
    }

    /// <summary>Every member the bot cannot find or reach, with the reason, for GET /api/admin/members/reach.</summary>
    public async Task<object> ReportAsync(CancellationToken cancellationToken)
    {
        var members = await db.Members.AsNoTracking().OrderBy(m => m.Name).ToListAsync(cancellationToken);
        var problems = members
            .Where(m => m.Reachability != Reachability.Reachable || m.DirectoryStatus is DirectoryStatus.NotFound or DirectoryStatus.Ambiguous)
            .Select(m => new
            {
                email = m.Email,
                name = m.Name,
                agency = m.Agency,
                directory = m.DirectoryStatus.ToString(),
                entraObjectId = m.EntraObjectId,
                reachability = m.Reachability.ToString(),
                reason = Reason(m),
                checkedAt = m.ReachCheckedAt,
            })
            .ToList();
        return new
        {
            graph = GraphOn ? "on" : "off",
            note = GraphOn ? null : GraphOff,
            installAppForMembers = GraphOn && options.Value.InstallAppForMembers,
            members = members.Count,
            reachable = members.Count(m => m.Reachability == Reachability.Reachable),
            notFound = problems.Where(p => p.directory is nameof(DirectoryStatus.NotFound) or nameof(DirectoryStatus.Ambiguous)).Select(p => p.email),
            unreachable = problems,
        };
    }

    private async Task<List<Member>> NotFoundAsync(CancellationToken cancellationToken) =>
        await db.Members.AsNoTracking()
            .Where(m => m.DirectoryStatus == DirectoryStatus.NotFound || m.DirectoryStatus == DirectoryStatus.Ambiguous)
            .OrderBy(m => m.Name)
            .ToListAsync(cancellationToken);
}
