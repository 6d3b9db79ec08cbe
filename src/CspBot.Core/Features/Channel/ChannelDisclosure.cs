using CspBot.Core.Domain;

namespace CspBot.Core.Features.Channel;

/// <summary>What a post beyond a personal chat may name, and how many it must leave unnamed.</summary>
/// <typeparam name="T">The kind of item listed.</typeparam>
public sealed record Disclosed<T>(IReadOnlyList<T> Named, int Withheld)
{
    public int Total => Named.Count + Withheld;
}

/// <summary>
/// The one rule for every output that people beyond the owner and the officers see (the weekly digest, the scorecard,
/// the exception report's channel card): a restricted item (e.g. domestic-violence casework) is counted, never
/// named, and its commentary never appears. Every such output lists items through <see cref="Split{T}"/>.
/// </summary>
public static class ChannelDisclosure
{
    public static Disclosed<T> Split<T>(IEnumerable<T> items, Func<T, bool> isRestricted)
    {
        var named = new List<T>();
        var withheld = 0;
        foreach (var item in items)
        {
            if (isRestricted(item))
            {
                withheld++;
            }
            else
            {
                named.Add(item);
            }
        }

        return new Disclosed<T>(named, withheld);
    }

    /// <summary>The line that stands in for the withheld items (in the language now), or null when none were withheld.</summary>
    public static string? WithheldLine(int withheld) =>
        withheld == 0 ? null : Counted.In(ChannelText.ResourceManager, "WithheldItems", withheld);
}
