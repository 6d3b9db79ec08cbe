using CspBot.Core.Domain;
using CspBot.Core.Features.Conversation;
using CspBot.Core.Features.Localisation;
using CspBot.Core.Features.Messaging;
using CspBot.Core.Persistence;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CspBot.Core.Features.Channel;

/// <summary>
/// The team channel the partnership posts to: General when the app is added to a team, or whichever channel an
/// officer chooses with "use this channel". Posts go through the outbox like every other message.
/// </summary>
public sealed class PartnershipChannel(
    CspDbContext db,
    ConversationBook conversations,
    Outbox outbox,
    PersonalLanguage languages,
    TimeProvider clock,
    IBackgroundJobClient jobs,
    ILogger<PartnershipChannel> logger)
{
    public async Task<Partnership> PartnershipAsync(CancellationToken cancellationToken)
    {
        var partnership = await db.Partnerships.OrderBy(p => p.Id).FirstOrDefaultAsync(cancellationToken);
        if (partnership is null)
        {
            partnership = new Partnership { Name = Partnership.DefaultName };
            db.Partnerships.Add(partnership);
            await db.SaveChangesAsync(cancellationToken);
        }

        return partnership;
    }

    /// <summary>
    /// The app was added to a team (or added back): remember its General channel, and post there unless a channel that
    /// still exists was chosen. Posts that were waiting for a channel go to the partnership's channel at once.
    /// </summary>
    /// <returns>The welcome to post in General when the app is new to this team; null when it was there already.</returns>
    public async Task<BotReply?> AddedToTeamAsync(ConversationAddress general, CancellationToken cancellationToken)
    {
        var isNew = await conversations.RememberAsync(general, null, cancellationToken);
        var partnership = await PartnershipAsync(cancellationToken);
        var postsHere = false;
        if (await CurrentAsync(partnership, cancellationToken) is null)
        {
            partnership.ChannelConversationId = general.ConversationId;
            await db.SaveChangesAsync(cancellationToken);
            postsHere = true;
            logger.LogInformation("Partnership posts will go to {Team} General ({ConversationId})", general.TeamName, general.ConversationId);
        }

        // Also when the chosen channel was there already: the app added back to its team makes it work again.
        var released = await ReleaseHeldAsync(partnership.ChannelConversationId!, cancellationToken);
        if (released > 0)
        {
            logger.LogInformation("CspBot added to {Team}: {Released} waiting post(s) released to {ConversationId}", general.TeamName, released, partnership.ChannelConversationId);
        }

        return isNew ? await InLanguageAsync(() => BotReply.Message(TeamWelcome(partnership, postsHere)), cancellationToken) : null;
    }

    /// <summary>What the team is told when CspBot joins it (in the language now): what will be posted, where, and who can change that.</summary>
    public static string TeamWelcome(Partnership partnership, bool postsHere) =>
        Terms.Format(postsHere ? ChannelText.TeamWelcomeHere : ChannelText.TeamWelcomeElsewhere, partnership.Short);

    /// <summary>A channel post in the partnership's language: <paramref name="build"/> is called in each language it is written in (<see cref="ChannelPost"/>).</summary>
    public async Task<BotReply> InLanguageAsync(Func<BotReply> build, CancellationToken cancellationToken) =>
        ChannelPost.Compose(await languages.DefaultAsync(cancellationToken), build);

    public async Task UseAsync(ConversationAddress channel, CancellationToken cancellationToken)
    {
        await conversations.RememberAsync(channel, null, cancellationToken);
        var partnership = await PartnershipAsync(cancellationToken);
        partnership.ChannelConversationId = channel.ConversationId;
        await db.SaveChangesAsync(cancellationToken);
        var released = await ReleaseHeldAsync(channel.ConversationId, cancellationToken);
        logger.LogInformation("Partnership posts moved to {ConversationId}; {Released} waiting post(s) released", channel.ConversationId, released);
    }

    /// <summary>The partnership's channel if it can be posted to: chosen, known, and not deleted or archived.</summary>
    public async Task<StoredConversation?> CurrentAsync(Partnership partnership, CancellationToken cancellationToken) =>
        partnership.ChannelConversationId is null
            ? null
            : await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.ConversationId == partnership.ChannelConversationId && c.GoneAt == null, cancellationToken);

    /// <summary>
    /// Queues a post to the channel under a unique key; false when the key was used, or when there is no channel to
    /// post to, in which case the post is held (never lost) until an officer chooses one.
    /// </summary>
    public async Task<bool> PostAsync(string key, string kind, BotReply message, CancellationToken cancellationToken)
    {
        var partnership = await PartnershipAsync(cancellationToken);
        var stored = await CurrentAsync(partnership, cancellationToken);
        if (stored is null)
        {
            if (await outbox.EnqueueAsync(key, kind, null, null, message, cancellationToken, OutboxStatus.Held))
            {
                logger.LogWarning("No partnership channel to post to: {Kind} {Key} is held until an officer chooses one (use this channel).", kind, key);
            }

            return false;
        }

        return await outbox.EnqueueAsync(key, kind, null, stored.Id, message, cancellationToken);
    }

    /// <summary>Queues a post written in the partnership's language (see <see cref="InLanguageAsync"/>); otherwise as <see cref="PostAsync(string, string, BotReply, CancellationToken)"/>.</summary>
    public async Task<bool> PostAsync(string key, string kind, Func<BotReply> build, CancellationToken cancellationToken) =>
        await PostAsync(key, kind, await InLanguageAsync(build, cancellationToken), cancellationToken);

    /// <summary>
    /// Sends the held posts, and those still pending for a gone channel, to the channel now chosen, and starts delivery
    /// at once. Each post moves in one conditional update, so when two events release at the same moment (the app added
    /// back and an officer's "use this channel") each post still goes once.
    /// </summary>
    private async Task<int> ReleaseHeldAsync(string conversationId, CancellationToken cancellationToken)
    {
        var target = await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.ConversationId == conversationId && c.GoneAt == null, cancellationToken);
        if (target is null)
        {
            return 0;
        }

        var now = clock.GetUtcNow();
        var gone = db.Conversations.Where(c => c.GoneAt != null).Select(c => c.Id);
        var released = await db.Outbox
            .Where(o => o.RecipientMemberId == null && (o.Status == OutboxStatus.Held || (o.Status == OutboxStatus.Pending && o.NextAttemptAt <= now && gone.Contains(o.ConversationId!.Value))))
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OutboxStatus.Pending).SetProperty(o => o.ConversationId, target.Id).SetProperty(o => o.NextAttemptAt, now), cancellationToken);
        if (released > 0)
        {
            jobs.Enqueue<OutboxJob>(job => job.SendDueAsync(CancellationToken.None));
        }

        return released;
    }

    /// <summary>
    /// The channel can no longer be posted to: what was waiting to be sent there is held instead. Returns every channel
    /// post now waiting (with those a send already found undeliverable).
    /// </summary>
    public async Task<int> HoldPostsToAsync(int conversationId, CancellationToken cancellationToken)
    {
        await db.Outbox
            .Where(o => o.Status == OutboxStatus.Pending && o.ConversationId == conversationId)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OutboxStatus.Held).SetProperty(o => o.ConversationId, (int?)null), cancellationToken);
        return await db.Outbox.CountAsync(o => o.Status == OutboxStatus.Held && o.RecipientMemberId == null, cancellationToken);
    }
}

/// <summary><c>use this channel</c>: an officer moves the partnership's posts to the channel they type it in.</summary>
public sealed class UseThisChannelCommand(PartnershipChannel channel) : IBotCommand
{
    public CommandInfo Info { get; } = new("use this channel", "use this channel", Permissions.RunCycle);

    public async Task<IReadOnlyList<BotReply>> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        if (context.Conversation.Kind != ConversationKind.Channel)
        {
            return [BotReply.Message(ChannelText.UseInChannel)];
        }

        await channel.UseAsync(context.Conversation, cancellationToken);
        return [BotReply.Message(context.Conversation.TeamName is { } team ? Terms.Format(ChannelText.UsedHereOfTeam, team) : ChannelText.UsedHere)];
    }
}
