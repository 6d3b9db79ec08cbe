using System.Globalization;
using System.Text.RegularExpressions;
using CspBot.Core.Domain;
using CspBot.Core.Features.Localisation;
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
/// The change history in the partnership's words, in the language now (AuditText.resx / AuditText.cy.resx): the one map
/// of a stored field to what officers call it ("Submitted", "Measures to improve"), people by name instead of email,
/// local times ("7 Dec 2026, 09:14"; Welsh "7 Rhag 2026, 09:14"), and where each change was made (the console, a card or chat in Teams, an import, the operations API). The CSV keeps the codes.
/// </summary>
public static partial class AuditWords
{
    /// <summary>Stored values that are names of a kind ("AwaitingCheck"), written as words ("Awaiting check").</summary>
    private static readonly HashSet<string> Kinds = [nameof(Return.Check), nameof(Return.ItemKind), nameof(Return.Source), nameof(Indicator.Polarity), nameof(Member.Reachability), nameof(Member.DirectoryStatus), nameof(Meeting.Kind)];

    /// <summary>"Measures to improve" for <c>MeasuresToImprove</c>; a field not in the map is written out in words ("Reach checked at").</summary>
    public static string Field(string field) => Text("Field_" + field) ?? Sentence(field);

    /// <summary>Where a change was made, as the history's "From" says it.</summary>
    public static string Source(ChangeSource source) => source switch
    {
        ChangeSource.Console => AuditText.Source_Console,
        ChangeSource.Teams => AuditText.Source_Teams,
        ChangeSource.Import => AuditText.Source_Import,
        ChangeSource.Api => AuditText.Source_Api,
        _ => AuditText.Source_System,
    };

    /// <summary>A record type as an officer calls it, in the language now ("Action", not "PlanAction"; "Cam gweithredu"): AuditText's <c>Record_{entity}</c>, else the type's own name.</summary>
    public static string Record(string entity) => Text("Record_" + entity) ?? entity;

    /// <summary>Every member's name by email (any case), for <see cref="Describe"/>.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> NamesAsync(CspDbContext db, CancellationToken cancellationToken) =>
        Names((await db.Members.AsNoTracking().Select(m => new { m.Email, m.Name }).ToListAsync(cancellationToken)).Select(m => (m.Email, m.Name)));

    /// <summary>The names of members already read (a page that lists them), by email (any case).</summary>
    public static IReadOnlyDictionary<string, string> Names(IEnumerable<(string Email, string Name)> members) =>
        members.DistinctBy(m => m.Email, StringComparer.OrdinalIgnoreCase).ToDictionary(m => m.Email, m => m.Name, StringComparer.OrdinalIgnoreCase);

    /// <param name="names">Members' names by email (any case), so people are named, not addressed.</param>
    public static AuditEntry Describe(ChangeRecord change, IReadOnlyDictionary<string, string> names) => new(
        change.Id,
        When(change.ChangedAt),
        Person(change.ChangedBy, names),
        Source(change.Source),
        Record(change.Entity),
        $"{Record(change.Entity)} {Key(change.EntityKey, names)}",
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
            return When(instant);
        }

        if (IsoDate().IsMatch(value) && DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date.ToString("d MMM yyyy", Words.Formatting);
        }

        if (PeriodId().IsMatch(value) && ReportingPeriod.TryParse(value, out var period))
        {
            return Terms.Period(period);
        }

        return value switch
        {
            "true" => AuditText.Value_true,
            "false" => AuditText.Value_false,
            _ when Kinds.Contains(field) => Text("Value_" + value) ?? Sentence(value),
            _ => value,
        };
    }

    /// <summary>A record's key with people named and periods written as officers write them: "DV-03, 2025-26 Q2".</summary>
    public static string Key(string key, IReadOnlyDictionary<string, string> names)
    {
        var spoken = Email().Replace(key, m => Person(m.Value, names));
        spoken = PeriodInKey().Replace(spoken, m => ReportingPeriod.TryParse(m.Groups["id"].Value, out var p) ? (m.Value.StartsWith('@') ? ", " : string.Empty) + Terms.Period(p) : m.Value);
        return spoken.Replace("→", " → ", StringComparison.Ordinal);
    }

    /// <summary>A member by name; anyone else (a job, an address no member has) as recorded.</summary>
    public static string Person(string who, IReadOnlyDictionary<string, string> names) => names.TryGetValue(who, out var name) ? name : who;

    /// <summary>An instant in a list, local and short, in the language now: "7 Dec 2026, 09:14" (as <see cref="PartnershipTime.Short"/>), "7 Rhag 2026, 09:14".</summary>
    public static string When(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, PartnershipTime.Zone).ToString("d MMM yyyy, HH:mm", Words.Formatting);

    /// <summary>A word of this slice's resources in the language now, or null when it has none (a field or kind the map does not name).</summary>
    private static string? Text(string key) => AuditText.ResourceManager.GetString(key, CultureInfo.CurrentUICulture);

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
