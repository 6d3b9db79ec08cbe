using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CspBot.Core.Domain;
using CspBot.Core.Features.Conversation;
using CspBot.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CspBot.Core.Features.Messaging;

/// <summary>
/// Queues messages in the database. The unique key makes queuing idempotent: a job that is re-run, retried or run on
/// two servers at once queues each reminder once.
/// </summary>
public sealed class Outbox(CspDbContext db, TimeProvider clock)
{
    /// <summary>Adds the message unless one with the same key exists; true when it was added. The caller saves.</summary>
    public async Task<bool> EnqueueAsync(string key, string kind, int? recipientMemberId, int? conversationId, BotReply message, CancellationToken cancellationToken, OutboxStatus status = OutboxStatus.Pending)
    {
        if (await db.Outbox.AnyAsync(o => o.Key == key, cancellationToken) || db.Outbox.Local.Any(o => o.Key == key))
        {
            return false;
        }

        Add(key, kind, recipientMemberId, conversationId, message, status);
        return true;
    }

    /// <summary>
    /// The keys already queued that start with <paramref name="prefix"/>, in one query (a range on the unique key's
    /// index), for runs that queue thousands of messages and check each key with <see cref="Enqueue"/>.
    /// </summary>
    public async Task<HashSet<string>> KeysStartingWithAsync(string prefix, CancellationToken cancellationToken)
    {
        var end = prefix[..^1] + (char)(prefix[^1] + 1);
        var keys = await db.Outbox.AsNoTracking()
            .Where(o => string.Compare(o.Key, prefix) >= 0 && string.Compare(o.Key, end) < 0)
            .Select(o => o.Key)
            .ToListAsync(cancellationToken);
        return keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Adds the message unless its key is in <paramref name="queued"/> (from <see cref="KeysStartingWithAsync"/>), which it joins. The caller saves.</summary>
    public bool Enqueue(string key, string kind, int? recipientMemberId, int? conversationId, BotReply message, ISet<string> queued)
    {
        if (!queued.Add(key))
        {
            return false;
        }

        Add(key, kind, recipientMemberId, conversationId, message);
        return true;
    }

    private void Add(string key, string kind, int? recipientMemberId, int? conversationId, BotReply message, OutboxStatus status = OutboxStatus.Pending)
    {
        var now = clock.GetUtcNow();
        db.Outbox.Add(new OutboxMessage
        {
            Key = key,
            Kind = kind,
            RecipientMemberId = recipientMemberId,
            ConversationId = conversationId,
            Payload = Serialise(message),
            Status = status,
            CreatedAt = now,
            NextAttemptAt = now,
        });
    }

    /// <summary>The payload JSON, written straight from the card (no copy of it: a reminder run writes thousands).</summary>
    internal static string Serialise(BotReply message)
    {
        var buffer = new ArrayBufferWriter<byte>(2048);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("text", message.Text);
            writer.WritePropertyName("card");
            if (message.Card is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                message.Card.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    internal static BotReply Deserialise(string payload)
    {
        var node = JsonNode.Parse(payload) ?? throw new JsonException("empty outbox payload");
        return new BotReply(node["text"]?.GetValue<string>(), node["card"]?.AsObject().DeepClone().AsObject());
    }
}
