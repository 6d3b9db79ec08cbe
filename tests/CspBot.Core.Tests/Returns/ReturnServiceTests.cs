using CspBot.Core.Domain;
using CspBot.Core.Features.Delegations;
using CspBot.Core.Features.Returns;
using CspBot.Core.Tests.Import;
using Microsoft.EntityFrameworkCore;
using CspBot.Core.Features.Deadlines;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CspBot.Core.Tests.Returns;

public class ReturnServiceTests : ImportTestBase
{
    private static readonly ReportingPeriod Q3 = ReportingPeriod.Parse("2025-26 Q3");

    /// <summary>Returns are being collected for 2025-26 Q3 (October to December) in January.</summary>
    public ReturnServiceTests() => Clock.SetUtcNow(new DateTimeOffset(2026, 1, 12, 9, 0, 0, TimeSpan.Zero));

    private async Task<SubmitResult> SubmitAsync(string email, string reference, int version, ReturnInput input, ReportingPeriod? period = null)
    {
        await using var db = Database.CreateContext();
        var member = await db.Members.SingleAsync(m => m.Email == email);
        var options = Options.Create(new DeadlineOptions());
        var cycle = new ReportingCycle(db, new DeadlineCalculator(new WorkingDayCalendar(), options), Clock);
        var service = new ReturnService(db, new OwedItems(db), new DelegationRules(db, Clock), cycle, Clock, NullLogger<ReturnService>.Instance);
        return await service.SubmitAsync(member, reference, period ?? Q3, version, input, ChangeSource.Teams, CancellationToken.None);
    }

    private static ReturnInput Green(string commentary = "MARAC ran fortnightly with full IDVA cover.") => new("Green", commentary, null, null, null);

    [Fact]
    public async Task Submit_ValidActionReturn_SavesWithHistory()
    {
        await ImportValidPartnershipAsync();

        var result = await SubmitAsync("priya.shah@council.example", "DV-01", 0, Green());

        Assert.Equal(SubmitOutcome.Saved, result.Outcome);
        await using var db = Database.CreateContext();
        var saved = await db.Returns.SingleAsync();
        Assert.Equal((ActionStatus.Green, 1, "priya.shah@council.example"), (saved.Status!.Value, saved.Version, saved.SubmittedBy));
        var history = await db.ChangeHistory.Where(c => c.Entity == nameof(Return)).ToListAsync();
        Assert.Contains(history, c => c.EntityKey == "DV-01@2025-26-Q3" && c.Field == "Status" && c.OldValue == null && c.NewValue == "Green" && c.Source == ChangeSource.Teams);
    }

    [Fact]
    public async Task Submit_Amendment_KeepsOldToNewInHistory()
    {
        await ImportValidPartnershipAsync();
        await SubmitAsync("priya.shah@council.example", "DV-01", 0, Green());

        var result = await SubmitAsync("priya.shah@council.example", "DV-01", 1, new ReturnInput("Amber", "IDVA post vacant since November.", "Agency cover agreed", "2026-03-31", null));

        Assert.Equal(SubmitOutcome.Saved, result.Outcome);
        await using var db = Database.CreateContext();
        Assert.Equal(2, (await db.Returns.SingleAsync()).Version);
        var status = await db.ChangeHistory.Where(c => c.Field == "Status").OrderBy(c => c.Id).Select(c => c.OldValue + "→" + c.NewValue).ToListAsync();
        Assert.Equal(["→Green", "Green→Amber"], status);
    }

