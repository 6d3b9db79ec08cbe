using System.Globalization;

namespace CspBot.Core.Features.Deadlines;

/// <summary>A day off in England and Wales, named as gov.uk names it (in English or Welsh: the language now, from DeadlineText) so messages can say why a day was skipped.</summary>
public sealed record BankHoliday(DateOnly Date, string Name);

/// <summary>
/// England and Wales bank holidays from rules rather than a package or a download: the rules change rarely, are
/// easy to test against the gov.uk lists, and the bot must not depend on a network call to count working days.
/// The rules are those in force since 1978; one-off holidays and moved dates are listed explicitly, and officers
/// can add new ones through <see cref="DeadlineOptions.ExtraHolidays"/> before a release catches up.
/// </summary>
public static class EnglandAndWalesBankHolidays
{
    /// <summary>Years when the early May bank holiday was moved (2020: VE Day 75th anniversary).</summary>
    private static readonly Dictionary<int, DateOnly> MovedEarlyMay = new()
    {
        [2020] = new(2020, 5, 8),
    };

    /// <summary>Years when the spring bank holiday was moved to make a jubilee weekend.</summary>
    private static readonly Dictionary<int, DateOnly> MovedSpring = new()
    {
        [2002] = new(2002, 6, 4),
        [2012] = new(2012, 6, 4),
        [2022] = new(2022, 6, 2),
    };

    /// <summary>One-off holidays, each with its name's key in DeadlineText (named in the language now when asked for).</summary>
    private static readonly (DateOnly Date, string Name)[] OneOffs =
    [
        new(new(2002, 6, 3), nameof(DeadlineText.Holiday_GoldenJubilee)),
        new(new(2011, 4, 29), nameof(DeadlineText.Holiday_RoyalWedding)),
        new(new(2012, 6, 5), nameof(DeadlineText.Holiday_DiamondJubilee)),
        new(new(2022, 6, 3), nameof(DeadlineText.Holiday_PlatinumJubilee)),
        new(new(2022, 9, 19), nameof(DeadlineText.Holiday_StateFuneral)),
        new(new(2023, 5, 8), nameof(DeadlineText.Holiday_Coronation)),
    ];

    /// <summary>The bank holidays of one calendar year, in date order, named in the language now.</summary>
    public static IReadOnlyList<BankHoliday> For(int year)
    {
        var easter = EasterSunday(year);
        var holidays = new List<BankHoliday>
        {
            NewYearsDay(year),
            new(easter.AddDays(-2), DeadlineText.Holiday_GoodFriday),
            new(easter.AddDays(1), DeadlineText.Holiday_EasterMonday),
            new(MovedEarlyMay.GetValueOrDefault(year, FirstMonday(year, 5)), DeadlineText.Holiday_EarlyMay),
            new(MovedSpring.GetValueOrDefault(year, LastMonday(year, 5)), DeadlineText.Holiday_Spring),
            new(LastMonday(year, 8), DeadlineText.Holiday_Summer),
        };
        holidays.AddRange(ChristmasAndBoxingDay(year));
        holidays.AddRange(OneOffs.Where(h => h.Date.Year == year).Select(h => new BankHoliday(h.Date, DeadlineText.ResourceManager.GetString(h.Name, CultureInfo.CurrentUICulture) ?? h.Name)));
        holidays.Sort((x, y) => x.Date.CompareTo(y.Date));
        return holidays;
    }

    /// <summary>Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher).</summary>
    public static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }

    private static BankHoliday NewYearsDay(int year)
    {
        var day = new DateOnly(year, 1, 1);
        return day.DayOfWeek switch
        {
            DayOfWeek.Saturday => new(day.AddDays(2), DeadlineText.Holiday_NewYearsDaySubstitute),
            DayOfWeek.Sunday => new(day.AddDays(1), DeadlineText.Holiday_NewYearsDaySubstitute),
            _ => new(day, DeadlineText.Holiday_NewYearsDay),
        };
    }

    /// <summary>
    /// A Christmas or Boxing Day that falls at a weekend moves to the next weekday not already taken: Christmas on a
    /// Saturday gives Monday 27 and Tuesday 28; on a Sunday, Boxing Day keeps Monday 26 and Christmas moves to Tuesday 27.
    /// </summary>
    private static IEnumerable<BankHoliday> ChristmasAndBoxingDay(int year)
    {
        var christmas = new DateOnly(year, 12, 25);
        return christmas.DayOfWeek switch
        {
            DayOfWeek.Friday => [new(christmas, DeadlineText.Holiday_ChristmasDay), new(new(year, 12, 28), DeadlineText.Holiday_BoxingDaySubstitute)],
            DayOfWeek.Saturday => [new(new(year, 12, 27), DeadlineText.Holiday_ChristmasDaySubstitute), new(new(year, 12, 28), DeadlineText.Holiday_BoxingDaySubstitute)],
            DayOfWeek.Sunday => [new(new(year, 12, 26), DeadlineText.Holiday_BoxingDay), new(new(year, 12, 27), DeadlineText.Holiday_ChristmasDaySubstitute)],
            _ => [new(christmas, DeadlineText.Holiday_ChristmasDay), new(new(year, 12, 26), DeadlineText.Holiday_BoxingDay)],
        };
    }

    private static DateOnly FirstMonday(int year, int month)
    {
        var first = new DateOnly(year, month, 1);
        return first.AddDays(((int)DayOfWeek.Monday - (int)first.DayOfWeek + 7) % 7);
    }

    private static DateOnly LastMonday(int year, int month)
    {
        var last = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        return last.AddDays(-(((int)last.DayOfWeek - (int)DayOfWeek.Monday + 7) % 7));
    }
}
