using CspBot.Core.Domain;
using CspBot.Core.Features.Audit;
using CspBot.Core.Features.Localisation;

namespace CspBot.Core.Tests.Audit;

/// <summary>The change history in Welsh for an officer who chose it: fields, records, values, where a change was made, dates and counted status lines.</summary>
public sealed class AuditWordsWelshTests
{
    private static readonly Dictionary<string, string> Names = new(StringComparer.OrdinalIgnoreCase) { ["priya.shah@council.example"] = "Priya Shah" };

    [Fact]
    public void Describe_InWelsh_NamesFieldsRecordsAndSources_WithWelshDatesAndPeriods()
    {
        var change = new ChangeRecord
        {
            Id = 7, Entity = nameof(Return), EntityKey = "DV-07@2025-26-Q2", Field = "SubmittedAt",
            OldValue = "2025-10-20T09:00:00.0000000+00:00", NewValue = "2025-12-07T09:14:00.0000000+00:00",
            ChangedBy = "priya.shah@council.example", ChangedAt = new DateTimeOffset(2026, 12, 7, 9, 14, 0, TimeSpan.Zero), Source = ChangeSource.Teams,
        };

        using var welsh = CultureScope.Use(Language.Welsh);
        var entry = AuditWords.Describe(change, Names);

        Assert.Equal(new AuditEntry(7, "7 Rhag 2026, 09:14", "Priya Shah", "Cerdyn neu sgwrs yn Teams", "Ffurflen gynnydd", "Ffurflen gynnydd DV-07, 2025-26 Ch2", "Anfonwyd", "20 Hyd 2025, 10:00", "7 Rhag 2025, 09:14"), entry);
        Assert.Equal("Camau i wella", AuditWords.Field("MeasuresToImprove"));
        Assert.Equal("Iaith", AuditWords.Field("Language"));
        Assert.Equal("Cam gweithredu", AuditWords.Record(nameof(PlanAction)));
        Assert.Equal("Yn aros am wiriad", AuditWords.Value("Check", "AwaitingCheck", Names));
        Assert.Equal("Ie", AuditWords.Value("Restricted", "true", Names));
        Assert.Equal("31 Rhag 2025", AuditWords.Value("RevisedDate", "2025-12-31", Names));
        Assert.Equal("2026-27 Ch1", AuditWords.Value("DuePeriod", "2026-27-Q1", Names));
        Assert.Equal("Consol", AuditWords.Source(ChangeSource.Console));
    }

    [Theory]
    [InlineData(0, 0, 0, "Dim newidiadau yn y cyfnod hwn.")]
    [InlineData(0, 3, 0, "Nid oes yr un o'r 3 newid yn cyfateb.")]
    [InlineData(1, 1, 0, "1 newid yn cael ei ddangos, y mwyaf diweddar yn gyntaf.")]
    [InlineData(2, 5, 0, "2 newid yn cael eu dangos, y mwyaf diweddar yn gyntaf (5 yn y cyfnod).")]
    [InlineData(120, 1204, 1, "Newidiadau 51 i 100 o 120 yn cael eu dangos, y mwyaf diweddar yn gyntaf (1,204 yn y cyfnod).")]
    public void Paging_InWelsh_CountsWithWelshPlurals(int matching, int all, int page, string said)
    {
        using var welsh = CultureScope.Use(Language.Welsh);
        Assert.Equal(said, AuditPaging.Status(matching, all, page));
    }

    [Fact]
    public void English_StaysAsItWas_EvenUnderAnEnglishScope()
    {
        using var english = CultureScope.Use(Language.English);
        Assert.Equal("Changes 51 to 100 of 120 shown, newest first (1,204 in the period).", AuditPaging.Status(120, 1204, 1));
        Assert.Equal("Action", AuditWords.Record(nameof(PlanAction)));
        Assert.Equal("Language", AuditWords.Field("Language"));
        Assert.Equal("Teams card or chat", AuditWords.Source(ChangeSource.Teams));
    }
}