    [Theory]
    [InlineData("Amber", "Slipping", null, null, "measures", "Amber needs the measures you are taking to improve.")]
    [InlineData("Red", "Stopped", "Escalate", null, "revisedDate", "Red needs a revised completion date.")]
    [InlineData("Red", "Stopped", "Escalate", "2025-01-01", "revisedDate", "The revised date must be today or later.")]
    [InlineData("Red", "Stopped", "Escalate", "31/03/2026", "revisedDate", "Please give the revised date as a date (YYYY-MM-DD).")]
    [InlineData("Purple", "Fine", null, null, "status", "Please choose Green, Amber, Red or Complete.")]
    [InlineData("2", "Fine", null, null, "status", "Please choose Green, Amber, Red or Complete.")]
    [InlineData("Green", "  ", null, null, "commentary", "Please add a commentary on progress.")]
    public async Task Submit_InvalidActionReturn_ExplainsAndSavesNothing(string status, string commentary, string? measures, string? revised, string field, string message)
    {
        await ImportValidPartnershipAsync();

        var result = await SubmitAsync("priya.shah@council.example", "DV-01", 0, new ReturnInput(status, commentary, measures, revised, null));

        Assert.Equal(SubmitOutcome.Invalid, result.Outcome);
        Assert.Equal(message, result.Errors[field]);
        await using var db = Database.CreateContext();
        Assert.False(await db.Returns.AnyAsync());
    }

    [Theory]
    [InlineData("", "Please give this quarter's figure.")]
    [InlineData("lots", "'lots' is not a number.")]
    public async Task Submit_IndicatorWithoutANumber_IsInvalid(string actual, string message)
    {
        await ImportValidPartnershipAsync();

        var result = await SubmitAsync("mark.reid@met.police.example", "VIO-01", 0, new ReturnInput(null, "Youth violence in Q3.", null, null, actual));

        Assert.Equal(message, result.Errors["actual"]);
    }

    [Fact]
    public async Task Submit_SameAnswerTwice_IsIdempotent()
    {
        await ImportValidPartnershipAsync();

        var first = await SubmitAsync("priya.shah@council.example", "DV-01", 0, Green());
        var second = await SubmitAsync("priya.shah@council.example", "DV-01", 0, Green());

        Assert.Equal((SubmitOutcome.Saved, SubmitOutcome.AlreadySaved), (first.Outcome, second.Outcome));
        await using var db = Database.CreateContext();
        Assert.Equal(1, (await db.Returns.SingleAsync()).Version);
    }

    [Fact]
    public async Task Submit_FromAStaleCard_DoesNotOverwriteTheNewerAnswer()
    {
        await ImportValidPartnershipAsync();
        await SubmitAsync("priya.shah@council.example", "DV-01", 0, Green("Newer answer"));

        var stale = await SubmitAsync("priya.shah@council.example", "DV-01", 0, Green("Older card"));

        Assert.Equal(SubmitOutcome.Conflict, stale.Outcome);
        await using var db = Database.CreateContext();
        Assert.Equal("Newer answer", (await db.Returns.SingleAsync()).Commentary);
    }

    [Fact]
    public async Task Submit_SomeoneElsesAction_IsRefused_ButOfficersMayChangeAny()
    {
        await ImportValidPartnershipAsync();

        var byOtherOwner = await SubmitAsync("mark.reid@met.police.example", "DV-01", 0, Green());
        var byOfficer = await SubmitAsync("priya.shah@council.example", "RRO-01", 0, Green());

        Assert.Equal(SubmitOutcome.NotAllowed, byOtherOwner.Outcome);
        Assert.Equal(SubmitOutcome.Saved, byOfficer.Outcome);
    }

    [Fact]
    public async Task Submit_ToAClosedPeriod_IsRefused()
    {
        await ImportValidPartnershipAsync();
        await using (var db = Database.CreateContext())
        {
            db.PeriodSettings.Add(new PeriodSettings { Period = Q3, ClosedAt = Clock.GetUtcNow() });
            await db.SaveChangesAsync();
        }

        var result = await SubmitAsync("priya.shah@council.example", "DV-01", 0, Green());

        Assert.Equal(SubmitOutcome.PeriodClosed, result.Outcome);
    }

    [Theory]
    [InlineData("2026-27 Q1")]
    [InlineData("2025-26 Q4")]
    [InlineData("2025-26 Q2")]
    [InlineData("2019-20 Q1")]
    public async Task Submit_ForAPeriodThatIsNotOpen_IsRefused_AndStoresNothing(string period)
    {
        await ImportValidPartnershipAsync();

        var result = await SubmitAsync("priya.shah@council.example", "DV-01", 0, new ReturnInput("Complete", "Done.", null, null, null), ReportingPeriod.Parse(period));

        Assert.Equal(SubmitOutcome.PeriodNotOpen, result.Outcome);
        await using var db = Database.CreateContext();
        Assert.Empty(await db.Returns.ToListAsync());
    }

