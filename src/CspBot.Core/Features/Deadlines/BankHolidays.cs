namespace CspBot.Core.Features.Deadlines;

/// <summary>A day off in England and Wales, named as gov.uk names it so messages can say why a day was skipped.</summary>
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

    private static readonly BankHoliday[] OneOffs =
    [
        new(new(2002, 6, 3), "Golden Jubilee bank holiday"),
        new(new(2011, 4, 29), "Royal wedding"),
        new(new(2012, 6, 5), "Queen's Diamond Jubilee"),
        new(new(2022, 6, 3), "Platinum Jubilee bank holiday"),
        new(new(2022, 9, 19), "Bank Holiday for the State Funeral of Queen Elizabeth II"),
        new(new(2023, 5, 8), "Bank holiday for the coronation of King Charles III"),
    ];

    /// <summary>The bank holidays of one calendar year, in date order.</summary>
    public static IReadOnlyList<BankHoliday> For(int year)
    {
        var easter = EasterSunday(year);
        var holidays = new List<BankHoliday>
        {
            NewYearsDay(year),
            new(easter.AddDays(-2), "Good Friday"),
            new(easter.AddDays(1), "Easter Monday"),
            new(MovedEarlyMay.GetValueOrDefault(year, FirstMonday(year, 5)), "Early May bank holiday"),
            new(MovedSpring.GetValueOrDefault(year, LastMonday(year, 5)), "Spring bank holiday"),
            new(LastMonday(year, 8), "Summer bank holiday"),
        };
        holidays.AddRange(ChristmasAndBoxingDay(year));
        holidays.AddRange(OneOffs.Where(h => h.Date.Year == year));
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
            DayOfWeek.Saturday => new(day.AddDays(2), "New Year's Day (substitute day)"),
            DayOfWeek.Sunday => new(day.AddDays(1), "New Year's Day (substitute day)"),
            _ => new(day, "New Year's Day"),
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
            DayOfWeek.Friday => [new(christmas, "Christmas Day"), new(new(year, 12, 28), "Boxing Day (substitute day)")],
            DayOfWeek.Saturday => [new(new(year, 12, 27), "Christmas Day (substitute day)"), new(new(year, 12, 28), "Boxing Day (substitute day)")],
            DayOfWeek.Sunday => [new(new(year, 12, 26), "Boxing Day"), new(new(year, 12, 27), "Christmas Day (substitute day)")],
            _ => [new(christmas, "Christmas Day"), new(new(year, 12, 26), "Boxing Day")],
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
