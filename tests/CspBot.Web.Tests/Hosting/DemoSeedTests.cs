using CspBot.Core.Domain;
using CspBot.Core.Features.Deadlines;
using CspBot.Core.Features.Reports;
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
    /// Started on any day, the demo reads true: the open period's deadline is its own board's by the rule (no officer
    /// override), ahead of the day, with boards ahead; in the last working days of a quarter (no deadline ahead is
    /// possible) the deadline has passed or is today and the paper has been compiled for its board. Figures for the open
    /// period and the seven quarters before it, and returns in, Reds and Ambers among them, none dated after the day.
    /// The clock is left alone. <c>DemoBoardsTests</c> walks every day of two years; these load the whole demo.
    /// </summary>
    [Theory]
    [InlineData(null, null)] // today, whatever today is: what `dotnet run` and scripts/dev.sh show
    [InlineData("2025-10-20", true)] // the day the files are written for (the tests' anchor)
    [InlineData("2026-12-07", true)] // December, once past the written deadline
    [InlineData("2026-12-25", true)] // Christmas Day, late in a quarter
    [InlineData("2026-12-31", false)] // the quarter's last working day: the deadline is today, the paper compiled
    [InlineData("2024-03-29", false)] // Good Friday after the quarter's last working day: the deadline has passed
    [InlineData("2028-02-29", true)] // a leap day
    [InlineData("2027-04-01", true)] // the first day of a quarter, before any return could have been sent
    [InlineData("2031-02-14", true)] // years on, beyond the bank holidays the files know
    public async Task Demo_OnAnyDay_ReadsTrue(string? anchor, bool? collecting)
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
        Assert.Empty(await db.PeriodSettings.Where(s => s.DeadlineOverride != null).ToListAsync());
        var rule = services.GetRequiredService<DeadlineCalculator>();
        var deadline = rule.DeadlineFor(open, meetings);
        var next = rule.DeadlineFor(open.Next, meetings);
        Assert.Equal(DeadlineBasis.BoardMeeting, deadline.Basis);
        Assert.Equal(DeadlineBasis.BoardMeeting, next.Basis);
        Assert.True(next.BoardMeeting > deadline.BoardMeeting, $"{open.Next} aims at {next.BoardMeeting}, {open} at {deadline.BoardMeeting}");
        Assert.Contains(meetings, m => m.Kind == MeetingKind.Board && m.Date > day);
        var papers = await db.ReportSnapshots.Where(r => r.Period == open).ToListAsync();
        if (collecting ?? deadline.Date > day)
        {
            Assert.True(deadline.Date > day, $"the {open} deadline {deadline.Date} is ahead of {day}");
            Assert.Empty(papers);
        }
        else
        {
            Assert.True(deadline.Date <= day, $"the {open} deadline {deadline.Date} has come by {day}");
            var paper = Assert.Single(papers);
            Assert.Equal(ExceptionReportJob.Scheduler, paper.CompiledBy);
            Assert.Contains($"\"boardDate\":\"{ExceptionReport.LongDate(deadline.BoardMeeting!.Value)}\"", paper.Content);
        }

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