    [Fact]
    public async Task Submit_ForAPastPeriodAnOfficerReopened_IsSaved()
    {
        await ImportValidPartnershipAsync();
        await using (var db = Database.CreateContext())
        {
            db.PeriodSettings.Add(new PeriodSettings { Period = ReportingPeriod.Parse("2025-26 Q2"), OpenedForAmendmentAt = Clock.GetUtcNow() });
            await db.SaveChangesAsync();
        }

        var result = await SubmitAsync("priya.shah@council.example", "DV-01", 0, Green(), ReportingPeriod.Parse("2025-26 Q2"));

        Assert.Equal(SubmitOutcome.Saved, result.Outcome);
    }

    [Fact]
    public async Task OwedItems_ActionCompletedInAnEarlierPeriod_IsNoLongerOwed()
    {
        await ImportValidPartnershipAsync();
        await using (var reopen = Database.CreateContext())
        {
            reopen.PeriodSettings.Add(new PeriodSettings { Period = ReportingPeriod.Parse("2025-26 Q2"), OpenedForAmendmentAt = Clock.GetUtcNow() });
            await reopen.SaveChangesAsync();
        }

        await SubmitAsync("priya.shah@council.example", "DV-01", 0, new ReturnInput("Complete", "Done.", null, null, null), ReportingPeriod.Parse("2025-26 Q2"));

        await using var db = Database.CreateContext();
        var owedQ3 = await new OwedItems(db).ForOwnerAsync((await db.Members.SingleAsync(m => m.Email == "priya.shah@council.example")).Id, Q3, CancellationToken.None);

        Assert.DoesNotContain(owedQ3, i => i.Ref == "DV-01");
        Assert.Contains(owedQ3, i => i.Ref == "RRO-02" && i.Kind == ItemKind.Indicator);
    }

    [Fact]
    public async Task Submit_ByAnActiveDelegate_IsAllowed_UntilTheDelegationEnds()
    {
        await ImportValidPartnershipAsync();
        await using (var db = Database.CreateContext())
        {
            var mark = await db.Members.SingleAsync(m => m.Email == "mark.reid@met.police.example");
            var ruth = new Member { Email = "ruth.adeyemi@probation.example", Name = "Ruth Adeyemi", Agency = "Probation", Roles = MemberRoles.Owner };
            db.Members.Add(ruth);
            db.Delegations.Add(new Delegation { Owner = mark, Delegate = ruth, Until = DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime) });
            await db.SaveChangesAsync();
        }

        var during = await SubmitAsync("ruth.adeyemi@probation.example", "RRO-01", 0, Green());
        Clock.Advance(TimeSpan.FromDays(1));
        var after = await SubmitAsync("ruth.adeyemi@probation.example", "RRO-01", 1, Green("Later"));

        Assert.Equal(SubmitOutcome.Saved, during.Outcome);
        Assert.Equal(SubmitOutcome.NotAllowed, after.Outcome);
    }

    [Theory]
    [InlineData("1,234.5", 1234.5)]
    [InlineData("1234.5", 1234.5)]
    [InlineData("-3", -3)]
    [InlineData("12%", 12)]
    public async Task Submit_IndicatorFigure_AcceptsUkAndInvariantFormats(string typed, double expected)
    {
        await ImportValidPartnershipAsync();

        var result = await SubmitAsync("mark.reid@met.police.example", "VIO-01", 0, new ReturnInput(null, "Figures from the MPS dashboard.", null, null, typed));

        Assert.Equal(SubmitOutcome.Saved, result.Outcome);
        Assert.Equal((decimal)expected, result.Current!.Actual);
    }

    [Fact]
    public async Task Submit_RevisedDateYearsAway_IsRefused()
    {
        await ImportValidPartnershipAsync();

        var result = await SubmitAsync("priya.shah@council.example", "DV-01", 0, new ReturnInput("Red", "Stalled", "Escalated", "2035-01-01", null));

        Assert.Equal("The revised date must be within 3 years.", result.Errors["revisedDate"]);
    }
}
