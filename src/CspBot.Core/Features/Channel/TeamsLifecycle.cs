using CspBot.Core.Domain;
using CspBot.Core.Features.Conversation;
using CspBot.Core.Features.Localisation;
using CspBot.Core.Features.Messaging;
using CspBot.Core.Persistence;
using CspBot.Core.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CspBot.Core.Features.Channel;

/// <summary>Why Teams says a team channel can no longer be posted to.</summary>
public enum ChannelLoss
{
    ChannelDeleted,
    TeamDeleted,
    TeamArchived,
    AppRemovedFromTeam,
}

/// <summary>
/// What Teams tells the bot about installs, removals, deletions and renames, recorded so the bot stops posting where
/// nobody can read it: a member who uninstalled shows as not installed (and Graph can reinstall), a gone partnership
/// channel holds its posts and the officers are told, in their own chats, how to choose another.
/// </summary>
public sealed class TeamsLifecycle(CspDbContext db, PartnershipChannel channel, DirectMessages direct, PersonalLanguage languages, TimeProvider clock, ILogger<TeamsLifecycle> logger)
{
    /// <summary>The member removed the app from their personal scope: no more personal messages until it is back.</summary>
    public async Task UninstalledPersonallyAsync(string conversationId, string? teamsUserId, CancellationToken cancellationToken)
    {
        var stored = await db.Conversations.Include(c => c.Member).FirstOrDefaultAsync(c => c.ConversationId == conversationId, cancellationToken);
        var member = stored?.Member ?? (teamsUserId is null ? null : await db.Members.FirstOrDefaultAsync(m => m.TeamsUserId == teamsUserId, cancellationToken));
        if (stored is not null)
        {
            stored.MemberId = null;
            stored.Member = null;
            stored.GoneAt = clock.GetUtcNow();
            stored.GoneReason = "the app was uninstalled";
        }

        if (member is not null)
        {
            member.Reachability = Reachability.NotInstalled;
            member.ReachIssue = $"app not installed: they uninstalled CspBot on {clock.LocalToday().ToString("d MMMM yyyy", PartnershipTime.British)}";
        }

        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("CspBot was uninstalled in personal chat {ConversationId} by {Member}", conversationId, member?.Email ?? teamsUserId);
    }

    /// <summary>A channel, or every channel of a team, can no longer be posted to.</summary>
    public async Task ChannelsGoneAsync(string? channelId, string? teamId, ChannelLoss loss, CancellationToken cancellationToken)
    {
        var gone = await db.Conversations
            .Where(c => c.Kind == ConversationKind.Channel && c.GoneAt == null)
            .Where(c => (channelId != null && c.ConversationId == channelId) || (channelId == null && teamId != null && (c.TeamId == teamId || c.ConversationId == teamId)))
            .ToListAsync(cancellationToken);
        if (gone.Count == 0)
        {
            logger.LogInformation("Teams reported {Loss} for channel {ChannelId} of team {TeamId}, which the bot does not post to", loss, channelId, teamId);
            return;
        }

        var now = clock.GetUtcNow();
        foreach (var conversation in gone)
        {
            conversation.GoneAt = now;
            conversation.GoneReason = Reason(loss);
        }

        await db.SaveChangesAsync(cancellationToken);
        var partnership = await channel.PartnershipAsync(cancellationToken);
        var current = gone.FirstOrDefault(c => c.ConversationId == partnership.ChannelConversationId);
        logger.LogWarning("Teams reported {Loss}: {Count} channel conversation(s) marked gone; the partnership channel among them: {Partnership}", loss, gone.Count, current is not null);
        if (current is null)
        {
            return;
        }

        var held = await channel.HoldPostsToAsync(current.Id, cancellationToken);
        await TellOfficersAsync(current, loss, held, cancellationToken);
    }

