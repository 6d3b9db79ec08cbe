using CspBot.Core.Domain;
using CspBot.Core.Features.Conversation;
using CspBot.Core.Features.Messaging;
using CspBot.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CspBot.Core.Features.Channel;

/// <summary>
/// The team channel the partnership posts to: General when the app is added to a team, or whichever channel an
/// officer chooses with "use this channel". Posts go through the outbox like every other message.
/// </summary>
public sealed class PartnershipChannel(CspDbContext db, ConversationBook conversations, Outbox outbox, ILogger<PartnershipChannel> logger)
{
    public async Task<Partnership> PartnershipAsync(CancellationToken cancellationToken)
    {
        var partnership = await db.Partnerships.OrderBy(p => p.Id).FirstOrDefaultAsync(cancellationToken);
        if (partnership is null)
        {
            partnership = new Partnership { Name = "Community Safety Partnership" };
            db.Partnerships.Add(partnership);
            await db.SaveChangesAsync(cancellationToken);
        }

        return partnership;
    }

    /// <summary>The app was added to a team: remember its General channel, and post there unless a channel was chosen.</summary>
    public async Task AddedToTeamAsync(ConversationAddress general, CancellationToken cancellationToken)
    {
        await conversations.RememberAsync(general, null, cancellationToken);
        var partnership = await PartnershipAsync(cancellationToken);
        if (partnership.ChannelConversationId is null)
        {
            partnership.ChannelConversationId = general.ConversationId;
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Partnership posts will go to {Team} General ({ConversationId})", general.TeamName, general.ConversationId);
        }
    }

    public async Task UseAsync(ConversationAddress channel, CancellationToken cancellationToken)
    {
        await conversations.RememberAsync(channel, null, cancellationToken);
        var partnership = await PartnershipAsync(cancellationToken);
        partnership.ChannelConversationId = channel.ConversationId;
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Partnership posts moved to {ConversationId}", channel.ConversationId);
    }

    /// <summary>Queues a post to the channel under a unique key; false when there is no channel or the key was used.</summary>
    public async Task<bool> PostAsync(string key, string kind, BotReply message, CancellationToken cancellationToken)
    {
        var partnership = await PartnershipAsync(cancellationToken);
        var stored = partnership.ChannelConversationId is null
            ? null
            : await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.ConversationId == partnership.ChannelConversationId, cancellationToken);
        if (stored is null)
        {
            logger.LogWarning("No partnership channel yet: {Kind} {Key} not posted. Add the app to the partnership's team.", kind, key);
            return false;
        }

        return await outbox.EnqueueAsync(key, kind, null, stored.Id, message, cancellationToken);
    }
}

/// <summary><c>use this channel</c>: an officer moves the partnership's posts to the channel they type it in.</summary>
public sealed class UseThisChannelCommand(PartnershipChannel channel) : IBotCommand
{
    public CommandInfo Info { get; } = new("use this channel", "use this channel", "In a team channel: post the digest and reports here from now on.", MemberRoles.Officer);

    public async Task<IReadOnlyList<BotReply>> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        if (context.Conversation.Kind != ConversationKind.Channel)
        {
            return [BotReply.Message("Say **use this channel** in the team channel you want the digest and reports posted to (mention me there).")];
        }

        await channel.UseAsync(context.Conversation, cancellationToken);
        return [BotReply.Message($"Done: the weekly digest and exception reports will be posted in this channel{(context.Conversation.TeamName is { } team ? $" of {team}" : string.Empty)}.")];
    }
}
