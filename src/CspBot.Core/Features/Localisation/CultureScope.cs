using System.Globalization;
using CspBot.Core.Domain;
using CspBot.Core.Features.Scorecard;
using CspBot.Core.Scheduling;

namespace CspBot.Core.Features.Localisation;

/// <summary>
/// "Use this language" for whatever is built inside it: sets CurrentCulture and CurrentUICulture for the recipient
/// (resources, dates, numbers) and restores them when disposed. The culture flows into awaited calls made inside the
/// scope; it must be opened in the method that builds (an async helper that set it would lose it on return).
/// </summary>
public sealed class CultureScope : IDisposable
{
    private readonly CultureInfo culture = CultureInfo.CurrentCulture;
    private readonly CultureInfo uiCulture = CultureInfo.CurrentUICulture;

    private CultureScope(Language language)
    {
        CultureInfo.CurrentCulture = Words.FormattingFor(language);
        CultureInfo.CurrentUICulture = language == Language.Welsh ? Words.WelshText : Words.EnglishText;
    }

    public static CultureScope Use(Language language) => new(language);

    public void Dispose()
    {
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = uiCulture;
    }
}

/// <summary>
/// The language messages are being written in now (set by <see cref="CultureScope"/>), and its cultures: English text
/// is formatted en-GB exactly as before; Welsh cy-GB ("7 Rhagfyr 2026") when ICU has it (checked at start-up, see
/// <see cref="WelshCultureCheck"/>), else "cy", else en-GB formats under Welsh words.
/// </summary>
public static class Words
{
    /// <summary>Resource lookups: the neutral resources are English, the satellite ones "cy".</summary>
    public static readonly CultureInfo EnglishText = CultureInfo.GetCultureInfo("en-GB");

    public static readonly CultureInfo WelshText = CultureInfo.GetCultureInfo("cy-GB");

    /// <summary>How Welsh dates and numbers are written on this machine (set once by the start-up check).</summary>
    public static CultureInfo WelshFormatting { get; internal set; } = WelshCultureCheck.Best().Culture;

    public static Language Current =>
        CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == LanguageCodes.Welsh ? Language.Welsh : Language.English;

    /// <summary>The culture for dates and numbers in messages now: en-GB for English (whatever the server's culture).</summary>
    public static CultureInfo Formatting => FormattingFor(Current);

    /// <summary>"en" or "cy": an Adaptive Card's <c>lang</c>.</summary>
    public static string Code => Current.Code();

    public static CultureInfo FormattingFor(Language language) => language == Language.Welsh ? WelshFormatting : PartnershipTime.British;

    /// <summary>A date in the language now, e.g. "Tue 21 Oct 2025" / "Maw 21 Hyd 2025".</summary>
    public static string Date(DateOnly date, string format) => date.ToString(format, Formatting);
}

/// <summary>Whether ICU on this machine writes Welsh dates (".NET cy-GB with ICU gives 7 Rhagfyr 2026"), and the fallback when not.</summary>
public static class WelshCultureCheck
{
    private static readonly DateOnly Probe = new(2026, 12, 7);

    /// <summary>The first of cy-GB and cy whose December is "Rhagfyr"; else en-GB (with <c>Found</c> false).</summary>
    public static (CultureInfo Culture, bool Found) Best()
    {
        foreach (var name in new[] { "cy-GB", "cy" })
        {
            try
            {
                var culture = CultureInfo.GetCultureInfo(name);
                if (Probe.ToString("d MMMM yyyy", culture) == "7 Rhagfyr 2026")
                {
                    return (culture, true);
                }
            }
            catch (CultureNotFoundException)
            {
                // Invariant globalisation or an ICU without Welsh: try the next, then fall back.
            }
        }

        return (PartnershipTime.British, false);
    }
}

/// <summary>The glossary's standalone terms in the language now (see Glossary.resx): statuses, RAG, periods.</summary>
public static class Terms
{
    /// <summary>"2025-26 Q2"; Welsh "2025-26 Ch2".</summary>
    public static string Period(ReportingPeriod period) => string.Format(Words.Formatting, Glossary.Period, period.MunicipalYear, period.Quarter);

    public static string Status(ActionStatus status) => status switch
    {
        ActionStatus.Green => Glossary.Green,
        ActionStatus.Amber => Glossary.Amber,
        ActionStatus.Red => Glossary.Red,
        _ => Glossary.Complete,
    };

    public static string Rag(Rag rag) => rag switch
    {
        Scorecard.Rag.Red => Glossary.Red,
        Scorecard.Rag.Amber => Glossary.Amber,
        _ => Glossary.Green,
    };

    public static string Direction(DirectionOfTravel direction) => direction switch
    {
        DirectionOfTravel.Improving => Glossary.Improving,
        DirectionOfTravel.Worsening => Glossary.Worsening,
        DirectionOfTravel.NoChange => Glossary.NoChange,
        _ => Glossary.NotKnown,
    };

    /// <summary>A sentence of a slice's resources with its placeholders filled in the language now's culture.</summary>
    public static string Format(string sentence, params object?[] values) => string.Format(Words.Formatting, sentence, values);
}