    /// <summary>
    /// CspBot added to a team, perhaps back to one it was removed from: the channels it knew there can be posted to
    /// again (the chosen one among them), and what was waiting goes to the partnership's channel.
    /// </summary>
    /// <returns>The welcome to post in General when the app is new to this team.</returns>
    public async Task<BotReply?> AddedToTeamAsync(ConversationAddress general, CancellationToken cancellationToken)
    {
        var teamId = general.TeamId ?? general.ConversationId;
        var back = await db.Conversations
            .Where(c => (c.TeamId == teamId || c.ConversationId == teamId) && c.GoneReason == Reason(ChannelLoss.AppRemovedFromTeam))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.GoneAt, (DateTimeOffset?)null).SetProperty(c => c.GoneReason, (string?)null), cancellationToken);
        if (back > 0)
        {
            logger.LogInformation("CspBot is back in team {TeamId}: {Count} channel conversation(s) can be posted to again", teamId, back);
        }

        return await channel.AddedToTeamAsync(general, cancellationToken);
    }

    /// <summary>An archived team was restored: its channels can be posted to again, and what was held goes there.</summary>
    public async Task TeamRestoredAsync(string teamId, CancellationToken cancellationToken)
    {
        var restored = await db.Conversations
            .Where(c => (c.TeamId == teamId || c.ConversationId == teamId) && c.GoneReason == Reason(ChannelLoss.TeamArchived))
            .ToListAsync(cancellationToken);
        foreach (var conversation in restored)
        {
            conversation.GoneAt = null;
            conversation.GoneReason = null;
        }

        await db.SaveChangesAsync(cancellationToken);
        var partnership = await channel.PartnershipAsync(cancellationToken);
        if (restored.FirstOrDefault(c => c.ConversationId == partnership.ChannelConversationId) is { } current)
        {
            await channel.UseAsync(ConversationAddress.From(current), cancellationToken);
        }
    }

    public async Task TeamRenamedAsync(string teamId, string name, CancellationToken cancellationToken)
    {
        var clean = FreeText.Normalise(name);
        var count = await db.Conversations.Where(c => c.TeamId == teamId || c.ConversationId == teamId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.TeamName, clean).SetProperty(c => c.UpdatedAt, clock.GetUtcNow()), cancellationToken);
        logger.LogInformation("Team {TeamId} renamed to {Name} ({Count} conversation(s))", teamId, clean, count);
    }

    public async Task ChannelRenamedAsync(string channelId, string name, CancellationToken cancellationToken)
    {
        var clean = FreeText.Normalise(name);
        var count = await db.Conversations.Where(c => c.ConversationId == channelId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ChannelName, clean).SetProperty(c => c.UpdatedAt, clock.GetUtcNow()), cancellationToken);
        logger.LogInformation("Channel {ChannelId} renamed to {Name} ({Count} conversation(s))", channelId, clean, count);
    }

    /// <summary>Why the channel is gone, as recorded (<see cref="StoredConversation.GoneReason"/>): always English, the records' language.</summary>
    public static string Reason(ChannelLoss loss) => loss switch
    {
        ChannelLoss.ChannelDeleted => "the channel was deleted",
        ChannelLoss.TeamDeleted => "the team was deleted",
        ChannelLoss.TeamArchived => "the team was archived",
        _ => "CspBot was removed from the team",
    };

    /// <summary>Why the channel is gone, in the language now (English: as <see cref="Reason"/>).</summary>
    public static string ReasonText(ChannelLoss loss) => loss switch
    {
        ChannelLoss.ChannelDeleted => ChannelText.ReasonChannelDeleted,
        ChannelLoss.TeamDeleted => ChannelText.ReasonTeamDeleted,
        ChannelLoss.TeamArchived => ChannelText.ReasonTeamArchived,
        _ => ChannelText.ReasonAppRemoved,
    };

    /// <summary>The partnership channel's name as the officers know it, in the language now: "Performance in Haringey CSP".</summary>
    public static string Describe(StoredConversation conversation)
    {
        var name = conversation.ChannelName ?? (conversation.ConversationId == conversation.TeamId ? ChannelText.GeneralChannel : ChannelText.UnnamedChannel);
        return conversation.TeamName is { Length: > 0 } team ? Terms.Format(ChannelText.ChannelInTeam, name, team) : name;
    }

    /// <summary>The officers hear of it in their own chats, each in their own language.</summary>
    private async Task TellOfficersAsync(StoredConversation lost, ChannelLoss loss, int held, CancellationToken cancellationToken)
    {
        var officers = await db.Members.Where(m => (m.Roles & MemberRoles.Officer) == MemberRoles.Officer).ToListAsync(cancellationToken);
        foreach (var officer in officers)
        {
            string text;
            using (CultureScope.Use(await languages.ForAsync(officer, null, cancellationToken)))
            {
                text = held > 0
                    ? Counted.In(ChannelText.ResourceManager, "ChannelGoneWaiting", held, Describe(lost), ReasonText(loss))
                    : Terms.Format(ChannelText.ChannelGone, Describe(lost), ReasonText(loss));
            }

            await direct.SendAsync(officer, $"channel-gone:{lost.ConversationId}:{lost.GoneAt:O}:{officer.Id}", "channel-gone", BotReply.Message(text), cancellationToken);
        }
    }
}
