using CspBot.Core.Domain;

namespace CspBot.Core.Features.Import;

/// <summary>Rows that passed validation, ready to upsert.</summary>
internal sealed record ValidatedImport(
    PartnershipRow? Partnership,
    IReadOnlyList<MemberRow> Members,
    IReadOnlyList<OutcomeRow> Outcomes,
    IReadOnlyList<ActionRow> Actions,
    IReadOnlyList<IndicatorRow> Indicators,
    IReadOnlyList<IndicatorValueRow> IndicatorValues,
    IReadOnlyList<MeetingRow> Meetings,
    IReadOnlyList<PoliceSourceRow> PoliceSources);

/// <summary>The partnership's own identity: the one row of the partnership sheet.</summary>
/// <param name="DefaultLanguage">Null when the file has no default_language column (left as it is).</param>
internal sealed record PartnershipRow(string Name, string? ShortName, string? BoardName, string? ReportOfficer, string ProtectiveMarking, PartnershipLanguage? DefaultLanguage);

/// <param name="Language">The member's language (null: none recorded); <paramref name="HasLanguage"/> false when the file has no language column (left as it is).</param>
internal sealed record MemberRow(string Email, string Name, string Agency, MemberRoles Roles, Language? Language = null, bool HasLanguage = false);

internal sealed record OutcomeRow(string Code, string Title);

internal sealed record ActionRow(string Ref, string Plan, string OutcomeCode, string Title, string OwnerEmail, string Agency, ReportingPeriod DuePeriod, bool Restricted);

internal sealed record IndicatorRow(string Ref, string OutcomeCode, string Title, string OwnerEmail, string Unit, Polarity Polarity, decimal Target, decimal TolerancePct);

internal sealed record IndicatorValueRow(string Ref, ReportingPeriod Period, decimal? Actual, decimal? PreviousYear, decimal? LondonChangePct, decimal? MsgChangePct);

internal sealed record MeetingRow(DateOnly Date, MeetingKind Kind);

/// <summary>A police-fed indicator's definition; the lists are ";"-joined as stored.</summary>
internal sealed record PoliceSourceRow(string Ref, string CrimeTypes, string Area, string Comparison, string Peers);

/// <summary>Keys already in the database, so rows may refer to existing members, outcomes and indicators.</summary>
internal sealed record ExistingKeys(
    IReadOnlySet<string> MemberEmails,
    IReadOnlySet<string> OwnerEmails,
    IReadOnlySet<string> OfficerEmails,
    IReadOnlySet<string> OutcomeCodes,
    IReadOnlySet<string> ActionRefs,
    IReadOnlySet<string> IndicatorRefs);
