using CspBot.Core.Domain;
using CspBot.Core.Features.Graph;
using CspBot.Core.Features.Localisation;

namespace CspBot.Core.Features.Reminders;

/// <summary>
/// The words of chasing, the same in chat and on the console: returns not in are <em>outstanding</em> until the deadline
/// and <em>late</em> only after it, and a chase says how many reminders went and who could not be sent one. Written in
/// the language now (ChaseText.resx / ChaseText.cy.resx).
/// </summary>
public static class ChaseWords
{
    /// <summary>The console's chase button: true before the deadline and after it.</summary>
    public static string Button => ChaseText.Button;

    /// <summary>The status card's heading over its list of "name (count)": the counts outstanding, or late after the deadline.</summary>
    public static string StillToReturn(bool pastDeadline) => pastDeadline ? ChaseText.StillToReturnLate : ChaseText.StillToReturnOutstanding;

    /// <summary>"2 returns outstanding" before the deadline, "2 returns late" after it.</summary>
    public static string Owing(int count, bool pastDeadline) => Counted.In(ChaseText.ResourceManager, pastDeadline ? "OwingLate" : "OwingOutstanding", count);

    /// <summary>What a chase did, as the officer is told (chat and console).</summary>
    public static string Said(ChaseOutcome outcome)
    {
        var period = Terms.Period(outcome.Period);
        if (outcome.Queued.Count == 0 && outcome.Already.Count == 0)
        {
            return Terms.Format(ChaseText.NobodyToChase, period);
        }

        var lines = new List<string>();
        var owners = (IEnumerable<LateOwner> list) => string.Join(", ", list.Select(o => $"{o.Member.Name} ({Owing(o.Outstanding.Count, outcome.PastDeadline)})"));
        if (outcome.Sent.Count > 0)
        {
            lines.Add(Counted.In(ChaseText.ResourceManager, "RemindersSent", outcome.Sent.Count, period, owners(outcome.Sent)));
        }
        else if (outcome.Queued.Count > 0)
        {
            lines.Add(Terms.Format(ChaseText.NoneSent, period));
        }

        if (outcome.Already.Count > 0)
        {
            lines.Add(Terms.Format(ChaseText.AlreadyChased, string.Join(", ", outcome.Already.Select(o => o.Member.Name))));
        }

        if (outcome.Unreachable.Count > 0)
        {
            lines.Add(Counted.In(ChaseText.ResourceManager, "Unreachable", outcome.Unreachable.Count,
                string.Join(", ", outcome.Unreachable.Select(o => $"{o.Member.Name} ({MemberReachStatus.Reason(o.Member)})"))));
        }

        return string.Join("\n\n", lines);
    }
}
