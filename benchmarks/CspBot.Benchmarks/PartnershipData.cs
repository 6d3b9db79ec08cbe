using CspBot.Core.Domain;
using CspBot.Core.Persistence;

namespace CspBot.Benchmarks;

/// <summary>Generated partnerships for the benchmarks, written straight to the database (seeding is not what is timed).</summary>
internal static class PartnershipData
{
    public static int AgencyCount => Agencies.Length;

    private static readonly string[] Agencies = ["Council", "Metropolitan Police", "Probation", "NHS", "Fire Brigade", "Youth Justice", "Voluntary Sector"];

    public const string Chair = "29:chair";

    public const string Officer = "29:officer";

    public static string TeamsUser(int owner) => $"29:owner{owner}";

    public static string Conversation(string teamsUser) => "a:" + teamsUser[3..];

    /// <summary>
    /// <paramref name="owners"/> owners with a personal chat each; <paramref name="actions"/> actions and
    /// <paramref name="indicators"/> indicators shared out among them in turn. In <paramref name="period"/>, a
    /// <paramref name="returnedShare"/> of the items already have returns (a third of those Amber or Red), with figures for
    /// every indicator this year and last, and returns for the three quarters before.
    /// </summary>
    public static async Task SeedAsync(CspDbContext db, string serviceUrl, ReportingPeriod period, int owners, int actions, int indicators, double returnedShare)
    {
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.Partnerships.Add(new Partnership { Name = "Benchmark CSP" });
        var outcomes = Enumerable.Range(1, 5).Select(i => new StrategicOutcome { Code = $"O{i}", Title = $"Outcome {i}: reduce harm" }).ToList();
        var plans = Enumerable.Range(1, 10).Select(i => new Plan { Name = $"Delivery plan {i}" }).ToList();
        db.Outcomes.AddRange(outcomes);
        db.Plans.AddRange(plans);
        var members = Enumerable.Range(0, owners).Select(i => new Member
        {
            Email = $"owner{i}@partner{i % Agencies.Length}.example",
            Name = $"Owner {i:D5}",
            Agency = Agencies[i % Agencies.Length],
            Roles = MemberRoles.Owner,
            TeamsUserId = TeamsUser(i),
            Reachability = Reachability.Reachable,
        }).ToList();
        members.Add(new Member { Email = "chair@council.example", Name = "Cllr Chair", Agency = "Council", Roles = MemberRoles.Chair, TeamsUserId = Chair, Reachability = Reachability.Reachable });
        members.Add(new Member { Email = "officer@council.example", Name = "Priya Officer", Agency = "Council", Roles = MemberRoles.Officer | MemberRoles.Owner, TeamsUserId = Officer, Reachability = Reachability.Reachable });
        db.Members.AddRange(members);
        await db.SaveChangesAsync();

        db.Conversations.AddRange(members.Select(m => new StoredConversation
        {
            Kind = ConversationKind.Personal,
            ConversationId = Conversation(m.TeamsUserId!),
            ServiceUrl = serviceUrl,
            ChannelId = "msteams",
            TenantId = "tenant-1",
            BotId = "28:cspbot",
            BotName = "CspBot",
            MemberId = m.Id,
            TeamsUserId = m.TeamsUserId,
            UpdatedAt = DateTimeOffset.UnixEpoch,
        }));
        var planActions = Enumerable.Range(0, actions).Select(i => new PlanAction
        {
            Ref = $"A-{i:D5}",
            PlanId = plans[i % plans.Count].Id,
            OutcomeId = outcomes[i % outcomes.Count].Id,
            Title = $"Action {i}: deliver the partnership's commitment on time and report progress",
            OwnerId = members[i % owners].Id,
            Agency = members[i % owners].Agency,
            DuePeriod = period.Next.Next,
            Restricted = i % 17 == 0,
        }).ToList();
        var plannedIndicators = Enumerable.Range(0, indicators).Select(i => new Indicator
        {
            Ref = $"I-{i:D4}",
            OutcomeId = outcomes[i % outcomes.Count].Id,
            Title = $"Indicator {i}: offences per 1,000 residents",
            OwnerId = members[i % owners].Id,
            Unit = "per 1,000",
            Polarity = (Polarity)(i % 2),
            Target = 100 + i,
        }).ToList();
        db.Actions.AddRange(planActions);
        db.Indicators.AddRange(plannedIndicators);
        await db.SaveChangesAsync();

        var earlier = new[] { period.Previous, period.Previous.Previous, period.Previous.Previous.Previous };
        foreach (var indicator in plannedIndicators)
        {
            db.IndicatorValues.Add(new IndicatorValue { IndicatorId = indicator.Id, Period = period, Actual = indicator.Target * 1.05m, PreviousYear = indicator.Target, LondonChangePct = 2.5m, MsgChangePct = -1.5m });
            foreach (var before in earlier)
            {
                db.IndicatorValues.Add(new IndicatorValue { IndicatorId = indicator.Id, Period = before, Actual = indicator.Target * 0.97m, PreviousYear = indicator.Target });
            }
        }

        var returned = (int)(actions * returnedShare);
        for (var i = 0; i < actions; i++)
        {
            var action = planActions[i];
            foreach (var before in earlier)
            {
                db.Returns.Add(Return(ItemKind.Action, action.Ref, before, ActionStatus.Green, members[i % owners].Email));
            }

            if (i < returned)
            {
                db.Returns.Add(Return(ItemKind.Action, action.Ref, period, (ActionStatus)(i % 3), members[i % owners].Email));
            }
        }

        foreach (var indicator in plannedIndicators.Take((int)(indicators * returnedShare)))
        {
            db.Returns.Add(new Return { ItemKind = ItemKind.Indicator, ItemRef = indicator.Ref, Period = period, Actual = indicator.Target * 1.05m, Commentary = "On track.", SubmittedBy = "officer@council.example", SubmittedAt = DateTimeOffset.UnixEpoch, UpdatedAt = DateTimeOffset.UnixEpoch });
        }

        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
    }

    private static Return Return(ItemKind kind, string reference, ReportingPeriod period, ActionStatus status, string by) => new()
    {
        ItemKind = kind,
        ItemRef = reference,
        Period = period,
        Status = status,
        Commentary = "Progress as planned; partners engaged and the milestones for the quarter met.",
        MeasuresToImprove = status is ActionStatus.Amber or ActionStatus.Red ? "Recovery plan agreed at PMG." : null,
        RevisedDate = status is ActionStatus.Amber or ActionStatus.Red ? new DateOnly(2026, 3, 31) : null,
        SubmittedBy = by,
        SubmittedAt = DateTimeOffset.UnixEpoch,
        UpdatedAt = DateTimeOffset.UnixEpoch,
    };
}
