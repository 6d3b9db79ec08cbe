using System.Globalization;
using CspBot.Core.Domain;
using CspBot.Core.Features.Police;
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
    /// every indicator this year and last, and returns for the three quarters before; each indicator has figures for
    /// <paramref name="quarters"/> quarters up to the period (its SPC chart's points).
    /// </summary>
    public static async Task SeedAsync(CspDbContext db, string serviceUrl, ReportingPeriod period, int owners, int actions, int indicators, double returnedShare, int quarters = 4)
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
        var random = new Random(26);
        foreach (var indicator in plannedIndicators)
        {
            db.IndicatorValues.Add(new IndicatorValue { IndicatorId = indicator.Id, Period = period, Actual = indicator.Target * 1.05m, PreviousYear = indicator.Target, LondonChangePct = 2.5m, MsgChangePct = -1.5m });
            var before = period.Previous;
            for (var q = 1; q < quarters; q++, before = before.Previous)
            {
                // Noise around 97% of the target; every third indicator shifted up by a tenth in its latest eight quarters
                // (a run: special cause), so the charts have flags to draw and words to write.
                var shift = indicator.Id % 3 == 0 && q < 8 ? 1.10 : 1.0;
                var actual = Math.Round(indicator.Target * (decimal)((0.97 + ((random.NextDouble() - 0.5) * 0.08)) * shift), 1);
                db.IndicatorValues.Add(new IndicatorValue { IndicatorId = indicator.Id, Period = before, Actual = actual, PreviousYear = indicator.Target });
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

    /// <summary>
    /// The first <paramref name="policeFed"/> indicators fed by police open data (a borough each, compared with London or
    /// the force, seven peers), with <paramref name="months"/> months of the force's counted files up to the period's
    /// last month: every London borough's count of every crime type.
    /// </summary>
    public static async Task SeedPoliceHistoryAsync(CspDbContext db, ReportingPeriod period, int policeFed, int months)
    {
        const string Met = "Metropolitan Police Service";
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var boroughs = PoliceData.London.Where(b => b != "City of London").ToList();
        var types = PoliceData.CrimeTypes;
        var indicators = db.Indicators.OrderBy(i => i.Id).Take(policeFed).ToList();
        for (var i = 0; i < indicators.Count; i++)
        {
            db.PoliceSources.Add(new PoliceSource
            {
                IndicatorId = indicators[i].Id,
                CrimeTypes = string.Join(';', types.Skip(i % types.Count).Take(1 + (i % 3))),
                Area = boroughs[i % boroughs.Count],
                Comparison = i % 2 == 0 ? PoliceData.LondonComparison : PoliceData.ForceComparison,
                Peers = string.Join(';', boroughs.Skip((i + 1) % 20).Take(7)),
            });
        }

        var last = PoliceData.MonthsOf(period)[^1];
        var end = new DateOnly(int.Parse(last[..4], CultureInfo.InvariantCulture), int.Parse(last[5..], CultureInfo.InvariantCulture), 1);
        var random = new Random(120);
        for (var m = 0; m < months; m++)
        {
            var month = end.AddMonths(-m).ToString("yyyy-MM", CultureInfo.InvariantCulture);
            db.PoliceFiles.Add(new PoliceFile { Month = month, Force = Met, FileName = $"{month}-metropolitan-street.csv", Rows = 90_000, UploadedBy = "benchmark", UploadedAt = DateTimeOffset.UnixEpoch });
            db.PoliceCounts.AddRange(boroughs.SelectMany(b => types.Select(t => new PoliceCount { Month = month, Force = Met, Place = b, CrimeType = t, Count = 40 + random.Next(30) })));
        }

        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
    }
}

/// <summary>How much history the chat, console and report benchmarks seed: the variation (SPC) is judged over all of it.</summary>
internal static class History
{
    public const int Quarters = 40;

    public const int PoliceFed = 20;

    public const int Months = 120;

    public static string Describe => $"{Quarters} quarters each, {Months} months for {PoliceFed} police-fed";
}
