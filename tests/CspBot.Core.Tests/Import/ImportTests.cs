using CspBot.Core.Domain;
using CspBot.Core.Features.Import;
using CspBot.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CspBot.Core.Tests.Import;

public class ImportTests : ImportTestBase
{
    [Fact]
    public async Task ImportCsv_ValidPartnership_CreatesEveryRecord()
    {
        await ImportValidPartnershipAsync();

        await using var db = Database.CreateContext();
        Assert.Equal(3, await db.Members.CountAsync());
        Assert.Equal(2, await db.Plans.CountAsync());
        var dv = await db.Actions.Include(a => a.Owner).Include(a => a.Plan).SingleAsync(a => a.Ref == "DV-01");
        Assert.Equal("Run MARAC fortnightly, with IDVA cover", dv.Title);
        Assert.Equal("priya.shah@council.example", dv.Owner.Email);
        Assert.Equal(ReportingPeriod.Parse("2025-26 Q3"), dv.DuePeriod);
        Assert.True(dv.Restricted);
        var rro = await db.Indicators.SingleAsync(i => i.Ref == "RRO-02");
        Assert.Equal(Polarity.LowerIsBetter, rro.Polarity);
        Assert.Equal(24.5m, rro.Target);
        Assert.Equal(10m, rro.TolerancePct);
        var vio = await db.IndicatorValues.SingleAsync(v => v.Indicator.Ref == "VIO-01");
        Assert.Equal(512m, vio.Actual);
        Assert.Equal(25m, vio.LondonChangePct);
        Assert.Equal(2, await db.Meetings.CountAsync());
        var priya = await db.Members.SingleAsync(m => m.Email == "priya.shah@council.example");
        Assert.Equal(MemberRoles.Officer | MemberRoles.Owner, priya.Roles);
    }

