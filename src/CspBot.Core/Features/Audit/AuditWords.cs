using System.Globalization;
using System.Text.RegularExpressions;
using CspBot.Core.Domain;
using CspBot.Core.Persistence;
using CspBot.Core.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace CspBot.Core.Features.Audit;

/// <summary>One change as a person reads it: when in local time, who by name, from where, the record, the field and its values in the partnership's words.</summary>
public sealed record AuditEntry(long Id, string When, string Who, string From, string Kind, string Record, string Field, string? Old, string? New)
{
    /// <summary>Everything shown, for a "containing" search.</summary>
    public string Text => $"{Who} {From} {Record} {Field} {Old} {New}";
}

/// <summary>
/// The change history in the partnership's words: the one map of a stored field to what officers call it ("Submitted",
/// "Measures to improve"), people by name instead of email, times in en-GB local time ("7 Dec 2026, 09:14"), and where
/// each change was made (the console, a card or chat in Teams, an import, the operations API). The CSV keeps the codes.
/// </summary>
public static partial class AuditWords
{
    private static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal)
    {
        [nameof(Return.SubmittedAt)] = "Submitted",
        [nameof(Return.SubmittedBy)] = "Submitted by",
        [nameof(Return.Commentary)] = "Commentary",
        [nameof(Return.MeasuresToImprove)] = "Measures to improve",
        [nameof(Return.RevisedDate)] = "Revised date",
        [nameof(Return.ItemKind)] = "Action or indicator",
        [nameof(Return.ItemRef)] = "Reference",
        [nameof(Return.Status)] = "Status",
        [nameof(Return.Actual)] = "Figure",
        [nameof(Return.Check)] = "Check",
        [nameof(Return.CheckedBy)] = "Checked by",
        [nameof(Return.Query)] = "Officer's question",
        [nameof(Return.ModerationReason)] = "Reason for the status change",
        [nameof(Return.Source)] = "Made in",
        [nameof(IndicatorValue.PreviousYear)] = "Same period last year",
        [nameof(IndicatorValue.LondonChangePct)] = "London change (%)",
        [nameof(IndicatorValue.MsgChangePct)] = "Most Similar Group change (%)",
        [nameof(Indicator.TolerancePct)] = "Tolerance (%)",
        [nameof(PlanAction.DuePeriod)] = "Due",
        [nameof(PeriodSettings.DeadlineOverride)] = "Deadline set by an officer",
        [nameof(PeriodSettings.ClosedAt)] = "Closed",
        [nameof(PeriodSettings.OpenedForAmendmentAt)] = "Reopened",
        [nameof(PeriodSettings.KeyAmbers)] = "Key Ambers",
        [nameof(PeriodSettings.ReportIntroduction)] = "Report introduction",
        [nameof(PeriodSettings.ReportRecommendations)] = "Report recommendations",
        [nameof(ReportSnapshot.SignedOffBy)] = "Signed off by",
        [nameof(ReportSnapshot.CompiledBy)] = "Compiled by",
        [nameof(Member.EntraObjectId)] = "Entra ID",
        [nameof(Member.TeamsUserId)] = "Teams ID",
    };

    /// <summary>Stored values that are names of a kind ("AwaitingCheck"), written as words ("Awaiting check").</summary>
    private static readonly HashSet<string> Kinds = [nameof(Return.Check), nameof(Return.ItemKind), nameof(Return.Source), nameof(Indicator.Polarity), nameof(Member.Reachability), nameof(Member.DirectoryStatus), nameof(Meeting.Kind)];

    /// <summary>"Measures to improve" for <c>MeasuresToImprove</c>; a field not in the map is written out in words ("Reach checked at").</summary>
    public static string Field(string field) => Fields.TryGetValue(field, out var words) ? words : Sentence(field);

    /// <summary>Where a change was made, as the history's "From" says it.</summary>
    public static string Source(ChangeSource source) => source switch
    {
        ChangeSource.Console => "Console",
        ChangeSource.Teams => "Teams card or chat",
        ChangeSource.Import => "Import",
        ChangeSource.Api => "Operations API",
        _ => "CspBot itself",
    };

    /// <summary>Every member's name by email (any case), for <see cref="Describe"/>.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> NamesAsync(CspDbContext db, CancellationToken cancellationToken) =>
        Names((await db.Members.AsNoTracking().Select(m => new { m.Email, m.Name }).ToListAsync(cancellationToken)).Select(m => (m.Email, m.Name)));

    /// <summary>The names of members already read (a page that lists them), by email (any case).</summary>
    public static IReadOnlyDictionary<string, string> Names(IEnumerable<(string Email, string Name)> members) =>
        members.DistinctBy(m => m.Email, StringComparer.OrdinalIgnoreCase).ToDictionary(m => m.Email, m => m.Name, StringComparer.OrdinalIgnoreCase);

    /// <param name="names">Members' names by email (any case), so people are named, not addressed.</param>
    public static AuditEntry Describe(ChangeRecord change, IReadOnlyDictionary<string, string> names) => new(
        change.Id,
        PartnershipTime.Short(change.ChangedAt),
        Person(change.ChangedBy, names),
        Source(change.Source),
        ChangeHistory.Label(change.Entity),
        $"{ChangeHistory.Label(change.Entity)} {Key(change.EntityKey, names)}",
        Field(change.Field),
        Value(change.Field, change.OldValue, names),
        Value(change.Field, change.NewValue, names));

    /// <summary>A stored value as it reads: a person's name, a local time, a date, Yes/No, a period, a kind in words; free text as it was written.</summary>
    public static string? Value(string field, string? value, IReadOnlyDictionary<string, string> names)
    {
        if (string.IsNullOrEmpty(value))
        {
            return value;
        }

        if (names.TryGetValue(value, out var name))
        {
            return name;
        }

        if (IsoInstant().IsMatch(value) && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var instant))
        {
            return PartnershipTime.Short(instant);
        }

        if (IsoDate().IsMatch(value) && DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date.ToString("d MMM yyyy", PartnershipTime.British);
        }

        if (PeriodId().IsMatch(value) && ReportingPeriod.TryParse(value, out var period))
        {
            return period.ToString();
        }

        return value switch
        {
            "true" => "Yes",
            "false" => "No",
            _ when Kinds.Contains(field) => Sentence(value),
            _ => value,
        };
    }

    /// <summary>A record's key with people named and periods written as officers write them: "DV-03, 2025-26 Q2".</summary>
    public static string Key(string key, IReadOnlyDictionary<string, string> names)
    {
        var spoken = Email().Replace(key, m => Person(m.Value, names));
        spoken = PeriodInKey().Replace(spoken, m => ReportingPeriod.TryParse(m.Groups["id"].Value, out var p) ? (m.Value.StartsWith('@') ? ", " : string.Empty) + p : m.Value);
        return spoken.Replace("→", " → ", StringComparison.Ordinal);
    }

    /// <summary>A member by name; anyone else (a job, an address no member has) as recorded.</summary>
    public static string Person(string who, IReadOnlyDictionary<string, string> names) => names.TryGetValue(who, out var name) ? name : who;

    /// <summary>"MeasuresToImprove" → "Measures to improve"; "Pmg" stays "Pmg" (a field the map should name).</summary>
    private static string Sentence(string pascal)
    {
        var words = Capital().Replace(pascal, " $1").Trim();
        return words.Length == 0 ? words : char.ToUpperInvariant(words[0]) + words[1..].ToLowerInvariant();
    }

    [GeneratedRegex(@"(?<=[a-z0-9])([A-Z])")]
    private static partial Regex Capital();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")]
    private static partial Regex IsoInstant();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"^\d{4}-\d{2}-Q[1-4]$")]
    private static partial Regex PeriodId();

    [GeneratedRegex(@"@?(?<id>\d{4}-\d{2}-Q[1-4])")]
    private static partial Regex PeriodInKey();

    [GeneratedRegex(@"[^\s@→]+@[^\s@→]+\.[^\s@→]+")]
    private static partial Regex Email();
}
