using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using CspBot.Core.Domain;
using CspBot.Core.Features.Police;
using CspBot.Core.Features.Reports;
using CspBot.Core.Features.Returns;
using CspBot.Core.Persistence;
using CspBot.Web.Tests.Support;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CspBot.Core.Features.Police.StreetFileWriter;

namespace CspBot.Web.Tests.Police;

/// <summary>
/// Uploading data.police.uk street files through the operations API, with the demo partnership (Haringey) and its
/// three police-fed indicators (samples/demo/police-sources.csv): burglary, robbery and vehicle crime, compared with
/// London and seven peer boroughs. Every expected figure is worked out here from the counts the files were made from.
/// </summary>
public sealed class PoliceUploadTests : IAsyncLifetime
{
    private const string Met = "Metropolitan Police Service";
    private const string City = "City of London Police";
    private const string Transport = "British Transport Police";
    private static readonly string[] Peers = ["Enfield", "Hackney", "Islington", "Lambeth", "Lewisham", "Southwark", "Waltham Forest"];
    private static readonly string[] Months = ["2025-07", "2025-08", "2025-09", "2024-07", "2024-08", "2024-09"];
    private static readonly ReportingPeriod Q2 = ReportingPeriod.Parse("2025-26 Q2");
    private readonly CspBotApp app = new(seedDemo: true);

    public Task InitializeAsync() => app.SetClockAsync("2025-10-20T09:00:00Z");

    public Task DisposeAsync() => app.DisposeAsync().AsTask();

    /// <summary>The crimes of one type in one authority in one month: different everywhere, and more this year.</summary>
    private static int Crimes(string authority, string type, string month) =>
        3 + (Math.Abs(StableHash(authority + type)) % 9) + (month.StartsWith("2025", StringComparison.Ordinal) ? 2 : 0) + int.Parse(month[^1..]);

    private static int StableHash(string text) => text.Aggregate(17, (h, c) => unchecked((h * 31) + c));

    private static string MonthFile(string month, string force, int malformed = 0, Func<string, string, int>? extra = null)
    {
        var places = force == City ? ["City of London"] : PoliceData.London.Where(b => b != "City of London");
        var crimes = places.SelectMany(p => new[] { "Burglary", "Robbery", "Vehicle crime", "Shoplifting" }
            .Select(t => new Crimes(p, t, Crimes(p, t, month) + (extra?.Invoke(p, t) ?? 0))));
        if (force == Transport)
        {
            // The British Transport Police's file: a burglary at a station in every London borough, and nothing else.
            crimes = PoliceData.London.Select(b => new Crimes(b, "Burglary", 1));
        }

        return Text(month, force, crimes, noLocation: 5, malformed: malformed, seed: StableHash(month));
    }

    private static int Sum(IEnumerable<string> places, string type, IEnumerable<string> months) =>
        months.Sum(m => places.Sum(p => Crimes(p, type, m)));

    private static decimal Change(int now, int before) => Math.Round((now - before) * 100m / before, 1, MidpointRounding.AwayFromZero);

    private async Task<(HttpStatusCode Status, JsonNode Body)> UploadAsync(params (string Name, byte[] Content)[] files)
    {
        using var form = new MultipartFormDataContent();
        foreach (var (name, content) in files)
        {
            var part = new ByteArrayContent(content);
            part.Headers.ContentType = new MediaTypeHeaderValue(name.EndsWith(".zip", StringComparison.Ordinal) ? "application/zip" : "text/csv");
            form.Add(part, "files", name);
        }

        var response = await app.CreateClient().PostAsync("/api/admin/police-data", form);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    private static (string, byte[]) Csv(string month, string force, int malformed = 0, Func<string, string, int>? extra = null) =>
        (FileName(month, force), Encoding.UTF8.GetBytes(MonthFile(month, force, malformed, extra)));

    private static (string, byte[]) Archive(IEnumerable<string> months) =>
        ("2025-09.zip", Zip(months.SelectMany(m => new[] { (m, Met, MonthFile(m, Met)), (m, City, MonthFile(m, City)) })));

    private static (string, byte[]) ZipOf(string name, params (string Path, string Csv)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(buffer, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (path, csv) in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(path).Open(), new UTF8Encoding(false));
                writer.Write(csv);
            }
        }

