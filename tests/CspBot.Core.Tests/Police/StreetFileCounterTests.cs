using CspBot.Core.Domain;
using CspBot.Core.Features.Police;
using static CspBot.Core.Features.Police.StreetFileWriter;

namespace CspBot.Core.Tests.Police;

/// <summary>Counting one street file as data.police.uk publishes it, without a database.</summary>
public sealed class StreetFileCounterTests
{
    private static async Task<(StreetFileCounter Counter, CountedFile? File, string? Refusal)> CountAsync(string csv, params string[] lsoaCodes)
    {
        var counter = new StreetFileCounter(lsoaCodes.ToHashSet());
        var (file, refusal) = await counter.CountAsync("2025-09-metropolitan-street.csv", new StringReader(csv), CancellationToken.None);
        return (counter, file, refusal);
    }

    private static int Count(StreetFileCounter counter, string place, string type) =>
        counter.Counts.Where(c => c.Key.Place == place && c.Key.CrimeType == type && !c.Key.IsLsoa).Sum(c => c.Value);

    [Fact]
    public async Task CountsEachCrimeTypePerLocalAuthority_FromTheLsoaName()
    {
        var csv = Text("2025-09", "Metropolitan Police Service",
        [
            new("Haringey", "Burglary", 41), new("Haringey", "Robbery", 17), new("Haringey", "Anti-social behaviour", 90),
            new("Enfield", "Burglary", 30), new("City of London", "Theft from the person", 4),
            new("Richmond upon Thames", "Vehicle crime", 12),
        ], noLocation: 6);

        var (counter, file, refusal) = await CountAsync(csv);

        Assert.Null(refusal);
        Assert.Equal(("2025-09", "Metropolitan Police Service", 41 + 17 + 90 + 30 + 4 + 12 + 6, 6, 0), (file!.Month, file.Force, file.Rows, file.NoLocation, file.Malformed));
        Assert.Equal(41, Count(counter, "Haringey", "Burglary"));
        Assert.Equal(17, Count(counter, "Haringey", "Robbery"));
        Assert.Equal(90, Count(counter, "Haringey", "Anti-social behaviour")); // empty Crime ID, still counted
        Assert.Equal(30, Count(counter, "Enfield", "Burglary"));
        Assert.Equal(4, Count(counter, "City of London", "Theft from the person"));
        Assert.Equal(12, Count(counter, "Richmond upon Thames", "Vehicle crime"));
        Assert.Equal(6, counter.Counts.Where(c => c.Key.Place.Length == 0).Sum(c => c.Value));
    }

    [Theory]
    [InlineData("Haringey 001A", "Haringey")]
    [InlineData("Haringey", "Haringey")]
    [InlineData("City of London 001F", "City of London")]
    [InlineData("Rhondda Cynon Taf 012B", "Rhondda Cynon Taf")]
    [InlineData("Vale of Glamorgan 003C", "Vale of Glamorgan")]
    [InlineData("Kingston upon Hull 101", "Kingston upon Hull 101")] // not an LSOA suffix (no letter): the name as it is
    public void TheAuthorityOfAnLsoaName_IsTheNameWithoutItsSuffix(string lsoaName, string authority) =>
        Assert.Equal(authority, PoliceData.AuthorityOf(lsoaName));

    [Fact]
    public async Task WelshAuthorities_AndLsoaCodesAskedFor_AreCountedToo()
    {
        var csv = Text("2025-09", "South Wales Police", [new("Cardiff", "Burglary", 25, "W01"), new("Rhondda Cynon Taf", "Burglary", 9, "W01")]);
        var someCode = csv.Split('\n')[1].Split(',')[PoliceData.LsoaCodeColumn];
        var perCode = csv.Split('\n').Skip(1).Count(l => l.Split(',') is { Length: > 8 } f && f[PoliceData.LsoaCodeColumn] == someCode);

        var (counter, file, _) = await CountAsync(csv, someCode);

        Assert.StartsWith("W01", someCode);
        Assert.Equal(34, file!.Rows);
        Assert.Equal(25, Count(counter, "Cardiff", "Burglary"));
        Assert.Equal(perCode, counter.Counts.Where(c => c.Key.IsLsoa && c.Key.Place == someCode).Sum(c => c.Value));
    }

    [Fact]
    public async Task MalformedLines_AreCountedAndReportedByLine_NeverSilentlyDropped()
    {
        var csv = Text("2025-09", "Metropolitan Police Service", [new("Haringey", "Burglary", 100)], malformed: 4);

        var (counter, file, _) = await CountAsync(csv);

        Assert.Equal((100, 4), (file!.Rows, file.Malformed));
        Assert.Equal(100, Count(counter, "Haringey", "Burglary"));
        var lines = csv.Split('\n');
        Assert.All(file.Examples, e => Assert.DoesNotContain("Burglary,Investigation", lines[e.Line - 1]));
        Assert.Contains(file.Examples, e => e.Problem.Contains("'Dragon theft' is not a published crime type"));
        Assert.Contains(file.Examples, e => e.Problem.Contains("not a month"));
        Assert.Contains(file.Examples, e => e.Problem.Contains("fields, not 12"));
    }

    [Fact]
    public async Task AQuotedLocationWithACommaIsOneField()
    {
        var csv = string.Join(',', PoliceData.StreetHeader) + "\n" +
            "abc,2025-09,Metropolitan Police Service,Metropolitan Police Service,-0.07,51.59,\"On or near Bruce Grove, High Road\",E01001960,Haringey 020B,Robbery,Under investigation,\n";

        var (counter, file, _) = await CountAsync(csv);

        Assert.Equal((1, 0), (file!.Rows, file.Malformed));
        Assert.Equal(1, Count(counter, "Haringey", "Robbery"));
    }

