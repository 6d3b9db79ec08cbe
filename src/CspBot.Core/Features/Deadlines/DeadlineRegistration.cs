using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CspBot.Core.Features.Deadlines;

public static class DeadlineRegistration
{
    /// <summary>The working-day calendar, deadline calculator and reminder stages, with options from "Deadlines".</summary>
    public static IServiceCollection AddDeadlines(this IServiceCollection services)
    {
        services.AddOptions<DeadlineOptions>()
            .BindConfiguration(DeadlineOptions.Section)
            .Configure<IConfiguration>(ReplaceDefaultReminderStages)
            .Validate(
                o => o.WorkingDaysBeforeBoard >= 0 && o.WorkingDaysAfterQuarterEndWhenNoMeeting >= 0 && o.MinimumWorkingDaysAfterQuarterEnd >= 0,
                "Deadlines: working-day counts cannot be negative.")
            .ValidateOnStart();

        // Built from options by hand: the calendar's constructor takes plain dates, which the container cannot supply.
        services.AddSingleton(sp => new WorkingDayCalendar(sp.GetRequiredService<IOptions<DeadlineOptions>>().Value.ExtraHolidays));
        services.AddSingleton<DeadlineCalculator>();
        services.AddSingleton<ReminderStages>();
        return services;
    }

    /// <summary>
    /// The binder appends configured list items to a list that already has defaults, so "[-5, 0]" would become
    /// seven stages; a configured list must replace the defaults instead.
    /// </summary>
    private static void ReplaceDefaultReminderStages(DeadlineOptions options, IConfiguration configuration)
    {
        var configured = configuration.GetSection($"{DeadlineOptions.Section}:{nameof(DeadlineOptions.ReminderStages)}");
        if (configured.Exists())
        {
            options.ReminderStages = configured.Get<List<int>>() ?? [];
        }
    }
}
