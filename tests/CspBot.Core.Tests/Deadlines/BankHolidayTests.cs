using CspBot.Core.Domain;
using CspBot.Core.Features.Deadlines;
using CspBot.Core.Features.Localisation;

namespace CspBot.Core.Tests.Deadlines;

/// <summary>Expected dates copied from the gov.uk bank holiday lists for England and Wales.</summary>
public class BankHolidayTests
{
    private readonly WorkingDayCalendar calendar = new();

    [Theory]
    [InlineData(2020, "2020-01-01 2020-04-10 2020-04-13 2020-05-08 2020-05-25 2020-08-31 2020-12-25 2020-12-28")]
    [InlineData(2021, "2021-01-01 2021-04-02 2021-04-05 2021-05-03 2021-05-31 2021-08-30 2021-12-27 2021-12-28")]
    [InlineData(2022, "2022-01-03 2022-04-15 2022-04-18 2022-05-02 2022-06-02 2022-06-03 2022-08-29 2022-09-19 2022-12-26 2022-12-27")]
    [InlineData(2023, "2023-01-02 2023-04-07 2023-04-10 2023-05-01 2023-05-08 2023-05-29 2023-08-28 2023-12-25 2023-12-26")]
    [InlineData(2024, "2024-01-01 2024-03-29 2024-04-01 2024-05-06 2024-05-27 2024-08-26 2024-12-25 2024-12-26")]
    [InlineData(2025, "2025-01-01 2025-04-18 2025-04-21 2025-05-05 2025-05-26 2025-08-25 2025-12-25 2025-12-26")]
    [InlineData(2026, "2026-01-01 2026-04-03 2026-04-06 2026-05-04 2026-05-25 2026-08-31 2026-12-25 2026-12-28")]
    [InlineData(2027, "2027-01-01 2027-03-26 2027-03-29 2027-05-03 2027-05-31 2027-08-30 2027-12-27 2027-12-28")]
    [InlineData(2012, "2012-01-02 2012-04-06 2012-04-09 2012-05-07 2012-06-04 2012-06-05 2012-08-27 2012-12-25 2012-12-26")]
    [InlineData(2011, "2011-01-03 2011-04-22 2011-04-25 2011-04-29 2011-05-02 2011-05-30 2011-08-29 2011-12-26 2011-12-27")]
    public void BankHolidays_Year_MatchesTheGovUkList(int year, string expected)
    {
        var dates = calendar.BankHolidays(year).Select(h => h.Date.ToString("yyyy-MM-dd"));

        Assert.Equal(expected, string.Join(' ', dates));
    }

    [Theory]
    [InlineData(2024, "2024-03-31")]
    [InlineData(2025, "2025-04-20")]
    [InlineData(2026, "2026-04-05")]
    [InlineData(2027, "2027-03-28")]
    [InlineData(2038, "2038-04-25")]
    [InlineData(2285, "2285-03-22")]
    public void EasterSunday_Year_IsTheGregorianEaster(int year, string expected)
    {
        Assert.Equal(DateOnly.Parse(expected), EnglandAndWalesBankHolidays.EasterSunday(year));
    }

    [Fact]
    public void BankHolidays_ChristmasOnSaturday_BothSubstitutesAreNamed()
    {
        var christmas = calendar.BankHolidays(2027).Where(h => h.Date.Month == 12).ToList();

        Assert.Equal(
            [new(new(2027, 12, 27), "Christmas Day (substitute day)"), new(new(2027, 12, 28), "Boxing Day (substitute day)")],
            christmas);
    }

    [Fact]
    public void BankHolidays_ChristmasOnSunday_BoxingDayKeepsMondayAndChristmasMovesToTuesday()
    {
        var christmas = calendar.BankHolidays(2033).Where(h => h.Date.Month == 12).ToList();

        Assert.Equal(
            [new(new(2033, 12, 26), "Boxing Day"), new(new(2033, 12, 27), "Christmas Day (substitute day)")],
            christmas);
    }

    [Fact]
    public void BankHolidays_NewYearOnSaturday_MovesToMonday()
    {
        Assert.Equal(new BankHoliday(new(2028, 1, 3), "New Year's Day (substitute day)"), calendar.BankHolidays(2028)[0]);
    }

    [Fact]
    public void BankHolidays_SpecialCases_AreNamedAsOneOffs()
    {
        Assert.Contains(new BankHoliday(new(2023, 5, 8), "Bank holiday for the coronation of King Charles III"), calendar.BankHolidays(2023));
        Assert.Contains(new BankHoliday(new(2022, 6, 3), "Platinum Jubilee bank holiday"), calendar.BankHolidays(2022));
        Assert.Contains(new BankHoliday(new(2020, 5, 8), "Early May bank holiday"), calendar.BankHolidays(2020));
        Assert.DoesNotContain(calendar.BankHolidays(2020), h => h.Date == new DateOnly(2020, 5, 4));
        Assert.DoesNotContain(calendar.BankHolidays(2022), h => h.Date == new DateOnly(2022, 5, 30));
    }

    [Fact]
    public void BankHolidays_InWelsh_AreNamedAsGovUkNamesThemInWelsh_AndTheEnglishNamesStay()
    {
        var withExtra = new WorkingDayCalendar([new DateOnly(2025, 7, 7)]);
        Assert.Equal("Christmas Day", withExtra.BankHolidays(2025).Single(h => h.Date == new DateOnly(2025, 12, 25)).Name);

        using (CultureScope.Use(Language.Welsh))
        {
            Assert.Equal(
                ["Dydd Calan", "Dydd Gwener y Groglith", "Dydd Llun y Pasg", "Gŵyl Banc Cyntaf Mai", "Gŵyl Banc y Gwanwyn", "Gŵyl ychwanegol", "Gŵyl Banc yr Haf", "Dydd Nadolig", "Gŵyl San Steffan"],
                withExtra.BankHolidays(2025).Select(h => h.Name));
            Assert.Equal("Gŵyl San Steffan (diwrnod yn lle gŵyl banc sy'n disgyn ar benwythnos)", withExtra.BankHolidays(2026)[^1].Name);
            Assert.Equal("Dydd Calan (diwrnod yn lle gŵyl banc sy'n disgyn ar benwythnos)", withExtra.BankHolidays(2028)[0].Name);
            Assert.Contains(new BankHoliday(new(2023, 5, 8), "Gŵyl banc ar gyfer coroni'r Brenin Charles III"), withExtra.BankHolidays(2023));
        }

        Assert.Equal("Boxing Day", withExtra.BankHolidays(2025).Single(h => h.Date == new DateOnly(2025, 12, 26)).Name);
    }

    [Fact]
    public void BankHolidays_ExtraHolidayConfigured_IsListedAndNotAWorkingDay()
    {
        var extra = new DateOnly(2026, 7, 6);
        var withExtra = new WorkingDayCalendar([extra]);

        Assert.True(calendar.IsWorkingDay(extra));
        Assert.False(withExtra.IsWorkingDay(extra));
        Assert.Contains(new BankHoliday(extra, "Extra holiday"), withExtra.BankHolidays(2026));
        Assert.Equal(9, withExtra.BankHolidays(2026).Count);
    }

    [Fact]
    public void BankHolidays_ExtraHolidayOnABankHoliday_IsNotListedTwice()
    {
        var withExtra = new WorkingDayCalendar([new DateOnly(2026, 12, 25)]);

        Assert.Equal(8, withExtra.BankHolidays(2026).Count);
    }
}
