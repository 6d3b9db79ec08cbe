using System.Collections.Concurrent;
using System.Globalization;

namespace CspBot.Core.Features.Deadlines;

/// <summary>
/// Working days in England and Wales: Monday to Friday except bank holidays and any configured extra holidays.
/// Deadlines and reminder stages are all counted in these days, so "3 working days before" means the same thing
/// in the rules, the reminders and the messages.
/// </summary>
/// <remarks>
/// Counting follows ordinary speech: "n working days after X" is the n-th working day after X, not counting X;
/// "n working days before X" likewise counting back. <see cref="WorkingDaysBetween"/> is the inverse, so
/// <c>WorkingDaysBetween(x, AddWorkingDays(x, n)) == n</c> for every x and every non-zero n.
/// </remarks>
public sealed class WorkingDayCalendar
{
    private readonly HashSet<DateOnly> extraHolidays;
    private readonly ConcurrentDictionary<(int Year, string Language), IReadOnlyList<BankHoliday>> byYear = new();
    private readonly ConcurrentDictionary<int, HashSet<DateOnly>> datesByYear = new();

    public WorkingDayCalendar(IEnumerable<DateOnly>? extraHolidays = null) =>
        this.extraHolidays = [.. extraHolidays ?? []];

    /// <summary>Bank holidays of the year in date order, with any configured extra holidays that fall in it, named in the language now.</summary>
    public IReadOnlyList<BankHoliday> BankHolidays(int year) => byYear.GetOrAdd((year, CultureInfo.CurrentUICulture.Name), key =>
    {
        var y = key.Year;
        var rules = EnglandAndWalesBankHolidays.For(y);
        var extras = extraHolidays
            .Where(d => d.Year == y && rules.All(h => h.Date != d))
            .Select(d => new BankHoliday(d, DeadlineText.Holiday_Extra));
        return [.. rules.Concat(extras).OrderBy(h => h.Date)];
    });

    public bool IsWorkingDay(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)
        && !datesByYear.GetOrAdd(date.Year, y => [.. BankHolidays(y).Select(h => h.Date)]).Contains(date);

    /// <summary>
    /// The <paramref name="days"/>-th working day after <paramref name="from"/> (before it when negative), not
    /// counting <paramref name="from"/> itself. Zero means <paramref name="from"/> when it is a working day and
    /// otherwise the next working day, as a deadline that falls on a weekend or holiday moves to the next working day.
    /// The result is always a working day.
    /// </summary>
    public DateOnly AddWorkingDays(DateOnly from, int days)
    {
        if (days == 0)
        {
            return IsWorkingDay(from) ? from : AddWorkingDays(from, 1);
        }

        var step = Math.Sign(days);
        var remaining = Math.Abs(days);
        var date = from;
        while (remaining > 0)
        {
            date = date.AddDays(step);
            if (IsWorkingDay(date))
            {
                remaining--;
            }
        }

        return date;
    }

    /// <summary>
    /// How many working days <paramref name="to"/> is after <paramref name="from"/>: positive when later, negative
    /// when earlier, counting the working days between them and <paramref name="to"/> itself but never
    /// <paramref name="from"/>. With the deadline as <paramref name="from"/> and today as <paramref name="to"/>,
    /// -3 reads "3 working days before the deadline" and 2 reads "2 working days overdue".
    /// </summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        if (from == to)
        {
            return 0;
        }

        var step = from < to ? 1 : -1;
        var count = 0;
        for (var date = to; date != from; date = date.AddDays(-step))
        {
            if (IsWorkingDay(date))
            {
                count++;
            }
        }

        return step * count;
    }
}
