using CspBot.Core.Cards;
using CspBot.Core.Domain;
using CspBot.Core.Features.Calendar;
using CspBot.Core.Features.Decisions;
using CspBot.Core.Features.Graph;
using CspBot.Core.Features.Localisation;
using CspBot.Core.Features.Police;

namespace CspBot.Core.Tests.Localisation;

/// <summary>
/// Issue 28, second pass over the Core slices: the calendar's refusals, a stale card, the police figures' label, the
/// target-change notes of the board paper and why a member can't be reached say it in Welsh for a Welsh reader, and
/// exactly as before in English.
/// </summary>
public sealed class CoreSlicesWelshTests
{
    private static readonly CalendarBounds Bounds = new(new DateOnly(2026, 12, 7));

    [Fact]
    public void English_StaysAsItWas()
    {
        using (CultureScope.Use(Language.English))
        {
            Assert.Equal("A meeting must fall between 2024-12-07 and 2031-12-07.", Bounds.MeetingRefusal(new DateOnly(2040, 1, 1)));
            Assert.Equal("The last day of the delegation is in the past.", Bounds.DelegationRefusal(new DateOnly(2026, 1, 1)));
            Assert.Equal("A delegation lasts at most a year: give a last day up to 2027-12-07, and hand it over again then if it is still needed.", Bounds.DelegationRefusal(new DateOnly(2030, 1, 1)));
            Assert.Equal("That card is out of date. Type **help** to see what I can do.", CardActionRouter.OutOfDate);
            Assert.Equal("source: police open data", PoliceData.SourceLabel);
            Assert.Equal("target raised from 55% to 60% by the PMG on 12 September 2026", TargetChanges.Note(55, 60, "%", "the PMG", new DateOnly(2026, 9, 12)));
            Assert.Equal("target lowered from 60 to 55 by the Board on 1 October 2026", TargetChanges.Note(60, 55, null, "the Board", new DateOnly(2026, 10, 1)));
            Assert.Equal("blocked the bot", MemberReachStatus.Reason(Blocked()));
            Assert.Equal("app not installed", MemberReachStatus.Reason(NotInstalled()));
        }
    }

    [Fact]
    public void Welsh_IsSaidInWelsh()
    {
        using (CultureScope.Use(Language.Welsh))
        {
            Assert.Equal("Rhaid i gyfarfod fod rhwng 2024-12-07 a 2031-12-07.", Bounds.MeetingRefusal(new DateOnly(2040, 1, 1)));
            Assert.Equal("Mae diwrnod olaf y ddirprwyaeth yn y gorffennol.", Bounds.DelegationRefusal(new DateOnly(2026, 1, 1)));
            Assert.StartsWith("Mae'r cerdyn hwnnw wedi dyddio.", CardActionRouter.OutOfDate, StringComparison.Ordinal);
            Assert.StartsWith("Mae'r cerdyn hwnnw wedi newid", CardActionRouter.AlteredCard, StringComparison.Ordinal);
            Assert.Equal("ffynhonnell: data agored yr heddlu", PoliceData.SourceLabel);
            Assert.StartsWith("Yn cynnwys gwybodaeth y sector cyhoeddus", PoliceData.Attribution, StringComparison.Ordinal);
            Assert.Equal("wedi rhwystro'r bot", MemberReachStatus.Reason(Blocked()));
            Assert.Equal("yr ap heb ei osod", MemberReachStatus.Reason(NotInstalled()));
            Assert.Equal("codwyd y targed o 55% i 60% gan y Grŵp Rheoli Perfformiad ar 12 Medi 2026", TargetChanges.Note(55, 60, "%", "the PMG", new DateOnly(2026, 9, 12)));
            Assert.Equal("gostyngwyd y targed o 60 i 55 gan y Bwrdd ar 1 Hydref 2026", TargetChanges.Note(60, 55, null, "the Board", new DateOnly(2026, 10, 1)));
        }
    }

    private static Member Blocked() => new() { Email = "a@example.org", Name = "A", Agency = "Council", Reachability = Reachability.Blocked };

    private static Member NotInstalled() => new() { Email = "b@example.org", Name = "B", Agency = "Council", Reachability = Reachability.NotInstalled };
}