    [Fact]
    public async Task ImportCsv_SameFileTwice_UpdatesNothing()
    {
        await ImportValidPartnershipAsync();
        var before = await SnapshotAsync();

        var again = await ImportCsvAsync(ImportSheets.Actions, Actions);

        Assert.True(again.Succeeded);
        Assert.Equal(new SheetCounts(0, 0, 2), again.Sheets[ImportSheets.Actions]);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task ImportCsv_ChangedOwnerAndTitle_UpsertsByRefAndRecordsHistory()
    {
        await ImportValidPartnershipAsync();
        Clock.Advance(TimeSpan.FromDays(2));

        var result = await ImportCsvAsync(ImportSheets.Actions, """
            ref,plan,outcome,title,owner_email,agency,due_period,restricted
            rro-01,Reducing Re-offending Plan,RRO,IOM cohort review with probation,priya.shah@council.example,Metropolitan Police,2025-26 Q4,false
            """, actor: "priya.shah@council.example");

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        Assert.Equal(new SheetCounts(0, 1, 0), result.Sheets[ImportSheets.Actions]);
        await using var db = Database.CreateContext();
        Assert.Equal(2, await db.Actions.CountAsync());
        var history = await db.ChangeHistory.Where(c => c.EntityKey == "RRO-01" && c.ChangedAt == Clock.GetUtcNow()).ToListAsync();
        var title = Assert.Single(history, c => c.Field == nameof(PlanAction.Title));
        Assert.Equal("Integrated offender management cohort review", title.OldValue);
        Assert.Equal("IOM cohort review with probation", title.NewValue);
        Assert.Equal("priya.shah@council.example", title.ChangedBy);
        Assert.Equal(ChangeSource.Import, title.Source);
        var owner = Assert.Single(history, c => c.Field == "Owner");
        Assert.Equal("mark.reid@met.police.example", owner.OldValue);
        Assert.Equal("priya.shah@council.example", owner.NewValue);
        Assert.Equal(2, history.Count);
    }

    [Theory]
    [InlineData(ImportSheets.Actions, "ref,plan,outcome,title,owner_email,agency,due_period,restricted\nASB-01,ASB Plan,XXX,Title,mark.reid@met.police.example,Police,2025-26 Q3,false", 2, "outcome", "unknown outcome 'XXX'")]
    [InlineData(ImportSheets.Actions, "ref,plan,outcome,title,owner_email,agency,due_period,restricted\nASB-01,ASB Plan,VIO,Title,nobody@example.org,Police,2025-26 Q3,false", 2, "owner_email", "'nobody@example.org' is not a member (import them in members first)")]
    [InlineData(ImportSheets.Actions, "ref,plan,outcome,title,owner_email,agency,due_period,restricted\nASB-01,ASB Plan,VIO,Title,helen.marsh@council.example,Council,2025-26 Q3,false", 2, "owner_email", "'helen.marsh@council.example' is a member without the owner or officer role")]
    [InlineData(ImportSheets.Actions, "ref,plan,outcome,title,owner_email,agency,due_period,restricted\nASB-01,ASB Plan,VIO,Title,mark.reid@met.police.example,Police,2025 Q3,false", 2, "due_period", "'2025 Q3' is not a period (write it like 2025-26 Q3)")]
    [InlineData(ImportSheets.Actions, "ref,plan,outcome,title,owner_email,agency,due_period,restricted\nASB-01,ASB Plan,VIO,Title,mark.reid@met.police.example,Police,2025-26 Q3,maybe", 2, "restricted", "'maybe' is not true or false")]
    [InlineData(ImportSheets.Actions, "ref,plan,outcome,title,owner_email,agency,due_period,restricted\nASB-01,ASB Plan,VIO,,mark.reid@met.police.example,Police,2025-26 Q3,false", 2, "title", "required")]
    [InlineData(ImportSheets.Actions, "ref,plan,outcome,title,owner_email,agency,due_period,restricted\nASB 01!,ASB Plan,VIO,Title,mark.reid@met.police.example,Police,2025-26 Q3,false", 2, "ref", "'ASB 01!' is not a valid reference (up to 32 letters, digits, '-', '_' or '.')")]
    [InlineData(ImportSheets.Actions, "ref,plan,outcome,title,owner_email,agency,due_period,restricted\nASB-01,ASB Plan,VIO,One,mark.reid@met.police.example,Police,2025-26 Q3,false\nasb-01,ASB Plan,VIO,Two,mark.reid@met.police.example,Police,2025-26 Q3,false", 3, "ref", "duplicate 'ASB-01' (also on row 2)")]
    [InlineData(ImportSheets.Actions, "ref,plan,outcome,title,owner_email,due_period,restricted\nASB-01,ASB Plan,VIO,Title,mark.reid@met.police.example,2025-26 Q3,false", 1, "agency", "missing column")]
    [InlineData(ImportSheets.Actions, "ref,plan,outcome,title,owner_email,agency,due_period,restricted,colour\nASB-01,ASB Plan,VIO,Title,mark.reid@met.police.example,Police,2025-26 Q3,false,red", 1, "colour", "unknown column (expected ref,plan,outcome,title,owner_email,agency,due_period,restricted)")]
    [InlineData(ImportSheets.Indicators, "ref,outcome,title,owner_email,unit,polarity,target,tolerance_pct\nASB-10,VIO,ASB calls,mark.reid@met.police.example,count,lower,lots,10", 2, "target", "'lots' is not a number")]
    [InlineData(ImportSheets.Indicators, "ref,outcome,title,owner_email,unit,polarity,target,tolerance_pct\nASB-10,VIO,ASB calls,mark.reid@met.police.example,count,down,100,10", 2, "polarity", "'down' is not higher or lower")]
    [InlineData(ImportSheets.Indicators, "ref,outcome,title,owner_email,unit,polarity,target,tolerance_pct\nASB-10,VIO,ASB calls,mark.reid@met.police.example,count,lower,100,-5", 2, "tolerance_pct", "must be a percentage from 0 to 100")]
    [InlineData(ImportSheets.IndicatorValues, "ref,period,actual,previous_year,london_change_pct,msg_change_pct\nNOPE-1,2025-26 Q2,5,4,,", 2, "ref", "unknown indicator 'NOPE-1'")]
    [InlineData(ImportSheets.IndicatorValues, "ref,period,actual,previous_year,london_change_pct,msg_change_pct\nVIO-01,2025-26 Q2,five,4,,", 2, "actual", "'five' is not a number")]
    [InlineData(ImportSheets.IndicatorValues, "ref,period,actual,previous_year,london_change_pct,msg_change_pct\nVIO-01,Q2,5,4,,", 2, "period", "'Q2' is not a period (write it like 2025-26 Q3)")]
    [InlineData(ImportSheets.Members, "email,name,agency,roles\nnot-an-email,Someone,Police,owner", 2, "email", "'not-an-email' is not an email address")]
    [InlineData(ImportSheets.Members, "email,name,agency,roles\nsam@police.example,Sam,Police,owner;boss", 2, "roles", "unknown role 'boss' (use chair, officer, owner, member separated by ;)")]
    [InlineData(ImportSheets.Members, "email,name,agency,roles\nsam@police.example,Sam,Police,owner,extra", 2, null, "has 5 fields but the header has 4")]
    [InlineData(ImportSheets.Meetings, "date,kind\n22/01/2026,board", 2, "date", "'22/01/2026' is not a date (YYYY-MM-DD)")]
    [InlineData(ImportSheets.Meetings, "date,kind\n2026-01-22,cabinet", 2, "kind", "'cabinet' is not board or pmg")]
    [InlineData(ImportSheets.Outcomes, "", 1, null, "is empty: the first row must be the header code,title")]
    public async Task ImportCsv_BadRow_RejectedWithRowColumnAndReason_AndChangesNothing(string sheet, string csv, int row, string? column, string message)
    {
        await ImportValidPartnershipAsync();
        var before = await SnapshotAsync();

        var result = await ImportCsvAsync(sheet, csv);

        Assert.False(result.Succeeded);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(new ImportProblem(sheet, row, column, message), problem);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task ImportCsv_SeveralBadRows_ReportsEveryProblemAndAppliesNoGoodRow()
    {
        await ImportValidPartnershipAsync();
        var before = await SnapshotAsync();

        var result = await ImportCsvAsync(ImportSheets.Actions, """
            ref,plan,outcome,title,owner_email,agency,due_period,restricted
            ASB-01,ASB Plan,VIO,A good row,mark.reid@met.police.example,Police,2025-26 Q3,false
            ASB-02,ASB Plan,NOPE,Bad outcome and period,mark.reid@met.police.example,Police,2025-26 Q9,false
            ASB-03,ASB Plan,VIO,Bad owner,ghost@police.example,Police,2025-26 Q3,false
            """);

        Assert.False(result.Succeeded);
        Assert.Equal(
            ["actions row 3 column 'outcome': unknown outcome 'NOPE'", "actions row 3 column 'due_period': '2025-26 Q9' is not a period (write it like 2025-26 Q3)", "actions row 4 column 'owner_email': 'ghost@police.example' is not a member (import them in members first)"],
            result.Problems.Select(p => p.ToString()));
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task ImportCsv_Partnership_SetsTheIdentity_AndAReimportReplacesIt()
    {
        var first = await ImportCsvAsync("partnership", "name,short_name,board_name,report_officer,protective_marking\nHaringey Community Safety Partnership,Haringey CSP,Community Safety Partnership Board,Head of Community Safety,official");
        Assert.True(first.Succeeded, string.Join("; ", first.Problems));
        var again = await ImportCsvAsync("partnership", "name,short_name,board_name,report_officer,protective_marking\nEnfield Safer Stronger Communities Board,,,,");
        Assert.True(again.Succeeded, string.Join("; ", again.Problems));

        await using var db = Database.CreateContext();
        var partnership = await db.Partnerships.AsNoTracking().SingleAsync();
        Assert.Equal("Enfield Safer Stronger Communities Board", partnership.Name);
        Assert.Null(partnership.ShortName);
        Assert.Equal("Enfield Safer Stronger Communities Board", partnership.Short);
        Assert.Equal("OFFICIAL", partnership.ProtectiveMarking);
        Assert.Equal(new SheetCounts(1, 0, 0), first.Sheets["partnership"]);
        Assert.Equal(new SheetCounts(0, 1, 0), again.Sheets["partnership"]);
    }

    [Theory]
    [InlineData("name,short_name,board_name,report_officer,protective_marking\nHaringey CSP,,,,SECRET", "partnership row 2 column 'protective_marking': 'SECRET' is not OFFICIAL or OFFICIAL-SENSITIVE: CspBot holds no information above OFFICIAL")]
    [InlineData("name,short_name,board_name,report_officer,protective_marking\n,Haringey CSP,,,", "partnership row 2 column 'name': required")]
    [InlineData("name,short_name,board_name,report_officer,protective_marking\nOne,,,,\nTwo,,,,", "partnership row 3 column 'name': duplicate 'partnership' (also on row 2)")]
    public async Task ImportCsv_Partnership_BadRows_AreRefused_AndChangeNothing(string csv, string problem)
    {
        var before = await SnapshotAsync();

        var result = await ImportCsvAsync("partnership", csv);

        Assert.Equal(problem, Assert.Single(result.Problems).ToString());
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task ImportCsv_UnknownSheet_Rejected()
    {
        var result = await ImportCsvAsync("budgets", "a,b\n1,2");

        Assert.Equal("budgets: unknown sheet (use one of partnership, members, outcomes, actions, indicators, indicator-values, meetings, police-sources)", Assert.Single(result.Problems).ToString());
    }

    [Fact]
    public async Task ImportWorkbook_AllSheets_ImportsAndResolvesReferencesAcrossSheets()
    {
        using var workbook = WorkbookBuilder.Build(
            (ImportSheets.Meetings, WorkbookBuilder.Csv(Meetings)),
            (ImportSheets.Members, WorkbookBuilder.Csv(Members)),
            (ImportSheets.Outcomes, WorkbookBuilder.Csv(Outcomes)),
            (ImportSheets.Indicators, WorkbookBuilder.Csv(Indicators)),
            (ImportSheets.IndicatorValues, WorkbookBuilder.Csv(Values)));

        var result = await ImportWorkbookAsync(workbook);

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        Assert.Equal(new SheetCounts(3, 0, 0), result.Sheets[ImportSheets.Members]);
        Assert.Equal(new SheetCounts(2, 0, 0), result.Sheets[ImportSheets.IndicatorValues]);
        await using var db = Database.CreateContext();
        Assert.Equal(2, await db.Indicators.CountAsync());
    }

    [Fact]
    public async Task ImportWorkbook_OneBadSheet_ImportsNoSheet()
    {
        using var workbook = WorkbookBuilder.Build(
            (ImportSheets.Members, WorkbookBuilder.Csv(Members)),
            (ImportSheets.Outcomes, WorkbookBuilder.Csv("code,title\nRRO,Reduce re-offending\nRRO,Again")));
        var before = await SnapshotAsync();

        var result = await ImportWorkbookAsync(workbook);

        Assert.Equal("outcomes row 3 column 'code': duplicate 'RRO' (also on row 2)", Assert.Single(result.Problems).ToString());
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task ImportWorkbook_NotAWorkbook_Rejected()
    {
        var result = await ImportWorkbookAsync(new MemoryStream("email,name\n"u8.ToArray()));

        Assert.Equal("workbook: is not a readable .xlsx workbook", Assert.Single(result.Problems).ToString());
    }

    [Fact]
    public async Task ImportWorkbook_UnknownSheetName_Rejected()
    {
        using var workbook = WorkbookBuilder.Build(("Sheet1", WorkbookBuilder.Csv(Members)));

        var result = await ImportWorkbookAsync(workbook);

        Assert.Equal("sheet1: unknown sheet (use partnership, members, outcomes, actions, indicators, indicator-values, meetings, police-sources)", Assert.Single(result.Problems).ToString());
    }
}
