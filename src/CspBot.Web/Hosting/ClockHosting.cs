using CspBot.Core.Scheduling;

namespace CspBot.Web.Hosting;

public static class ClockHosting
{
    /// <summary>Whether the settable clock and other test conveniences are on (Development and Testing only).</summary>
    public static bool AllowsTestControls(this IHostEnvironment environment) =>
        environment.IsDevelopment() || environment.IsEnvironment("Testing");

    /// <summary>
    /// Registers the application's <see cref="TimeProvider"/>: the system clock, or in Development/Testing an
    /// <see cref="ApplicationClock"/> that <c>PUT /api/admin/clock</c> can move.
    /// </summary>
    public static WebApplicationBuilder AddApplicationClock(this WebApplicationBuilder builder)
    {
        if (builder.Environment.AllowsTestControls())
        {
            builder.Services.AddSingleton(new ApplicationClock(TimeProvider.System));
            builder.Services.AddSingleton<TimeProvider>(sp => sp.GetRequiredService<ApplicationClock>());
        }
        else
        {
            builder.Services.AddSingleton(TimeProvider.System);
        }

        return builder;
    }

    public static RouteGroupBuilder MapClock(this RouteGroupBuilder admin)
    {
        admin.MapGet("/clock", (TimeProvider clock) => Results.Ok(new { now = clock.GetUtcNow(), local = clock.LocalNow() }));
        admin.MapPut("/clock", (ClockRequest? request, ApplicationClock clock, ILogger<ApplicationClock> logger) =>
        {
            if (request?.Now is not { } now)
            {
                clock.Reset();
                logger.LogWarning("Application clock reset to system time");
            }
            else
            {
                clock.Set(now);
                logger.LogWarning("Application clock set to {Now}", now);
            }

            return Results.Ok(new { now = clock.GetUtcNow(), local = clock.LocalNow() });
        });
        return admin;
    }

    /// <summary>Body of PUT /api/admin/clock; a null <see cref="Now"/> returns to system time.</summary>
    public sealed record ClockRequest(DateTimeOffset? Now);
}
