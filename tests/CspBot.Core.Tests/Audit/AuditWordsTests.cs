using CspBot.Core.Domain;
using CspBot.Core.Features.Audit;

namespace CspBot.Core.Tests.Audit;

/// <summary>The history in the partnership's words: fields, people, local times, periods and where a change was made.</summary>
public sealed class AuditWordsTests
{
    private static readonly Dictionary<string, string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["priya.shah@council.example"] = "Priya Shah",
        ["mark.reid@met.police.example"] = "DI Mark Reid",
    };

    [Theory]
    [InlineData("SubmittedAt", "Submitted")]
    [InlineData("Commentary", "Commentary")]
    [InlineData("MeasuresToImprove", "Measures to improve")]
    [InlineData("RevisedDate", "Revised date")]
    [InlineData("ItemKind", "Action or indicator")]
    [InlineData("ReachCheckedAt", "Reach checked at")]
    public void Field_IsInThePartnershipsWords(string field, string words) => Assert.Equal(words, AuditWords.Field(field));

    [Fact]
    public void Describe_NamesPeople_WritesLocalTimes_DatesPeriodsAndKinds_AndSaysWhereItWasMade()
    {
        var change = new ChangeRecord
        {
            Id = 7, Entity = nameof(Return), EntityKey = "DV-07@2025-26-Q2", Field = "SubmittedAt",
            OldValue = "2025-10-20T09:00:00.0000000+00:00", NewValue = "2025-12-07T09:14:00.0000000+00:00",
            ChangedBy = "PRIYA.SHAH@council.example", ChangedAt = new DateTimeOffset(2026, 12, 7, 9, 14, 0, TimeSpan.Zero), Source = ChangeSource.Console,
        };

        var entry = AuditWords.Describe(change, Names);

        Assert.Equal(new AuditEntry(7, "7 Dec 2026, 09:14", "Priya Shah", "Console", "Return", "Return DV-07, 2025-26 Q2", "Submitted", "20 Oct 2025, 10:00", "7 Dec 2025, 09:14"), entry);
        Assert.Equal("DI Mark Reid", AuditWords.Value("Owner", "mark.reid@met.police.example", Names));
        Assert.Equal("31 Dec 2025", AuditWords.Value("RevisedDate", "2025-12-31", Names));
        Assert.Equal("Awaiting check", AuditWords.Value("Check", "AwaitingCheck", Names));
        Assert.Equal("Yes", AuditWords.Value("Restricted", "true", Names));
        Assert.Equal("2026-27 Q1", AuditWords.Value("DuePeriod", "2026-27-Q1", Names));
        Assert.Equal("TwoWords AsTyped", AuditWords.Value("Commentary", "TwoWords AsTyped", Names));
        Assert.Equal("Priya Shah → DI Mark Reid", AuditWords.Key("priya.shah@council.example→mark.reid@met.police.example", Names));
        Assert.Equal("2025-26 Q2 v1", AuditWords.Key("2025-26-Q2 v1", Names));
        Assert.Equal("someone@elsewhere.example", AuditWords.Key("someone@elsewhere.example", Names));
    }

    [Theory]
    [InlineData(ChangeSource.Console, "Console")]
    [InlineData(ChangeSource.Teams, "Teams card or chat")]
    [InlineData(ChangeSource.Import, "Import")]
    [InlineData(ChangeSource.Api, "Operations API")]
    public void Source_SaysWhereTheChangeWasMade(ChangeSource source, string words) => Assert.Equal(words, AuditWords.Source(source));

    [Theory]
    [InlineData(0, 0, 0, "No changes in this period.")]
    [InlineData(0, 3, 0, "None of the 3 changes match.")]
    [InlineData(1, 1, 0, "1 change shown, newest first.")]
    [InlineData(120, 1204, 1, "Changes 51 to 100 of 120 shown, newest first (1,204 in the period).")]
    public void Paging_SaysWhichChangesAreShown(int matching, int all, int page, string said) => Assert.Equal(said, AuditPaging.Status(matching, all, page));
}
