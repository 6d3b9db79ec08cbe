using CspBot.Core.Domain;
using CspBot.Core.Features.Deadlines;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CspBot.Core.Tests.Deadlines;

public class DeadlineRegistrationTests
{
    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddDeadlines().BuildServiceProvider();
    }

    [Fact]
    public void AddDeadlines_NoConfiguration_UsesTheDefaultsAsSingletons()
    {
        using var services = Services([]);

        var stages = services.GetRequiredService<ReminderStages>();
        Assert.Equal([-10, -3, 0, 2, 5], stages.All.Select(s => s.WorkingDaysFromDeadline));
        Assert.Same(services.GetRequiredService<WorkingDayCalendar>(), services.GetRequiredService<WorkingDayCalendar>());
        Assert.Same(services.GetRequiredService<DeadlineCalculator>(), services.GetRequiredService<DeadlineCalculator>());
    }

    [Fact]
    public void AddDeadlines_DeadlinesSection_IsBoundAndListsReplaceTheDefaults()
    {
        using var services = Services(new()
        {
            ["Deadlines:WorkingDaysBeforeBoard"] = "5",
            ["Deadlines:ExtraHolidays:0"] = "2026-01-21",
            ["Deadlines:ReminderStages:0"] = "-5",
            ["Deadlines:ReminderStages:1"] = "0",
        });

        var calendar = services.GetRequiredService<WorkingDayCalendar>();
        var deadline = services.GetRequiredService<DeadlineCalculator>()
            .DeadlineFor(ReportingPeriod.Parse("2025-26 Q3"), [new Meeting { Date = new(2026, 1, 22), Kind = MeetingKind.Board }]);

        Assert.False(calendar.IsWorkingDay(new DateOnly(2026, 1, 21)));
        Assert.Equal(new DateOnly(2026, 1, 14), deadline.Date); // 5 working days back, skipping the extra holiday
        Assert.Equal([-5, 0], services.GetRequiredService<ReminderStages>().All.Select(s => s.WorkingDaysFromDeadline));
    }

    [Fact]
    public void AddDeadlines_NegativeCount_FailsValidation()
    {
        using var services = Services(new() { ["Deadlines:WorkingDaysBeforeBoard"] = "-1" });

        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<DeadlineCalculator>());
    }
}
