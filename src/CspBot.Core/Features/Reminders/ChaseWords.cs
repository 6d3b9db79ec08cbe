using CspBot.Core.Domain;
using CspBot.Core.Features.Graph;

namespace CspBot.Core.Features.Reminders;

/// <summary>
/// The words of chasing, the same in chat and on the console: returns not in are <em>outstanding</em> until the deadline
/// and <em>late</em> only after it, and a chase says how many reminders went and who could not be sent one.
/// </summary>
public static class ChaseWords
{
    /// <summary>The console's chase button: true before the deadline and after it.</summary>
    public const string Button = "Chase everyone with returns outstanding";

    /// <summary>The status card's heading over its list of "name (count)": the counts outstanding, or late after the deadline.</summary>
    public static string StillToReturn(bool pastDeadline) => pastDeadline ? "Still to return (returns late)" : "Still to return (returns outstanding)";

    /// <summary>"2 returns outstanding" before the deadline, "2 returns late" after it.</summary>
    public static string Owing(int count, bool pastDeadline) => $"{Counted.Of(count, "return")} {(pastDeadline ? "late" : "outstanding")}";

    /// <summary>What a chase did, as the officer is told (chat and console).</summary>
    public static string Said(ChaseOutcome outcome)
    {
        if (outcome.Queued.Count == 0 && outcome.Already.Count == 0)
        {
            return $"Everyone has returned for {outcome.Period}: nobody to chase.";
        }

        var lines = new List<string>();
        var owners = (IEnumerable<LateOwner> list) => string.Join(", ", list.Select(o => $"{o.Member.Name} ({Owing(o.Outstanding.Count, outcome.PastDeadline)})"));
        if (outcome.Sent.Count > 0)
        {
            lines.Add($"{Counted.Of(outcome.Sent.Count, "reminder")} sent for {outcome.Period}: {owners(outcome.Sent)}.");
        }
        else if (outcome.Queued.Count > 0)
        {
            lines.Add($"No reminder could be sent for {outcome.Period}.");
        }

        if (outcome.Already.Count > 0)
        {
            lines.Add($"Already chased today, so not sent again: {string.Join(", ", outcome.Already.Select(o => o.Member.Name))}.");
        }

        if (outcome.Unreachable.Count > 0)
        {
            lines.Add($"Could not be sent to {Counted.Of(outcome.Unreachable.Count, "owner")} who cannot be reached in Teams: "
                + string.Join(", ", outcome.Unreachable.Select(o => $"{o.Member.Name} ({MemberReachStatus.Reason(o.Member)})")) + ".");
        }

        return string.Join("\n\n", lines);
    }
}
