using System.Globalization;
using CspBot.Core.Domain;
using CspBot.Core.Features.Localisation;
using CspBot.Core.Features.Reminders;
using CspBot.Core.Features.Returns;

namespace CspBot.Core.Tests.Localisation;

public sealed class LocalisationTests
{
    [Fact]
    public void WelshDates_ComeFromIcu_AsGeirfaSays()
    {
        var (culture, found) = WelshCultureCheck.Best();

        Assert.True(found, "ICU on this machine has no Welsh: dates would fall back to en-GB");
        Assert.Equal("7 Rhagfyr 2026", new DateOnly(2026, 12, 7).ToString("d MMMM yyyy", culture));
        using (CultureScope.Use(Language.Welsh))
        {
            Assert.Equal("Llun 7 Rhag 2026", Words.Date(new DateOnly(2026, 12, 7), "ddd d MMM yyyy"));
        }
    }

    [Theory]
    [InlineData(0, "zero")]
    [InlineData(1, "one")]
    [InlineData(2, "two")]
    [InlineData(3, "few")]
    [InlineData(4, "other")]
    [InlineData(6, "many")]
    [InlineData(7, "other")]
    [InlineData(11, "other")]
    public void Welsh_HasSixPluralCategories(int count, string category) =>
        Assert.Equal(category, Counted.Category(count, CultureInfo.GetCultureInfo("cy-GB")));

    [Theory]
    [InlineData(0, "other")]
    [InlineData(1, "one")]
    [InlineData(2, "other")]
    public void English_HasTwo(int count, string category) =>
        Assert.Equal(category, Counted.Category(count, CultureInfo.GetCultureInfo("en-GB")));

    [Theory]
    [InlineData(Language.English, 1, " 1 still to do.")]
    [InlineData(Language.English, 3, " 3 still to do.")]
    [InlineData(Language.Welsh, 1, " Un ar ôl i'w gwneud.")]
    [InlineData(Language.Welsh, 2, " Dwy ar ôl i'w gwneud.")]
    [InlineData(Language.Welsh, 3, " Tair ar ôl i'w gwneud.")]
    [InlineData(Language.Welsh, 12, " 12 ar ôl i'w gwneud.")]
    public void CountedIn_PicksTheResourceByTheLanguagesRule(Language language, int count, string expected)
    {
        using (CultureScope.Use(language))
        {
            Assert.Equal(expected, Counted.In(ReturnText.ResourceManager, "StillToDo", count));
        }
    }

    [Fact]
    public void CultureScope_RestoresTheCultureItReplaced()
    {
        var before = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        using (CultureScope.Use(Language.Welsh))
        {
            Assert.Equal("cy", Words.Code);
            Assert.StartsWith("Nodyn atgoffa", ReminderText.HeadingBefore, StringComparison.Ordinal);
        }

        Assert.Equal(before, (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture));
    }

    [Theory]
    [InlineData(null, PartnershipLanguage.English, null, Language.English)]
    [InlineData(null, PartnershipLanguage.English, "cy-GB", Language.Welsh)]
    [InlineData(null, PartnershipLanguage.Welsh, "en-GB", Language.Welsh)]
    [InlineData(null, PartnershipLanguage.Bilingual, null, Language.Welsh)]
    [InlineData(null, PartnershipLanguage.Bilingual, "en-US", Language.English)]
    [InlineData(Language.English, PartnershipLanguage.Bilingual, "cy-GB", Language.English)]
    [InlineData(Language.Welsh, PartnershipLanguage.English, "en-GB", Language.Welsh)]
    public void PersonalLanguage_IsTheirChoice_ElseTheDefault_WithTeamsLocaleOnlyAHint(Language? recorded, PartnershipLanguage partnership, string? locale, Language expected) =>
        Assert.Equal(expected, LanguageCodes.For(recorded, partnership, locale));
}
