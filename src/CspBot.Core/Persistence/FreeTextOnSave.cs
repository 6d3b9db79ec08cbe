using CspBot.Core.Domain;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace CspBot.Core.Persistence;

/// <summary>
/// The one path every written text takes, whatever the entry point (a card, the console, an import, the operations API,
/// a Teams event): before anything is saved, and before the change history is worked out, each text field of a
/// partnership record being added or changed is normalised by <see cref="FreeText.Normalise"/>. The features normalise
/// what they validate as well; this makes sure no route forgets.
/// </summary>
public static class FreeTextOnSave
{
    /// <summary>
    /// Records whose text is not typed by people: the history (it copies normalised values), conversations and the outbox
    /// (Teams' own ids and serialised messages), keys, and the police counts (place names matched as the files write them).
    /// </summary>
    private static readonly HashSet<Type> Verbatim =
        [typeof(ChangeRecord), typeof(StoredConversation), typeof(OutboxMessage), typeof(ServerKey), typeof(DataProtectionKey), typeof(PoliceCount)];

    /// <summary>A report version's content is its own serialised document, not typed text.</summary>
    private static readonly HashSet<string> VerbatimProperties = [$"{nameof(ReportSnapshot)}.{nameof(ReportSnapshot.Content)}"];

    public static void Apply(ChangeTracker tracker)
    {
        foreach (var entry in tracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified) || Verbatim.Contains(entry.Metadata.ClrType))
            {
                continue;
            }

            foreach (var property in entry.Properties)
            {
                if (property.Metadata.ClrType != typeof(string) || property.CurrentValue is not string text
                    || VerbatimProperties.Contains($"{entry.Metadata.ClrType.Name}.{property.Metadata.Name}"))
                {
                    continue;
                }

                var normalised = FreeText.Normalise(text);
                if (!string.Equals(normalised, text, StringComparison.Ordinal))
                {
                    property.CurrentValue = normalised;
                }
            }
        }
    }
}
