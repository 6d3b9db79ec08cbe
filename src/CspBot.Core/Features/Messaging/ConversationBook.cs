using CspBot.Core.Domain;
using CspBot.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CspBot.Core.Features.Messaging;

/// <summary>
/// Remembers every conversation the bot can message later (personal chats on install or first message, team
/// channels on install) in the database, never in memory, so proactive sends survive restarts and scale-out.
/// </summary>
public sealed class ConversationBook(CspDbContext db, TimeProvider clock, ILogger<ConversationBook> logger)
{
    /// <summary>Stores or refreshes the conversation; true when it was not known before (a first install or first message).</summary>
    public async Task<bool> RememberAsync(ConversationAddress address, Member? member, CancellationToken cancellationToken)
    {
        try
        {
            return await UpsertAsync(address, member, cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            // Teams sends the install and the first message at once: the other turn stored it first.
            logger.LogDebug(ex, "Conversation {ConversationId} was stored concurrently; updating it instead", address.ConversationId);
            db.ChangeTracker.Clear();
            if (member is not null)
            {
                db.Attach(member);
            }

            await UpsertAsync(address, member, cancellationToken);
            return false;
        }
    }

    private async Task<bool> UpsertAsync(ConversationAddress address, Member? member, CancellationToken cancellationToken)
    {
        var stored = await db.Conversations.FirstOrDefaultAsync(c => c.ConversationId == address.ConversationId, cancellationToken);
        var isNew = stored is null;
        if (stored is null)
        {
            stored = new StoredConversation { ConversationId = address.ConversationId, ServiceUrl = address.ServiceUrl, ChannelId = address.ChannelId };
            db.Conversations.Add(stored);
            logger.LogInformation("Stored {Kind} conversation {ConversationId} for {Member}", address.Kind, address.ConversationId, member?.Email ?? "(no member)");
        }

        stored.Kind = address.Kind;
        stored.ServiceUrl = address.ServiceUrl;
        stored.ChannelId = address.ChannelId;
        stored.TenantId = address.TenantId ?? stored.TenantId;
        stored.BotId = address.BotId ?? stored.BotId;
        stored.BotName = address.BotName ?? stored.BotName;
        stored.TeamsUserId = address.TeamsUserId ?? stored.TeamsUserId;
        stored.TeamId = address.TeamId ?? stored.TeamId;
        stored.TeamName = address.TeamName ?? stored.TeamName;
        stored.TeamGroupId = address.TeamGroupId ?? stored.TeamGroupId;
        stored.UpdatedAt = clock.GetUtcNow();

        // Teams is talking to us here again: an earlier uninstall, removal or archive is over.
        stored.GoneAt = null;
        stored.GoneReason = null;
        if (member is not null && address.Kind == ConversationKind.Personal)
        {
            stored.MemberId = member.Id;

            // Writing to the bot (or installing it) undoes an earlier block or uninstall.
            member.Reachability = Reachability.Reachable;
            member.ReachIssue = member.ReachIssue?.StartsWith("app not installed", StringComparison.Ordinal) == true ? null : member.ReachIssue;
        }

        await db.SaveChangesAsync(cancellationToken);
        return isNew;
    }

    /// <summary>Whether Teams told us this conversation was uninstalled, removed or deleted (and it has not come back since).</summary>
    public async Task<bool> IsGoneAsync(string conversationId, CancellationToken cancellationToken) =>
        await db.Conversations.AnyAsync(c => c.ConversationId == conversationId && c.GoneAt != null, cancellationToken);

    public async Task<ConversationAddress?> PersonalChatOfAsync(int memberId, CancellationToken cancellationToken)
    {
        var stored = await db.Conversations.AsNoTracking()
            .Where(c => c.MemberId == memberId && c.Kind == ConversationKind.Personal)
            .OrderByDescending(c => c.UpdatedAt)
            .FirstOrDefaultAsync(cancellationToken);
        return stored is null ? null : ConversationAddress.From(stored);
    }
}
