using CspBot.Core.Scheduling;

namespace CspBot.Core.Domain;

/// <summary>
/// A number with its noun, singular or plural as the number needs ("1 owner", "3 owners"): the one place counted
/// words are made, so no sentence on a page, card or paper says "owner(s)".
/// </summary>
public static class Counted
{
    /// <summary>"1 reminder", "0 reminders", "1,204 crimes"; <paramref name="many"/> for a plural that is not the singular and an s ("1 delivery plan", "2 people").</summary>
    public static string Of(int count, string one, string? many = null) =>
        $"{count.ToString("N0", PartnershipTime.British)} {Noun(count, one, many)}";

    /// <summary>The noun alone, for a count written elsewhere in the sentence.</summary>
    public static string Noun(int count, string one, string? many = null) => count == 1 ? one : many ?? one + "s";
}
