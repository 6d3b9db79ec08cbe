using System.Text;
using CspBot.Core.Features.Import;
using CspBot.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CspBot.Core.Tests.Import;

/// <summary>A migrated database plus a small valid partnership, and helpers to import CSV text into it.</summary>
public abstract class ImportTestBase : IDisposable
{
    protected const string Members = """
        email,name,agency,roles
        priya.shah@council.example,Priya Shah,Haringey Council,officer;owner
        mark.reid@met.police.example,DI Mark Reid,Metropolitan Police,owner
        helen.marsh@council.example,Cllr Helen Marsh,Haringey Council,chair
        """;

    protected const string Outcomes = """
        code,title
        RRO,Reduce re-offending
        VIO,Reduce violent crime
        """;

    protected const string Actions = """
        ref,plan,outcome,title,owner_email,agency,due_period,restricted
        DV-01,Domestic Violence Plan,VIO,"Run MARAC fortnightly, with IDVA cover",priya.shah@council.example,Haringey Council,2025-26 Q3,true
        RRO-01,Reducing Re-offending Plan,RRO,Integrated offender management cohort review,mark.reid@met.police.example,Metropolitan Police,2025-26 Q4,false
        """;

    protected const string Indicators = """
        ref,outcome,title,owner_email,unit,polarity,target,tolerance_pct
        VIO-01,VIO,Serious violent crime,mark.reid@met.police.example,count,lower,450,10
        RRO-02,RRO,Proven re-offending rate (adults),priya.shah@council.example,%,lower,24.5,
        """;

    protected const string Values = """
        ref,period,actual,previous_year,london_change_pct,msg_change_pct
        VIO-01,2025-26 Q2,512,470,+25,28
        RRO-02,2025-26 Q2,23.1,25.0,,
        """;

    protected const string Meetings = """
        date,kind
        2026-01-22,board
        2026-01-06,pmg
        """;

    protected ImportTestBase()
    {
        Database = new TestDatabase();
    }

    protected TestDatabase Database { get; }

    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2025, 11, 3, 9, 0, 0, TimeSpan.Zero));

    protected async Task<ImportResult> ImportCsvAsync(string sheet, string csv, string actor = "officer@test")
    {
        await using var db = Database.CreateContext();
        var importer = new PartnershipImporter(db, Clock, NullLogger<PartnershipImporter>.Instance);
        return await importer.ImportCsvAsync(sheet, new MemoryStream(Encoding.UTF8.GetBytes(csv)), actor, CancellationToken.None);
    }

    protected async Task<ImportResult> ImportWorkbookAsync(Stream workbook)
    {
        await using var db = Database.CreateContext();
        var importer = new PartnershipImporter(db, Clock, NullLogger<PartnershipImporter>.Instance);
        return await importer.ImportWorkbookAsync(workbook, "officer@test", CancellationToken.None);
    }

    protected async Task ImportValidPartnershipAsync()
    {
        foreach (var (sheet, csv) in new[]
        {
            (ImportSheets.Members, Members), (ImportSheets.Outcomes, Outcomes), (ImportSheets.Actions, Actions),
            (ImportSheets.Indicators, Indicators), (ImportSheets.IndicatorValues, Values), (ImportSheets.Meetings, Meetings),
        })
        {
            var result = await ImportCsvAsync(sheet, csv);
            Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        }
    }

    /// <summary>A fingerprint of everything import can change, to prove a rejected import changed nothing.</summary>
    protected async Task<string> SnapshotAsync()
    {
        await using var db = Database.CreateContext();
        var members = (await db.Members.ToListAsync()).OrderBy(m => m.Email).Select(m => $"{m.Email} {m.Name} {m.Agency} {m.Roles}");
        var outcomes = (await db.Outcomes.ToListAsync()).OrderBy(o => o.Code).Select(o => $"{o.Code} {o.Title}");
        var actions = (await db.Actions.ToListAsync()).OrderBy(a => a.Ref).Select(a => $"{a.Ref} {a.Title} {a.OwnerId} {a.DuePeriod} {a.Restricted}");
        var indicators = (await db.Indicators.ToListAsync()).OrderBy(i => i.Ref).Select(i => $"{i.Ref} {i.Title} {i.Target} {i.Polarity}");
        var values = (await db.IndicatorValues.ToListAsync()).OrderBy(v => v.Id).Select(v => $"{v.IndicatorId} {v.Period} {v.Actual}");
        var meetings = (await db.Meetings.ToListAsync()).OrderBy(m => m.Id).Select(m => $"{m.Date} {m.Kind}");
        var history = await db.ChangeHistory.CountAsync();
        return string.Join("|", members.Concat(outcomes).Concat(actions).Concat(indicators).Concat(values).Concat(meetings)) + "#" + history;
    }

    public void Dispose()
    {
        Database.Dispose();
        GC.SuppressFinalize(this);
    }
}
