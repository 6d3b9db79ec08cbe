using System.Globalization;
using CspBot.Core.Features.Localisation;
using Microsoft.Extensions.Localization;

namespace CspBot.Web.Console;

/// <summary>Counted sentences in a page's resources.</summary>
public static class CountedWords
{
    /// <summary>
    /// A page's counted sentence, as <see cref="CspBot.Core.Domain.Counted.In"/> for a slice's resources: the resource
    /// <c>{key}_{category}</c> for the language's plural rule (English <c>_one</c>/<c>_other</c>; Welsh <c>_zero</c>,
    /// <c>_one</c>, <c>_two</c>, <c>_few</c>, <c>_many</c>, <c>_other</c>), else <c>{key}_other</c>. <c>{0}</c> is the
    /// count as the page has always written it, <paramref name="more"/> fill <c>{1}</c> on.
    /// </summary>
    public static string Counted(this IStringLocalizer words, string key, int count, params object[] more)
    {
        var text = words[$"{key}_{Core.Domain.Counted.Category(count, CultureInfo.CurrentUICulture)}"];
        if (text.ResourceNotFound)
        {
            text = words[$"{key}_other"];
        }

        return string.Format(Words.Formatting, text.Value, [count, .. more]);
    }
}
