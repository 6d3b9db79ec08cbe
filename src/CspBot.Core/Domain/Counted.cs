using System.Globalization;
using System.Resources;
using CspBot.Core.Features.Localisation;
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

    /// <summary>
    /// A counted sentence from a slice's resources in the language now: the resource <c>{key}_{category}</c> for the
    /// language's plural rule (English: <c>_one</c>, <c>_other</c>; Welsh: <c>_zero</c>, <c>_one</c>, <c>_two</c>,
    /// <c>_few</c>, <c>_many</c>, <c>_other</c>), falling back to <c>{key}_other</c>. <c>{0}</c> is the count,
    /// <paramref name="more"/> fill <c>{1}</c> on.
    /// </summary>
    public static string In(ResourceManager resources, string key, int count, params object[] more)
    {
        var culture = CultureInfo.CurrentUICulture;
        var text = resources.GetString($"{key}_{Category(count, culture)}", culture)
            ?? resources.GetString($"{key}_other", culture)
            ?? throw new InvalidOperationException($"No plural resource {key}_other in {resources.BaseName}.");
        return string.Format(Words.Formatting, text, [count.ToString("N0", Words.Formatting), .. more]);
    }

    /// <summary>The CLDR plural category of a whole number: Welsh n=0 zero, 1 one, 2 two, 3 few, 6 many, else other; English 1 one, else other.</summary>
    public static string Category(int count, CultureInfo culture) => culture.TwoLetterISOLanguageName == LanguageCodes.Welsh
        ? count switch { 0 => "zero", 1 => "one", 2 => "two", 3 => "few", 6 => "many", _ => "other" }
        : count == 1 ? "one" : "other";
}
