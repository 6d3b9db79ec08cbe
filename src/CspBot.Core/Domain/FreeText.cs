using System.Text;

namespace CspBot.Core.Domain;

/// <summary>
/// What free text (commentary, measures, names, titles) may hold, and how each writer makes any text safe on its own.
/// Text is normalised on the way in (<see cref="Normalise"/>): line breaks become <c>\n</c> (Word pastes U+000B for a
/// line break), tabs stay, every other control character, unpaired surrogate, non-character and bidirectional
/// override is dropped, and the ends are trimmed. Writers do not trust that: <see cref="Writable"/> (Word, CSV, card
/// inputs) and <see cref="ForDisplay"/> (card and chat text) apply the same rule without trimming, so text stored
/// before these rules (or by another route) can never stop a report for the whole partnership.
/// </summary>
public static class FreeText
{
    /// <summary>The word joiner: invisible, and enough to stop "](" or "&lt;at" being read as markup.</summary>
    private const char Joiner = '\u2060';

    /// <summary>Normalised text (trimmed), or null for null. Never longer than the input.</summary>
    public static string? Normalise(string? text) => text is null ? null : Strip(text).Trim();

    /// <summary>
    /// Text every writer can hold (Word's XML 1.0, CSV, card JSON): control characters other than tab and newline,
    /// unpaired surrogates and non-characters removed. Returns the same string when there is nothing to remove.
    /// </summary>
    /// <summary>The text cut to at most <paramref name="max"/> characters with an ellipsis, never inside a surrogate pair.</summary>
    public static string Shorten(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var cut = max - 1;
        if (char.IsLowSurrogate(text[cut]))
        {
            cut--;
        }

        return text[..cut].TrimEnd() + "…";
    }

    public static string Writable(string? text) => Strip(text ?? string.Empty);

    /// <summary>
    /// Text shown in a card or chat message, which Teams reads as markdown: what a member typed stays visible as typed but
    /// cannot become a link ("[x](https://…)", "&lt;https://…&gt;") or a mention ("&lt;at&gt;…&lt;/at&gt;").
    /// </summary>
    public static string ForDisplay(string? text)
    {
        var clean = Strip(text ?? string.Empty);
        if (clean.IndexOfAny(['[', '<', ':']) < 0)
        {
            return clean;
        }

        var builder = new StringBuilder(clean.Length + 8);
        for (var i = 0; i < clean.Length; i++)
        {
            var c = clean[i];
            builder.Append(c);
            var next = i + 1 < clean.Length ? clean[i + 1] : '\0';
            if ((c == ']' && next == '(') || (c == '<' && (char.IsAsciiLetter(next) || next == '/')) || (c == ':' && next == '/'))
            {
                builder.Append(Joiner);
            }
        }

        return builder.ToString();
    }

    /// <summary>A line break other than <c>\n</c> itself.</summary>
    private static bool IsLineBreak(char c) => c is '\r' or '\v' or '\f' or '\u0085' or '\u2028' or '\u2029';

    private static bool IsDropped(char c) =>
        (c < ' ' && c is not '\n' and not '\t')
        || c is >= '\u007F' and <= '\u009F'
        || c is >= '\u202A' and <= '\u202E'
        || c is >= '\u2066' and <= '\u2069'
        || c is '\uFFFE' or '\uFFFF'
        || char.IsSurrogate(c);

    /// <summary>
    /// Removes what no writer can hold (see <see cref="IsDropped"/>); every kind of line break (CR LF, CR, VT, FF, NEL,
    /// the Unicode line and paragraph separators) becomes <c>\n</c>.
    /// </summary>
    private static string Strip(string text)
    {
        if (!NeedsStripping(text))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else if (IsLineBreak(c))
            {
                if (c != '\r' || i + 1 >= text.Length || text[i + 1] != '\n')
                {
                    builder.Append('\n');
                }
            }
            else if (!IsDropped(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static bool NeedsStripping(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (IsLineBreak(c) || IsDropped(c))
            {
                return true;
            }
        }

        return false;
    }
}