        return (name, buffer.ToArray());
    }

    private Task<int> CountsAsync() => app.InScopeAsync(services => services.GetRequiredService<CspDbContext>().PoliceCounts.CountAsync());

    private Task<Return?> SentAsync(string reference) => app.InScopeAsync(services =>
        services.GetRequiredService<CspDbContext>().Returns.AsNoTracking().FirstOrDefaultAsync(r => r.ItemRef == reference && r.Period == Q2));

    /// <summary>The figure everywhere it is read: the return, the scorecard's results, the returns API and the board paper compiled now.</summary>
    private async Task<(decimal? Return, decimal? Scorecard, decimal? Api, string Paper)> EverywhereAsync(string reference)
    {
        var sent = (await SentAsync(reference))?.Actual;
        var (scorecard, paper) = await app.InScopeAsync(async services =>
        {
            var results = await services.GetRequiredService<CspBot.Core.Features.Scorecard.PeriodResultsBuilder>().BuildAsync(Q2, CancellationToken.None);
            var compiled = await services.GetRequiredService<ReportCompiler>().CompileAsync(Q2, "priya.shah@council.example", CancellationToken.None);
            var docx = (await services.GetRequiredService<CspDbContext>().ReportSnapshots.SingleAsync(r => r.Version == compiled.Version && r.Period == Q2)).Docx!;
            using var word = WordprocessingDocument.Open(new MemoryStream(docx), false);
            return (results.Indicators.Single(i => i.Ref == reference).Indicator?.Actual, word.MainDocumentPart!.Document.InnerText);
        });
        var api = JsonNode.Parse(await app.CreateClient().GetStringAsync("/api/admin/periods/2025-26-Q2/returns"))!["items"]!.AsArray()
            .Single(i => i!["ref"]!.GetValue<string>() == reference)!["actual"]?.GetValue<decimal>();
        return (sent, scorecard, api, paper);
    }

    private Task<SubmitResult> SendReturnAsync(string typed) => app.InScopeAsync(async services =>
    {
        var mark = await services.GetRequiredService<CspDbContext>().Members.SingleAsync(m => m.Email == "mark.reid@met.police.example");
        var version = (await services.GetRequiredService<CspDbContext>().Returns.AsNoTracking().FirstOrDefaultAsync(r => r.ItemRef == "ACQ-I1" && r.Period == Q2))?.Version ?? 0;
        return await services.GetRequiredService<ReturnService>().SubmitAsync(mark, "ACQ-I1", Q2, version,
            new ReturnInput(null, $"Burglary up in the west of the borough ({typed}).", "Target hardening in Noel Park.", null, typed), ChangeSource.Teams, CancellationToken.None);
    });

    private Task<IndicatorValue?> ValueAsync(string reference, ReportingPeriod period) => app.InScopeAsync(services =>
        services.GetRequiredService<CspDbContext>().IndicatorValues.AsNoTracking().FirstOrDefaultAsync(v => v.Indicator.Ref == reference && v.Period == period));

    [Fact]
    public async Task TheArchive_IsCounted_AndEachPoliceFedIndicatorGetsItsFigures_AsWorkedOutIndependently()
    {
        var (status, body) = await UploadAsync(Archive(Months));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(12, body["files"]!.AsArray().Count);
        Assert.Equal(12, body["skipped"]!.AsArray().Count); // the outcomes files
        Assert.Contains("Open Government Licence", body["licence"]!.GetValue<string>());
        var now = Months[..3];
        var before = Months[3..];
        foreach (var (reference, type) in new[] { ("ACQ-I1", "Burglary"), ("ACQ-I2", "Robbery"), ("ACQ-I3", "Vehicle crime") })
        {
            var value = (await ValueAsync(reference, Q2))!;
            Assert.Equal(Sum(["Haringey"], type, now), value.Actual);
            Assert.Equal(Sum(["Haringey"], type, before), value.PreviousYear);
            Assert.Equal(Change(Sum(PoliceData.London, type, now), Sum(PoliceData.London, type, before)), value.LondonChangePct);
            Assert.Equal(Change(Sum(Peers, type, now), Sum(Peers, type, before)), value.MsgChangePct);
            Assert.StartsWith("data.police.uk: 2025-07 to 2025-09 and 2024-07 to 2024-09", value.Source);
            Assert.True(value.Counted);
        }

        // Everything is in the change history: the files and the figures.
        var history = await app.InScopeAsync(services => services.GetRequiredService<CspDbContext>().ChangeHistory.AsNoTracking()
            .Where(c => c.Entity == nameof(PoliceFile) || (c.Entity == nameof(IndicatorValue) && c.EntityKey == "ACQ-I1@2025-26-Q2")).ToListAsync());
        Assert.Equal(6, history.Count(c => c.Entity == nameof(PoliceFile) && c.Field == nameof(PoliceFile.Force) && c.NewValue == Met));
        Assert.Contains(history, c => c.Field == nameof(IndicatorValue.Actual) && c.OldValue == "455" && c.NewValue == Sum(["Haringey"], "Burglary", now).ToString());
    }

    [Fact]
    public async Task TheShippedSample_Uploads_AndCountsToTheDemosFigures()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "CspBot.sln")))
        {
            root = root.Parent!;
        }

        var (status, body) = await UploadAsync(("haringey-demo-street.zip", await File.ReadAllBytesAsync(Path.Combine(root.FullName, "samples", "police", "haringey-demo-street.zip"))));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(12, body["files"]!.AsArray().Count);
        var value = (await ValueAsync("ACQ-I1", Q2))!;
        Assert.Equal((455m, 470m, 4m, 3m, true), (value.Actual!.Value, value.PreviousYear!.Value, value.LondonChangePct!.Value, value.MsgChangePct!.Value, value.Counted));
    }

    [Fact]
    public async Task AnIndicatorDefinedAfterTheUpload_IsCountedAtOnce_FromTheFilesAlreadyThere()
    {
        await UploadAsync(Archive(Months));

        var csv = "ref,crime_types,area,comparison,peers\nVIO-02,Shoplifting,Haringey,force,\n";
        var response = await app.CreateClient().PostAsync("/api/admin/import/police-sources", new StringContent(csv, Encoding.UTF8, "text/csv"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var value = (await ValueAsync("VIO-02", Q2))!;
        Assert.Equal(Sum(["Haringey"], "Shoplifting", Months[..3]), value.Actual);
        Assert.Null(value.MsgChangePct); // no peers given
        Assert.True(value.Counted);

        // Compared with the force: every Metropolitan Police row of the type, and said so beside the figure.
        var met = PoliceData.London.Where(b => b != "City of London").ToList();
        Assert.Equal((Change(Sum(met, "Shoplifting", Months[..3]), Sum(met, "Shoplifting", Months[3..])), Met), (value.LondonChangePct!.Value, value.ComparedWith));
        Assert.Contains("(Metropolitan Police Service; files 2025-09.zip/2024-07/2024-07-metropolitan-street.csv, ", value.Source);
    }

    [Theory]
    [InlineData("VIO-02,Dragon theft,Haringey,London,", "crime_types")]
    [InlineData("VIO-02,Burglary,,London,", "area")]
    [InlineData("VIO-02,Burglary,Haringey;E01001000,London,", "area")]
    [InlineData("VIO-02,Burglary,Haringey,Europe,", "comparison")]
    [InlineData("NOPE-1,Burglary,Haringey,London,", "ref")]
    public async Task ABadPoliceSource_IsRefusedByColumn(string row, string column)
    {
        var response = await app.CreateClient().PostAsync("/api/admin/import/police-sources", new StringContent("ref,crime_types,area,comparison,peers\n" + row + "\n", Encoding.UTF8, "text/csv"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"\"column\":\"{column}\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AMissingMonth_IsNamed_AndNothingIsGuessed()
    {
        var (status, body) = await UploadAsync(Archive(Months.Where(m => m != "2024-09")));

        Assert.Equal(HttpStatusCode.OK, status);
        var burglary = body["figures"]!.AsArray().Single(f => f!["ref"]!.GetValue<string>() == "ACQ-I1" && f["period"]!.GetValue<string>() == "2025-26 Q2")!;
        Assert.Equal(PoliceIndicators.Waiting, burglary["outcome"]!.GetValue<string>());
        Assert.Equal(["2024-09"], burglary["missingMonths"]!.AsArray().Select(m => m!.GetValue<string>()));
        var value = (await ValueAsync("ACQ-I1", Q2))!;
        Assert.Equal((455m, (string?)null), (value.Actual, value.Source)); // the typed figure is still there
    }

    [Fact]
    public async Task AReUploadOfAMonth_ReplacesIt_NeverDoubleCounts()
    {
        await UploadAsync(Archive(Months));
        var first = (await ValueAsync("ACQ-I1", Q2))!.Actual;

        var (status, _) = await UploadAsync(Csv("2025-09", Met, extra: (place, type) => place == "Haringey" && type == "Burglary" ? 10 : 0));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(first + 10, (await ValueAsync("ACQ-I1", Q2))!.Actual);
        var files = await app.InScopeAsync(services => services.GetRequiredService<CspDbContext>().PoliceFiles.CountAsync(f => f.Month == "2025-09" && f.Force == Met));
        Assert.Equal(1, files);
    }

    [Fact]
    public async Task MalformedLines_AreReportedByFileAndLine_AndNotCounted()
    {
        var (status, body) = await UploadAsync(Csv("2025-08", Met, malformed: 3));

        Assert.Equal(HttpStatusCode.OK, status);
        var file = body["files"]![0]!;
        Assert.Equal(("2025-08-metropolitan-street.csv", 3), (file["file"]!.GetValue<string>(), file["malformed"]!.GetValue<int>()));
        Assert.All(file["malformedLines"]!.AsArray(), l => Assert.True(l!["line"]!.GetValue<int>() > 1));
        Assert.Contains("3 malformed lines were not counted", body["title"]!.GetValue<string>());
        var counted = await app.InScopeAsync(services => services.GetRequiredService<CspDbContext>().PoliceCounts
            .Where(c => c.Month == "2025-08" && c.Place == "Haringey" && c.CrimeType == "Burglary" && !c.IsLsoa).SumAsync(c => c.Count));
        Assert.Equal(Crimes("Haringey", "Burglary", "2025-08"), counted);
    }

    [Theory]
    [InlineData("wrong-header.csv", "ref,period,actual\nACQ-I1,2025-26 Q2,4\n", "is not a street-level crime file")]
    [InlineData("2025-09.zip", "PK\u0003\u0004 this is not really a zip", "is not a readable .zip archive")]
    [InlineData("notes.txt", "hello", "is neither a street-level .csv nor a .zip")]
    [InlineData("empty.csv", "", "is empty")]
    public async Task ABadFile_IsRefusedWithAReason_AndNothingChanges_EvenWithGoodFilesBesideIt(string name, string content, string reason)
    {
        var (status, body) = await UploadAsync(Csv("2025-09", Met), (name, Encoding.Latin1.GetBytes(content)));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.False(body["saved"]!.GetValue<bool>());
        Assert.Contains(reason, body["title"]!.GetValue<string>());
        Assert.StartsWith("Nothing was counted or changed", body["title"]!.GetValue<string>());
        Assert.Equal(0, await app.InScopeAsync(services => services.GetRequiredService<CspDbContext>().PoliceCounts.CountAsync()));
        Assert.Equal(0, await app.InScopeAsync(services => services.GetRequiredService<CspDbContext>().PoliceFiles.CountAsync()));
    }

    [Fact]
    public async Task TheOwnersForm_AsksOnlyForCommentary_AndTheCountedFigureIsKept()
    {
        await UploadAsync(Archive(Months));
        var counted = (await ValueAsync("ACQ-I1", Q2))!.Actual!.Value;

        var (form, saved, typedOver) = await app.InScopeAsync(async services =>
        {
            var item = (await services.GetRequiredService<OwedItems>().FindAsync("ACQ-I1", Q2, CancellationToken.None))!;
            var card = ReturnCards.Form(new PeriodSummary(Q2, null), item, null, new Dictionary<string, string>(), 0).ToJsonString();
            var mark = await services.GetRequiredService<CspDbContext>().Members.SingleAsync(m => m.Email == "mark.reid@met.police.example");
            var returns = services.GetRequiredService<ReturnService>();
            var result = await returns.SubmitAsync(mark, "ACQ-I1", Q2, 0, new ReturnInput(null, "Burglary up in the west of the borough.", "Target hardening in Noel Park.", null, "1"), ChangeSource.Teams, CancellationToken.None);
            return (card, result, result.Current?.Actual);
        });

        Assert.DoesNotContain("\"id\":\"actual\"", form);
        Assert.Contains(PoliceData.SourceLabel, form);
        Assert.Equal(SubmitOutcome.Saved, saved.Outcome);
        Assert.Equal(counted, typedOver); // the "1" typed into a forged form changes nothing
    }

    [Fact]
    public async Task AnOfficerMayOverrideACountedFigure_OnlyWithAReason_AndARecountKeepsIt()
    {
        await UploadAsync(Archive(Months));
        var client = app.CreateClient();

        var refused = await client.PutAsJsonAsync("/api/admin/indicators/ACQ-I1/values/2025-26-Q2", new { actual = 400, reason = " " });
        var done = await client.PutAsJsonAsync("/api/admin/indicators/ACQ-I1/values/2025-26-Q2", new { actual = 400, reason = "Forty crimes were recorded twice; the force has confirmed it." });
        var (_, recount) = await UploadAsync(Csv("2025-09", Met));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("needs a reason", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var value = (await ValueAsync("ACQ-I1", Q2))!;
        Assert.Equal((400m, false), (value.Actual, value.Counted));
        Assert.Contains(recount["figures"]!.AsArray(), f => f!["ref"]!.GetValue<string>() == "ACQ-I1" && f["period"]!.GetValue<string>() == "2025-26 Q2" && f["outcome"]!.GetValue<string>() == PoliceIndicators.KeptOfficers);
        Assert.True(await app.InScopeAsync(services => services.GetRequiredService<CspDbContext>().ChangeHistory
            .AnyAsync(c => c.EntityKey == "ACQ-I1@2025-26-Q2" && c.Field == nameof(IndicatorValue.OverrideReason) && c.NewValue!.StartsWith("Forty crimes"))));
    }

    [Fact]
    public async Task TheBoardPaper_SaysWhichFiguresWereCounted_WithTheLicenceAttribution()
    {
        await UploadAsync(Archive(Months));

        var docx = await app.InScopeAsync(async services =>
        {
            var compiled = await services.GetRequiredService<ReportCompiler>().CompileAsync(Q2, "priya.shah@council.example", CancellationToken.None);
            return (await services.GetRequiredService<CspDbContext>().ReportSnapshots.SingleAsync(r => r.Version == compiled.Version && r.Period == Q2)).Docx!;
        });

        using var word = WordprocessingDocument.Open(new MemoryStream(docx), false);
        var text = word.MainDocumentPart!.Document.InnerText;
        Assert.Contains($"offences ({PoliceData.SourceLabel})", text);
        Assert.Contains(PoliceData.Attribution, text);
        Assert.Empty(CspBot.Testing.OpenXmlCheck.Errors(word));
    }

    [Fact]
    public async Task ANeighbouringForcesRows_NeverStandInForTheCoveringForcesMissingMonth_ButCountOnceItIsThere()
    {
        // Every month of the City of London Police and the Met but the Met's September 2025; in its place the British
        // Transport Police's September, a few rows in every London borough.
        var files = Months.SelectMany(m => new[] { (m, City, MonthFile(m, City)) })
            .Concat(Months.Where(m => m != "2025-09").Select(m => (m, Met, MonthFile(m, Met))))
            .Append(("2025-09", Transport, MonthFile("2025-09", Transport)));
        var (status, body) = await UploadAsync(("2025-09.zip", Zip(files)));

        Assert.Equal(HttpStatusCode.OK, status);
        var burglary = body["figures"]!.AsArray().Single(f => f!["ref"]!.GetValue<string>() == "ACQ-I1" && f["period"]!.GetValue<string>() == "2025-26 Q2")!;
        Assert.Equal(PoliceIndicators.Waiting, burglary["outcome"]!.GetValue<string>());
        Assert.Equal(["2025-09"], burglary["missingMonths"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Null((await ValueAsync("ACQ-I1", Q2))!.Source);

        // The Met's September arrives: the month is there, and the border rows are real crimes in the borough.
        var (_, recount) = await UploadAsync(Csv("2025-09", Met));

        Assert.Contains(recount["figures"]!.AsArray(), f => f!["ref"]!.GetValue<string>() == "ACQ-I1" && f["period"]!.GetValue<string>() == "2025-26 Q2" && f["outcome"]!.GetValue<string>() == PoliceIndicators.Stored);
        Assert.Equal(Sum(["Haringey"], "Burglary", Months[..3]) + 1, (await ValueAsync("ACQ-I1", Q2))!.Actual);
    }

    [Fact]
    public async Task WhileAQuarterWaitsForMonths_TheOwnersFormAsksOnlyForCommentary_AndAFigureSavedBeforeTheCountIsReplacedEverywhere()
    {
        var form = await app.InScopeAsync(async services => ReturnCards.Form(new PeriodSummary(Q2, null),
            (await services.GetRequiredService<OwedItems>().FindAsync("ACQ-I1", Q2, CancellationToken.None))!, null, new Dictionary<string, string>(), 0).ToJsonString());
        var sent = await SendReturnAsync("1");

        Assert.DoesNotContain("\"id\":\"actual\"", form);
        Assert.Contains("it is waiting for months, so there is nothing to type", form);
        Assert.Equal(SubmitOutcome.Saved, sent.Outcome);
        Assert.Null(sent.Current!.Actual); // the "1" typed into a forged form is not kept

        // A return that holds a figure typed before the count (as returns sent before the count could).
        await app.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<CspDbContext>();
            (await db.Returns.SingleAsync(r => r.ItemRef == "ACQ-I1" && r.Period == Q2)).Actual = 1;
            return await db.SaveChangesAsync();
        });

        await UploadAsync(Archive(Months));

        var counted = Sum(["Haringey"], "Burglary", Months[..3]);
        var (saved, scorecard, api, paper) = await EverywhereAsync("ACQ-I1");
        Assert.Equal((counted, counted, counted), (saved, scorecard, api));
        Assert.Contains($"{counted} offences ({PoliceData.SourceLabel})", paper);
        Assert.Equal("Burglary up in the west of the borough (1).", (await SentAsync("ACQ-I1"))!.Commentary); // the owner's story stays
    }

    [Fact]
    public async Task AReUploadThatChangesAMonth_RefreshesAReturnAlreadySent_AndThePaperCompiledAfterwardsShowsTheNewCount()
    {
        await UploadAsync(Archive(Months));
        var sent = await SendReturnAsync("1");
        var counted = Sum(["Haringey"], "Burglary", Months[..3]);
        Assert.Equal(counted, sent.Current!.Actual);

        var (status, _) = await UploadAsync(Csv("2025-09", Met, extra: (place, type) => place == "Haringey" && type == "Burglary" ? 10 : 0));

        Assert.Equal(HttpStatusCode.OK, status);
        var (saved, scorecard, api, paper) = await EverywhereAsync("ACQ-I1");
        Assert.Equal((counted + 10, counted + 10, counted + 10), (saved, scorecard, api));
        Assert.Contains($"{counted + 10} offences ({PoliceData.SourceLabel})", paper);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TheSameForceMonthTwiceInOneUpload_IsRefusedNamingBoth_AndNothingIsCounted(bool besideTheArchive)
    {
        var month = MonthFile("2025-09", Met);
        (string, byte[])[] upload = besideTheArchive
            ? [Archive(["2025-09"]), Csv("2025-09", Met)]
            : [ZipOf("2025-09.zip", ("2025-09/2025-09-metropolitan-street.csv", month), ("copy/2025-09-metropolitan-street.csv", month))];

        var (status, body) = await UploadAsync(upload);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var refusal = body["refused"]!.AsArray().Single()!;
        var (first, second) = besideTheArchive
            ? ("2025-09.zip/2025-09/2025-09-metropolitan-street.csv", "2025-09-metropolitan-street.csv")
            : ("2025-09.zip/2025-09/2025-09-metropolitan-street.csv", "2025-09.zip/copy/2025-09-metropolitan-street.csv");
        Assert.Equal(second, refusal["file"]!.GetValue<string>());
        Assert.Contains($"is {Met}'s 2025-09 again, already in {first}", refusal["reason"]!.GetValue<string>());
        Assert.StartsWith("Nothing was counted or changed", body["title"]!.GetValue<string>());
        Assert.Equal(0, await CountsAsync());
    }

    [Fact]
    public async Task AMonthAfterTheCurrentOne_IsRefused_TheCurrentOneByThePartnershipsClock()
    {
        var (status, body) = await UploadAsync(Csv("2025-09", Met), Csv("2025-11", Met));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("2025-11-metropolitan-street.csv is for 2025-11, after the current month (2025-10)", body["title"]!.GetValue<string>());
        Assert.Equal(0, await CountsAsync());

        // 23:30 UTC on 30 September is half past midnight on 1 October in London: October is the current month there.
        await app.SetClockAsync("2025-09-30T23:30:00Z");
        var (october, _) = await UploadAsync(Csv("2025-10", Met));
        var (november, _) = await UploadAsync(Csv("2025-11", Met));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.BadRequest), (october, november));
    }
}

/// <summary>The demo partnership counts its police-fed indicators from its own street files, to its own figures.</summary>
public sealed class DemoPoliceTests : IAsyncLifetime
{
    private readonly CspBotApp app = new(seedDemo: true, extra: new Dictionary<string, string?> { ["Demo:Police"] = "true" });

    public Task InitializeAsync() => app.SetClockAsync("2025-10-20T09:00:00Z");

    public Task DisposeAsync() => app.DisposeAsync().AsTask();

    [Fact]
    public async Task TheDemosPoliceIndicators_AreCounted_ToTheDemosFigures()
    {
        var values = await app.InScopeAsync(services => services.GetRequiredService<CspDbContext>().IndicatorValues.AsNoTracking()
            .Where(v => v.Period == ReportingPeriod.Parse("2025-26 Q2") && v.Indicator.Ref.StartsWith("ACQ-I"))
            .OrderBy(v => v.Indicator.Ref).Select(v => new { v.Actual, v.PreviousYear, v.LondonChangePct, v.MsgChangePct, v.Source }).ToListAsync());

        // samples/demo/indicator-values.csv: ACQ-I1 455, 470, +4, +3; ACQ-I2 318, 296, +2, +1; ACQ-I3 380, 455, -10, -7.
        Assert.Equal([(455m, 470m, 4m, 3m), (318m, 296m, 2m, 1m), (380m, 455m, -10m, -7m)],
            values.Select(v => (v.Actual!.Value, v.PreviousYear!.Value, v.LondonChangePct!.Value, v.MsgChangePct!.Value)));
        Assert.All(values, v => Assert.StartsWith("data.police.uk: 2025-07 to 2025-09", v.Source));
    }
}

/// <summary>The bombs run one at a time, alone: the process's memory is what they measure.</summary>
[CollectionDefinition(nameof(PoliceUploadBounds), DisableParallelization = true)]
public sealed class PoliceUploadBounds : ICollectionFixture<PoliceUploadBounds.Host>
{
    /// <summary>One host for every bomb, started and warmed before the first is measured.</summary>
    public sealed class Host : IAsyncLifetime
    {
        public CspBotApp App { get; } = new(seedDemo: true);

        public Task InitializeAsync() => App.SetClockAsync("2025-10-20T09:00:00Z");

        public Task DisposeAsync() => App.DisposeAsync().AsTask();
    }
}

/// <summary>Every police upload is bounded: each class of bomb through the real host (CspBot.Testing.PoliceBombs).</summary>
[Collection(nameof(PoliceUploadBounds))]
public sealed class PoliceUploadBoundsTests(PoliceUploadBounds.Host host, Xunit.Abstractions.ITestOutputHelper output)
{
    private const long Bound = 200L * 1024 * 1024;

    [Theory]
    [InlineData(CspBot.Testing.PoliceBombs.LongLine)]
    [InlineData(CspBot.Testing.PoliceBombs.LongHeader)]
    [InlineData(CspBot.Testing.PoliceBombs.ZipBomb)]
    [InlineData(CspBot.Testing.PoliceBombs.ManyEntries)]
    public async Task EachBomb_IsRefusedNamingItsLimit_ChangesNothing_AndGrowsTheProcessByUnder200MB(string bomb)
    {
        var before = await host.App.SnapshotAsync();

        var result = await CspBot.Testing.PoliceBombs.SendAsync(CspBot.Testing.PoliceBombs.Client(host.App), bomb);

        output.WriteLine($"{bomb}: {result.Status}, heap +{result.HeapGrowth / 1048576.0:0.0} MB, resident set +{result.ResidentGrowth / 1048576.0:0.0} MB: {result.Title}");
        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.StartsWith("Nothing was counted or changed", result.Title);
        Assert.Contains(CspBot.Testing.PoliceBombs.RefusedBy(bomb), result.Title);
        Assert.True(result.HeapGrowth < Bound, $"the managed heap grew {result.HeapGrowth:N0} bytes");
        Assert.True(result.ResidentGrowth < Bound, $"the resident set grew {result.ResidentGrowth:N0} bytes");
        Assert.Equal(before, await host.App.SnapshotAsync());
    }
}
