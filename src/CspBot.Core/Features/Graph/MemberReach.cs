using CspBot.Core.Domain;
using CspBot.Core.Features.Import;
using CspBot.Core.Features.Messaging;
using CspBot.Core.Persistence;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CspBot.Core.Features.Graph;

/// <summary>What a member-reach run did, for the operations API and the logs.</summary>
public sealed record MemberReachResult(
    bool GraphOn,
    int Checked,
    IReadOnlyList<string> Found,
    IReadOnlyList<string> NotFound,
    IReadOnlyList<string> Installed,
    IReadOnlyList<string> Unreachable,
    IReadOnlyList<string> AddedFromTeam,
    IReadOnlyList<string> Problems)
{
    public static readonly MemberReachResult Off = new(false, 0, [], [], [], [], [], ["Microsoft Graph is off (Graph:Enabled): nobody was looked up or installed for."]);
}

/// <summary>
/// Makes every member reachable in Teams, daily before the reminders and after each members import: finds them in the
/// directory by email (members and guests), stores their Entra object id, and installs the app for those with no
/// personal chat with the bot, storing the chat it creates so the outbox can reach them. Optionally adds the team's
/// members first. A Graph failure is recorded against the member with what to do about it; it never fails the run.
/// </summary>
public sealed class MemberReachRun(
    CspDbContext db,
    IGraphGateway graph,
    ConversationBook conversations,
    IOptions<GraphOptions> options,
    TimeProvider clock,
    ILogger<MemberReachRun> logger)
{
    public const string TeamsChannelId = "msteams";

    private readonly GraphOptions settings = options.Value;

    public async Task<MemberReachResult> RunAsync(CancellationToken cancellationToken)
    {
        if (!settings.Enabled)
        {
            return MemberReachResult.Off;
        }

        var run = new Run();
        if (settings.SyncTeamMembers)
        {
            await AddTeamMembersAsync(run, cancellationToken);
        }

        var ids = await db.Members.AsNoTracking().OrderBy(m => m.Id).Select(m => m.Id).ToListAsync(cancellationToken);
        var bot = await BotAsync(cancellationToken);
        foreach (var id in ids)
        {
            if (run.Stopped || cancellationToken.IsCancellationRequested)
            {
                break;
            }

            db.ChangeTracker.Clear();
            var member = await db.Members.FirstAsync(m => m.Id == id, cancellationToken);
            await FindAsync(member, run, cancellationToken);
            if (member.EntraObjectId is not null)
            {
                await ReachAsync(member, bot, run, cancellationToken);
            }

            if (member.ReachIssue is { } issue && member.Reachability != Reachability.Reachable)
            {
                run.Unreachable.Add($"{member.Email}: {issue}");
            }

            member.ReachCheckedAt = clock.GetUtcNow();
            run.Checked++;
            await db.SaveChangesAsync(cancellationToken);
        }

        logger.LogInformation(
            "Member reach: {Checked} checked, {Found} found, {NotFound} not found, {Installed} app installations, {Unreachable} unreachable, {Added} added from the team",
            run.Checked, run.Found.Count, run.NotFound.Count, run.Installed.Count, run.Unreachable.Count, run.Added.Count);
        return new MemberReachResult(true, run.Checked, run.Found, run.NotFound, run.Installed, run.Unreachable, run.Added, run.Problems);
    }

    private async Task FindAsync(Member member, Run run, CancellationToken cancellationToken)
    {
        if (member.EntraObjectId is not null)
        {
            // Linked when they wrote to the bot, by an earlier run, or from the team roster.
            member.DirectoryStatus = DirectoryStatus.Found;
            return;
        }

        if (run.Refused(GraphOperation.LookUpUsers) is { } refused)
        {
            member.ReachIssue = refused;
            return;
        }

        try
        {
            var lookup = await graph.FindUserAsync(member.Email, cancellationToken);
            switch (lookup.Matches.Count)
            {
                case 0:
                    member.DirectoryStatus = DirectoryStatus.NotFound;
                    member.ReachIssue = $"not found in the directory: no user or guest has {member.Email} as sign-in name, mail or other email";
                    run.NotFound.Add(member.Email);
                    logger.LogWarning("Member {Member} is not in the directory", member.Email);
                    break;
                case 1:
                    var user = lookup.Matches[0];
                    member.EntraObjectId = user.Id;
                    member.DirectoryStatus = DirectoryStatus.Found;
                    member.ReachIssue = null;
                    run.Found.Add($"{member.Email} ({(user.IsGuest ? "guest, " : string.Empty)}by {lookup.MatchedBy})");
                    logger.LogInformation("Found member {Member} in the directory by {MatchedBy} (guest: {IsGuest})", member.Email, lookup.MatchedBy, user.IsGuest);
                    break;
                default:
                    member.DirectoryStatus = DirectoryStatus.Ambiguous;
                    member.ReachIssue = $"{lookup.Matches.Count} directory users have {member.Email} ({string.Join(", ", lookup.Matches.Select(m => m.UserPrincipalName))}): correct the member's email";
                    run.NotFound.Add(member.Email);
                    logger.LogWarning("Member {Member} matches {Count} directory users", member.Email, lookup.Matches.Count);
                    break;
            }
        }
        catch (GraphCallException ex)
        {
            member.ReachIssue = Failed(ex, GraphOperation.LookUpUsers, member, run);
        }
    }

    private async Task ReachAsync(Member member, BotIdentity bot, Run run, CancellationToken cancellationToken)
    {
        if (member.Reachability == Reachability.Blocked)
        {
            return;
        }

        if (await db.Conversations.AnyAsync(c => c.MemberId == member.Id && c.Kind == ConversationKind.Personal, cancellationToken))
        {
            if (member.DirectoryStatus == DirectoryStatus.Found)
            {
                member.ReachIssue = null;
            }

            return;
        }

        if (!settings.InstallAppForMembers)
        {
            member.ReachIssue = "app not installed: they have not opened the bot, and installing it for them is off (Graph:InstallAppForMembers)";
            return;
        }

        if (string.IsNullOrWhiteSpace(settings.TeamsAppCatalogId))
        {
            member.ReachIssue = "app not installed: set Graph:TeamsAppCatalogId so the bot can install itself for them";
            return;
        }

        if (run.Refused(GraphOperation.InstallApp) is { } refused)
        {
            member.ReachIssue = refused;
            return;
        }

        try
        {
            var installedNow = await graph.InstallAppForUserAsync(member.EntraObjectId!, settings.TeamsAppCatalogId, cancellationToken);
            var chatId = await graph.PersonalChatIdAsync(member.EntraObjectId!, settings.TeamsAppCatalogId, cancellationToken);
            member.ReachIssue = null;
            var chat = new ConversationAddress(
                ConversationKind.Personal, chatId, bot.ServiceUrl, TeamsChannelId, bot.TenantId, bot.BotId, bot.BotName, null, null, null);
            await conversations.RememberAsync(chat, member, cancellationToken);
            run.Installed.Add(installedNow ? member.Email : $"{member.Email} (already installed)");
            logger.LogInformation("Installed the app for {Member} (already installed: {Already}); chat {ChatId} stored", member.Email, !installedNow, chatId);
        }
        catch (GraphCallException ex)
        {
            member.ReachIssue = Failed(ex, GraphOperation.InstallApp, member, run);
        }
    }

    /// <summary>Adds the partnership team's members who are not yet members (role member), and links those who are.</summary>
    private async Task AddTeamMembersAsync(Run run, CancellationToken cancellationToken)
    {
        var teamId = await TeamIdAsync(db, settings, cancellationToken);
        if (teamId is null)
        {
            run.Problems.Add("The team's members were not added: no team is known yet. Add the app to the partnership's team, or set Graph:TeamId.");
            return;
        }

        IReadOnlyList<DirectoryUser> roster;
        try
        {
            roster = await graph.TeamMembersAsync(teamId, cancellationToken);
        }
        catch (GraphCallException ex)
        {
            var reason = GraphPermissions.Explain(ex, GraphOperation.ReadTeamMembers);
            run.Problems.Add(reason);
            logger.LogError("Could not read the members of team {TeamId}: {Reason}", teamId, reason);
            return;
        }

        var members = await db.Members.ToListAsync(cancellationToken);
        foreach (var user in roster)
        {
            var email = (user.Mail ?? (user.UserPrincipalName?.Contains("#EXT#", StringComparison.OrdinalIgnoreCase) == true ? null : user.UserPrincipalName))?.Trim().ToLowerInvariant();
            if (string.IsNullOrEmpty(email))
            {
                continue;
            }

            var member = members.FirstOrDefault(m => m.Email == email || m.EntraObjectId == user.Id);
            if (member is null)
            {
                member = new Member
                {
                    Email = email,
                    Name = string.IsNullOrWhiteSpace(user.DisplayName) ? email : user.DisplayName.Trim(),
                    Agency = email[(email.IndexOf('@', StringComparison.Ordinal) + 1)..],
                    Roles = MemberRoles.Member,
                };
                db.Members.Add(member);
                members.Add(member);
                run.Added.Add(email);
            }

            if (member.EntraObjectId is null)
            {
                member.EntraObjectId = user.Id;
                member.DirectoryStatus = DirectoryStatus.Found;
            }
        }

        await db.SaveChangesWithHistoryAsync("Teams roster", ChangeSource.Teams, clock.GetUtcNow(), cancellationToken);
        if (run.Added.Count > 0)
        {
            logger.LogInformation("Added {Count} members from the team roster: {Members}", run.Added.Count, string.Join(", ", run.Added));
        }
    }

    /// <summary>The Graph id of the partnership's team: configured, or as Teams sent it when the app was added to the team.</summary>
    internal static async Task<string?> TeamIdAsync(CspDbContext db, GraphOptions settings, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(settings.TeamId))
        {
            return settings.TeamId.Trim();
        }

        var channelId = await db.Partnerships.AsNoTracking().OrderBy(p => p.Id).Select(p => p.ChannelConversationId).FirstOrDefaultAsync(cancellationToken);
        return channelId is null
            ? null
            : await db.Conversations.AsNoTracking().Where(c => c.ConversationId == channelId).Select(c => c.TeamGroupId).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Records a failure: a refusal (403/401) stops that operation for the rest of the run, throttling stops the run.</summary>
    private string Failed(GraphCallException ex, GraphOperation operation, Member member, Run run)
    {
        var reason = GraphPermissions.Explain(ex, operation);
        switch (ex.Failure)
        {
            case GraphFailure.Forbidden or GraphFailure.Unauthorized:
                run.Refuse(operation, reason);
                logger.LogError("Microsoft Graph refused to {Operation} for {Member} ({Status}): {Reason}", operation, member.Email, ex.StatusText, reason);
                break;
            case GraphFailure.Throttled:
                run.Stop(reason);
                logger.LogWarning("Microsoft Graph throttled the member-reach run at {Member}; stopping until the next run", member.Email);
                break;
            default:
                logger.LogWarning(ex, "Microsoft Graph could not {Operation} for {Member} ({Status})", operation, member.Email, ex.StatusText);
                break;
        }

        return reason;
    }

    /// <summary>
    /// Who the bot is in the chats it creates, and where it reaches them: as Teams last addressed it (else its configured
    /// app id), in the configured tenant, through the configured Bot Connector or else the one Teams last sent (the
    /// tenant's region) or else the global one.
    /// </summary>
    private async Task<BotIdentity> BotAsync(CancellationToken cancellationToken)
    {
        var known = await db.Conversations.AsNoTracking()
            .Where(c => c.BotId != null)
            .OrderByDescending(c => c.UpdatedAt)
            .Select(c => new { c.BotId, c.BotName, c.TenantId, c.ServiceUrl })
            .FirstOrDefaultAsync(cancellationToken);
        var serviceUrl = string.IsNullOrWhiteSpace(settings.BotServiceUrl) ? known?.ServiceUrl ?? GraphOptions.DefaultBotServiceUrl : settings.BotServiceUrl;
        return new BotIdentity(known?.BotId ?? settings.BotId, known?.BotName, string.IsNullOrWhiteSpace(settings.TenantId) ? known?.TenantId : settings.TenantId, serviceUrl);
    }

    private sealed record BotIdentity(string? BotId, string? BotName, string? TenantId, string ServiceUrl);

    private sealed class Run
    {
        private readonly Dictionary<GraphOperation, string> refusals = [];

        public int Checked { get; set; }

        public bool Stopped { get; private set; }

        public List<string> Found { get; } = [];

        public List<string> NotFound { get; } = [];

        public List<string> Installed { get; } = [];

        public List<string> Unreachable { get; } = [];

        public List<string> Added { get; } = [];

        public List<string> Problems { get; } = [];

        public string? Refused(GraphOperation operation) => refusals.GetValueOrDefault(operation);

        public void Refuse(GraphOperation operation, string reason)
        {
            if (refusals.TryAdd(operation, reason))
            {
                Problems.Add(reason);
            }
        }

        public void Stop(string reason)
        {
            Stopped = true;
            Problems.Add(reason);
        }
    }
}

/// <summary>Hangfire entry point for the daily member-reach run (and the one after a members import).</summary>
public sealed class MemberReachJob(MemberReachRun run)
{
    [AutomaticRetry(Attempts = 0)]
    public Task<MemberReachResult> RunAsync(CancellationToken cancellationToken) => run.RunAsync(cancellationToken);
}

/// <summary>After a members import, looks the new and changed members up at once instead of waiting for the morning run.</summary>
public sealed class MemberReachTrigger(IOptions<GraphOptions> options, IBackgroundJobClient jobs, ILogger<MemberReachTrigger> logger)
{
    public void AfterImport(ImportResult result)
    {
        if (options.Value.Enabled && result.Succeeded && !result.DryRun && result.Sheets.ContainsKey(ImportSheets.Members))
        {
            var id = jobs.Enqueue<MemberReachJob>(job => job.RunAsync(CancellationToken.None));
            logger.LogInformation("Members imported: member-reach run {JobId} queued", id);
        }
    }
}
