namespace CspBot.Core.Domain;

/// <summary>A language a person may choose for the messages the system sends them (Welsh Language Standards).</summary>
public enum Language
{
    English = 0,
    Welsh = 1,
}

/// <summary>The partnership's default: for people with no recorded choice, and (later) for channel posts and papers.</summary>
public enum PartnershipLanguage
{
    English = 0,
    Welsh = 1,

    /// <summary>Welsh first, then English, in shared posts; Welsh for a person with no choice unless Teams hints English.</summary>
    Bilingual = 2,
}

/// <summary>Language codes as people, files and the API write them: <c>cy</c> and <c>en</c>.</summary>
public static class LanguageCodes
{
    public const string Welsh = "cy";
    public const string English = "en";

    public static string Code(this Language language) => language == Language.Welsh ? Welsh : English;

    /// <summary>"cy" or "en" (any case, "cy-GB" too) as a language; false for anything else.</summary>
    public static bool TryParse(string? text, out Language language)
    {
        var code = (text ?? string.Empty).Trim().Split('-', '_')[0].ToLowerInvariant();
        language = code == Welsh ? Language.Welsh : Language.English;
        return code is Welsh or English;
    }

    /// <summary>"en", "cy" or "bilingual" (and the languages' own names: "english", "welsh", "cymraeg", "dwyieithog").</summary>
    public static bool TryParsePartnership(string? text, out PartnershipLanguage language)
    {
        (var ok, language) = (text ?? string.Empty).Trim().ToLowerInvariant() switch
        {
            "en" or "english" or "saesneg" => (true, PartnershipLanguage.English),
            "cy" or "welsh" or "cymraeg" => (true, PartnershipLanguage.Welsh),
            "bilingual" or "dwyieithog" or "cy+en" => (true, PartnershipLanguage.Bilingual),
            _ => (false, PartnershipLanguage.English),
        };
        return ok;
    }

    public static string Code(this PartnershipLanguage language) => language switch
    {
        PartnershipLanguage.Welsh => Welsh,
        PartnershipLanguage.Bilingual => "bilingual",
        _ => English,
    };

    /// <summary>
    /// The language of a personal message: the person's recorded choice always; with none, the partnership's default,
    /// where Teams' locale (<paramref name="teamsLocale"/>, only known while they are talking to the bot) is a hint: an
    /// English partnership answers a Welsh Teams in Welsh, a bilingual one answers in Welsh (Welsh first is the
    /// Standards' norm) unless Teams is in English. A Welsh partnership writes Welsh.
    /// </summary>
    public static Language For(Language? recorded, PartnershipLanguage partnership, string? teamsLocale = null)
    {
        if (recorded is { } chosen)
        {
            return chosen;
        }

        Language? hint = TryParse(teamsLocale, out var hinted) ? hinted : null;
        return partnership switch
        {
            PartnershipLanguage.Welsh => Language.Welsh,
            PartnershipLanguage.Bilingual => hint ?? Language.Welsh,
            _ => hint ?? Language.English,
        };
    }
}