    [Theory]
    [InlineData("ref,period,actual\nDV-01,2025-26 Q2,4\n")]
    [InlineData("Crime ID,Month,Falls within\n")]
    [InlineData("")]
    public async Task AFileOfTheWrongShape_IsRefusedWithAReason_AndCountsNothing(string csv)
    {
        var (counter, file, refusal) = await CountAsync(csv);

        Assert.Null(file);
        Assert.NotNull(refusal);
        Assert.Empty(counter.Counts);
    }

    [Fact]
    public async Task AFileMixingMonths_CountsItsOwnMonthAndReportsTheRest()
    {
        var csv = Text("2025-09", "Metropolitan Police Service", [new("Haringey", "Burglary", 10)])
            + string.Join('\n', Text("2025-08", "Metropolitan Police Service", [new("Haringey", "Burglary", 3)]).Split('\n').Skip(1));

        var (_, file, _) = await CountAsync(csv);

        Assert.Equal((10, 3), (file!.Rows, file.Malformed));
        Assert.Contains("a file is one force's month", file.Examples[0].Problem);
    }

    [Fact]
    public void ChangeIsWorkedOutToOneDecimalPlace_AndNotFromZero()
    {
        Assert.Equal(84.0m, PoliceFigures.Change(92, 50));
        Assert.Equal(-33.3m, PoliceFigures.Change(2, 3));
        Assert.Null(PoliceFigures.Change(5, 0));
        Assert.Null(PoliceFigures.Change(null, 4));
        Assert.Equal(["2025-07", "2025-08", "2025-09"], PoliceData.MonthsOf(ReportingPeriod.Parse("2025-26 Q2")));
        Assert.Equal(["2026-01", "2026-02", "2026-03"], PoliceData.MonthsOf(ReportingPeriod.Parse("2025-26 Q4")));
    }

    [Fact]
    public async Task ALineLongerThanTheCap_IsOneMalformedLine_ReadInBoundedMemory_AndTheRowsAfterItAreCounted()
    {
        var header = string.Join(',', PoliceData.StreetHeader) + "\n";
        var after = Text("2025-09", "Metropolitan Police Service", [new("Haringey", "Burglary", 7)]).Split('\n', 2)[1];
        var before = GC.GetTotalAllocatedBytes(precise: true);

        // 100 million characters on one line, made as they are read: held whole, it alone would be 200 MB.
        var counter = new StreetFileCounter(new HashSet<string>());
        var (file, refusal) = await counter.CountAsync("2025-09-metropolitan-street.csv", new EndlessLine(header, 100_000_000, "\n" + after), CancellationToken.None);

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.Null(refusal);
        Assert.Equal((7, 1), (file!.Rows, file.Malformed));
        Assert.Equal(2, file.Examples[0].Line);
        Assert.Contains($"longer than {new PoliceLimits().MaxLineLength:N0} characters (Police:MaxLineLength)", file.Examples[0].Problem);
        Assert.True(allocated < 50_000_000, $"counting allocated {allocated:N0} bytes");
    }

    [Fact]
    public async Task AHeaderLongerThanTheCap_RefusesTheFile_WithoutReadingItWhole()
    {
        var counter = new StreetFileCounter(new HashSet<string>());

        var (file, refusal) = await counter.CountAsync("2025-09-metropolitan-street.csv", new EndlessLine(string.Empty, 50_000_000, "\n"), CancellationToken.None);

        Assert.Null(file);
        Assert.Contains($"its first line is longer than {new PoliceLimits().MaxHeaderLength:N0} characters (Police:MaxHeaderLength)", refusal);
        Assert.Empty(counter.Counts);
    }

    [Fact]
    public async Task ALineJustUnderTheCap_IsReadAsALine()
    {
        var limits = new PoliceLimits { MaxLineLength = 300 };
        var csv = Text("2025-09", "Metropolitan Police Service", [new("Haringey", "Burglary", 20)]);
        var longest = csv.Split('\n').Skip(1).Max(l => l.Length);

        var (file, _) = await new StreetFileCounter(new HashSet<string>(), limits).CountAsync("f.csv", new StringReader(csv), CancellationToken.None);
        var (shorter, _) = await new StreetFileCounter(new HashSet<string>(), new PoliceLimits { MaxLineLength = longest - 1 }).CountAsync("f.csv", new StringReader(csv), CancellationToken.None);

        Assert.Equal((20, 0), (file!.Rows, file.Malformed));
        Assert.True(shorter!.Malformed >= 1);
        Assert.Equal(20, shorter.Rows + shorter.Malformed);
    }

    /// <summary>A prefix, then one line of <c>length</c> 'x' characters made as they are read (never held), then the rest.</summary>
    private sealed class EndlessLine(string prefix, long length, string rest) : TextReader
    {
        private int inPrefix;
        private long written;
        private int inRest;

        public override int Read(Span<char> buffer)
        {
            if (inPrefix < prefix.Length)
            {
                var n = Math.Min(buffer.Length, prefix.Length - inPrefix);
                prefix.AsSpan(inPrefix, n).CopyTo(buffer);
                inPrefix += n;
                return n;
            }

            if (written < length)
            {
                var n = (int)Math.Min(buffer.Length, length - written);
                buffer[..n].Fill('x');
                written += n;
                return n;
            }

            var m = Math.Min(buffer.Length, rest.Length - inRest);
            rest.AsSpan(inRest, m).CopyTo(buffer);
            inRest += m;
            return m;
        }

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

        public override ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

        public override int Peek() => -1;

        public override int Read()
        {
            Span<char> one = stackalloc char[1];
            return Read(one) == 0 ? -1 : one[0];
        }
    }
}
