using CspBot.Core.Domain;
using CspBot.Core.Features.Deadlines;
using CspBot.Core.Features.Returns;
using CspBot.Core.Persistence;
using CspBot.Core.Scheduling;
using CspBot.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CspBot.Web.Tests.Hosting;

public class DemoSeedTests
{
    [Fact]
    public async Task Startup_WithDemoSeed_LoadsTheDemoPartnershipOnce()
    {
        string databaseFile;
        int members;
        await using (var app = new CspBotApp(seedDemo: true))
        {
            databaseFile = app.DatabaseFile;
            app.CreateClient();
            using var scope = app.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<CspDbContext>();
            Assert.Equal("Haringey Community Safety Partnership (demo)", (await db.Partnerships.SingleAsync()).Name);
            members = await db.Members.CountAsync();
            Assert.True(members >= 6);
            Assert.True(await db.Actions.CountAsync() >= 40);
            Assert.True(await db.ChangeHistory.AnyAsync(c => c.ChangedBy == "demo seed"));
        }

        await using var restarted = new CspBotApp(seedDemo: true, new Dictionary<string, string?> { ["ConnectionStrings:Default"] = $"Data Source={databaseFile}" });
        restarted.CreateClient();
        using var again = restarted.Services.CreateScope();
        var db2 = again.ServiceProvider.GetRequiredService<CspDbContext>();
        Assert.Equal(1, await db2.Partnerships.CountAsync());
        Assert.Equal(members, await db2.Members.CountAsync());
    }

    /// <summary>
    /// Started on any day, the demo has a live cycle: the open period's deadline ahead (extended as an officer would
    /// when the day is past it), a board to come, figures for the open period and the seven quarters before it, and
    /// returns in, Reds and Ambers among them, none dated after the day. The clock is left alone.
    /// </summary>
    [Theory]
    [InlineData(null)] // today, whatever today is: what `dotnet run` and scripts/dev.sh show
    [InlineData("2026-12-29")] // late in a quarter, past the written deadline
    [InlineData("2027-04-01")] // the first day of a quarter, before any return could have been sent
    [InlineData("2031-02-14")] // years on, beyond the bank holidays the files know
    public async Task Demo_OnAnyDay_HasALiveCycle(string? anchor)
    {
        await using var app = new CspBotApp(seedDemo: true, new Dictionary<string, string?> { ["Demo:Anchor"] = anchor, ["Demo:Returns"] = "true" });
        app.CreateClient();
        using var scope = app.Services.CreateScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<CspDbContext>();
        var clock = services.GetRequiredService<ApplicationClock>();
        Assert.Equal(TimeSpan.Zero, clock.Offset);
        var day = anchor is null ? clock.LocalToday() : DateOnly.Parse(anchor, System.Globalization.CultureInfo.InvariantCulture);
        var open = DeadlineCalculator.OpenPeriodOn(day);
        if (anchor is null)
        {
            Assert.Equal(open, services.GetRequiredService<ReportingCycle>().OpenPeriod());
        }

        var meetings = await db.Meetings.ToListAsync();
        var deadline = services.GetRequiredService<DeadlineCalculator>().DeadlineFor(open, meetings, await db.PeriodSettings.SingleOrDefaultAsync(s => s.Period == open));
        Assert.True(deadline.Date >= day, $"the {open} deadline {deadline.Date} is ahead of {day}");
        Assert.Contains(meetings, m => m.Kind == MeetingKind.Board && m.Date > day);
        Assert.All(meetings, m => Assert.Equal(DayOfWeek.Thursday, m.Date.DayOfWeek));

        var history = open.LastQuarters(8).ToHashSet();
        var values = await db.IndicatorValues.ToListAsync();
        foreach (var indicator in await db.Indicators.Select(i => i.Id).ToListAsync())
        {
            Assert.Equal(history, values.Where(v => v.IndicatorId == indicator).Select(v => v.Period).ToHashSet());
        }

        var returns = await db.Returns.Where(r => r.Period == open).ToListAsync();
        var actions = await db.Actions.CountAsync();
        Assert.InRange(returns.Count(r => r.ItemKind == ItemKind.Action), 5, actions - 1);
        Assert.Contains(returns, r => r.Status == ActionStatus.Red);
        Assert.Contains(returns, r => r.Status == ActionStatus.Amber);
        Assert.Contains(returns, r => r.ItemKind == ItemKind.Indicator);
        Assert.Contains(await db.Returns.ToListAsync(), r => r.Period == open.Previous);
        var end = day.ToDateTime(new TimeOnly(23, 59));
        Assert.All(await db.Returns.ToListAsync(), r => Assert.True(r.SubmittedAt.UtcDateTime <= end, $"{r.ItemRef} was sent {r.SubmittedAt}, after {day}"));
        Assert.True(await db.ChangeHistory.AnyAsync(c => c.ChangedBy == returns[0].SubmittedBy));
    }
}
