using System.Globalization;
using System.Net.Mail;
using CspBot.Core.Domain;
using CspBot.Core.Features.Calendar;
using CspBot.Core.Features.Localisation;

namespace CspBot.Core.Features.Import;

/// <summary>
/// Checks every row of every sheet and reports every problem at once (not just the first), so an officer can fix a
/// file in one go. Rows may refer to keys in the database or in other sheets of the same request.
/// </summary>
internal sealed class ImportValidator(ExistingKeys existing, CalendarBounds bounds)
{
    private readonly List<ImportProblem> problems = [];

    public IReadOnlyList<ImportProblem> Problems => problems;

    public ValidatedImport Validate(IReadOnlyDictionary<string, ImportTable> tables)
    {
        foreach (var (name, table) in tables)
        {
            CheckHeader(ImportSheets.Find(name)!, table);
        }

        var partnership = Rows(tables, ImportSheets.Partnership, r => ReadPartnership(r, HasColumn(tables, ImportSheets.Partnership, "default_language")), _ => "partnership");
        var members = Rows(tables, ImportSheets.Members, r => ReadMember(r, HasColumn(tables, ImportSheets.Members, "language")), r => r.Email);
        var imported = members.Select(m => m.Email).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var memberEmails = Union(existing.MemberEmails, imported);
        var ownerEmails = Union(
            existing.OwnerEmails.Where(e => !imported.Contains(e)),
            members.Where(m => (m.Roles & (MemberRoles.Owner | MemberRoles.Officer)) != 0).Select(m => m.Email));
        CheckAnOfficerRemains(tables, members, imported);
        var outcomes = Rows(tables, ImportSheets.Outcomes, ReadOutcome, r => r.Code);
        var outcomeCodes = Union(existing.OutcomeCodes, outcomes.Select(o => o.Code));
        var actions = Rows(tables, ImportSheets.Actions, row => ReadAction(row, outcomeCodes, memberEmails, ownerEmails), r => r.Ref);
        var indicators = Rows(tables, ImportSheets.Indicators, row => ReadIndicator(row, outcomeCodes, memberEmails, ownerEmails), r => r.Ref);
        var indicatorRefs = Union(existing.IndicatorRefs, indicators.Select(i => i.Ref));
        CheckRefsAreUnique(actions, indicators);
        var values = Rows(tables, ImportSheets.IndicatorValues, row => ReadValue(row, indicatorRefs), r => $"{r.Ref} {r.Period}");
        var meetings = Rows(tables, ImportSheets.Meetings, ReadMeeting, r => $"{r.Date:yyyy-MM-dd} {r.Kind}");
        var police = Rows(tables, ImportSheets.PoliceSources, row => ReadPoliceSource(row, indicatorRefs), r => r.Ref);
        return new ValidatedImport(partnership.FirstOrDefault(), members, outcomes, actions, indicators, values, meetings, police);
    }

    /// <summary>An import may not take away the partnership's last officer (nobody would be left to run the cycle).</summary>
    private void CheckAnOfficerRemains(IReadOnlyDictionary<string, ImportTable> tables, IReadOnlyList<MemberRow> members, IReadOnlySet<string> imported)
    {
        if (!tables.ContainsKey(ImportSheets.Members) || members.Count == 0 || existing.OfficerEmails.Count == 0)
        {
            return;
        }

        var officers = existing.OfficerEmails.Where(e => !imported.Contains(e))
            .Concat(members.Where(m => (m.Roles & MemberRoles.Officer) != 0).Select(m => m.Email));
        if (!officers.Any())
        {
            problems.Add(new(ImportSheets.Members, null, "roles", ImportText.NoOfficer));
        }
    }

    /// <summary>A ref names one item: an action and an indicator may not share one (one of the owners would be locked out).</summary>
    private void CheckRefsAreUnique(IReadOnlyList<ActionRow> actions, IReadOnlyList<IndicatorRow> indicators)
    {
        var indicatorRefs = Union(existing.IndicatorRefs, indicators.Select(i => i.Ref));
        foreach (var action in actions.Where(a => indicatorRefs.Contains(a.Ref)))
        {
            problems.Add(new(ImportSheets.Actions, null, "ref", Terms.Format(ImportText.RefIsIndicator, action.Ref)));
        }

        var actionRefs = Union(existing.ActionRefs, actions.Select(a => a.Ref));
        foreach (var indicator in indicators.Where(i => actionRefs.Contains(i.Ref)))
        {
            problems.Add(new(ImportSheets.Indicators, null, "ref", Terms.Format(ImportText.RefIsAction, indicator.Ref)));
        }
    }

    private void CheckHeader(SheetSpec spec, ImportTable table)
    {
        if (table.Header.Count == 0)
        {
            problems.Add(new(spec.Name, 1, null, Terms.Format(ImportText.EmptySheet, string.Join(',', spec.Columns))));
            return;
        }

        foreach (var missing in spec.Columns.Where(c => !spec.IsOptional(c) && !table.Header.Contains(c, StringComparer.OrdinalIgnoreCase)))
        {
            problems.Add(new(spec.Name, 1, missing, ImportText.MissingColumn));
        }

        foreach (var extra in table.Header.Where(c => !spec.Columns.Contains(c, StringComparer.OrdinalIgnoreCase)))
        {
            problems.Add(new(spec.Name, 1, extra, Terms.Format(ImportText.UnknownColumn, string.Join(',', spec.Columns))));
        }
    }

    /// <summary>Reads the rows of one sheet, dropping bad ones (already reported) and reporting duplicate keys.</summary>
    private List<T> Rows<T>(IReadOnlyDictionary<string, ImportTable> tables, string sheet, Func<RowReader, T?> read, Func<T, string> key)
        where T : class
    {
        var result = new List<T>();
        if (!tables.TryGetValue(sheet, out var table) || problems.Any(p => p.Sheet == sheet && p.Row == 1))
        {
            return result;
        }

        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in table.Rows)
        {
            var reader = new RowReader(sheet, row, problems);
            var value = read(reader);
            if (value is null || reader.Failed)
            {
                continue;
            }

            if (seen.TryGetValue(key(value), out var first))
            {
                problems.Add(new(sheet, row.Number, ImportSheets.Find(sheet)!.Columns[0], Terms.Format(ImportText.Duplicate, key(value), first)));
                continue;
            }

            seen[key(value)] = row.Number;
            result.Add(value);
        }

        return result;
    }

    /// <summary>Markings CspBot may print: it holds OFFICIAL information only (Government Security Classifications).</summary>
    private static readonly string[] Markings = ["OFFICIAL", "OFFICIAL-SENSITIVE"];

    private static bool HasColumn(IReadOnlyDictionary<string, ImportTable> tables, string sheet, string column) =>
        tables.TryGetValue(sheet, out var table) && table.Header.Contains(column, StringComparer.OrdinalIgnoreCase);

    private static PartnershipRow? ReadPartnership(RowReader r, bool hasLanguage)
    {
        var name = r.Required("name");
        var marking = r["protective_marking"].Trim().ToUpperInvariant().Replace(' ', '-');
        if (marking.Length == 0)
        {
            marking = Partnership.DefaultMarking;
        }
        else if (!Markings.Contains(marking, StringComparer.Ordinal))
        {
            r.Fail("protective_marking", Terms.Format(ImportText.BadMarking, r["protective_marking"]));
        }

        PartnershipLanguage? language = null;
        if (hasLanguage)
        {
            var text = r["default_language"].Trim();
            if (!LanguageCodes.TryParsePartnership(text.Length == 0 ? LanguageCodes.English : text, out var parsed))
            {
                r.Fail("default_language", Terms.Format(ImportText.BadDefaultLanguage, text));
            }

            language = parsed;
        }

        return new PartnershipRow(name, r.Optional("short_name", 60), r.Optional("board_name", 200), r.Optional("report_officer", 200), marking, language);
    }

    private static MemberRow? ReadMember(RowReader r, bool hasLanguage)
    {
        var email = r.Email("email");
        var name = r.Required("name");
        var agency = r.Required("agency");
        var rolesText = r.Required("roles");
        var roles = MemberRolesText.Parse(rolesText, out var unknown);
        if (unknown.Count > 0)
        {
            r.Fail("roles", Terms.Format(ImportText.UnknownRoles, string.Join("', '", unknown)));
        }
        else if (roles == MemberRoles.None && rolesText.Length > 0)
        {
            r.Fail("roles", ImportText.NoRole);
        }

        // The person's own choice of language (Welsh Language Standards): cy, en, or empty for none recorded.
        Language? language = null;
        var languageText = r["language"].Trim();
        if (languageText.Length > 0)
        {
            if (languageText.ToLowerInvariant() is LanguageCodes.Welsh or LanguageCodes.English)
            {
                language = languageText.Equals(LanguageCodes.Welsh, StringComparison.OrdinalIgnoreCase) ? Language.Welsh : Language.English;
            }
            else
            {
                r.Fail("language", Terms.Format(ImportText.BadLanguage, languageText));
            }
        }

        return new MemberRow(email, name, agency, roles, language, hasLanguage);
    }

    private static OutcomeRow? ReadOutcome(RowReader r) => new(r.Code("code"), r.Required("title"));

    private ActionRow? ReadAction(RowReader r, IReadOnlySet<string> outcomes, IReadOnlySet<string> members, IReadOnlySet<string> owners)
    {
        var reference = r.Code("ref");
        var plan = r.Required("plan");
        var outcome = r.Known("outcome", outcomes, ImportText.UnknownOutcome);
        var title = r.Required("title");
        var owner = r.Owner("owner_email", members, owners);
        var agency = r.Required("agency");
        var due = r.Period("due_period");
        if (due != default && bounds.PeriodRefusal(due) is { } outside)
        {
            r.Fail("due_period", outside);
        }
        var restricted = r.Boolean("restricted");
        return new ActionRow(reference, plan, outcome, title, owner, agency, due, restricted);
    }

    private static IndicatorRow? ReadIndicator(RowReader r, IReadOnlySet<string> outcomes, IReadOnlySet<string> members, IReadOnlySet<string> owners)
    {
        var reference = r.Code("ref");
        var outcome = r.Known("outcome", outcomes, ImportText.UnknownOutcome);
        var title = r.Required("title");
        var owner = r.Owner("owner_email", members, owners);
        var unit = r.Required("unit");
        var polarity = r["polarity"].ToLowerInvariant() switch
        {
            "higher" => Polarity.HigherIsBetter,
            "lower" => Polarity.LowerIsBetter,
            var other => r.Fail<Polarity>("polarity", other.Length == 0 ? ImportText.PolarityRequired : Terms.Format(ImportText.NotPolarity, other)),
        };
        var target = r.Number("target", required: true) ?? 0;
        var tolerance = r.Number("tolerance_pct", required: false) ?? 10m;
        if (tolerance is < 0 or > 100)
        {
            r.Fail("tolerance_pct", ImportText.ToleranceRange);
        }

        return new IndicatorRow(reference, outcome, title, owner, unit, polarity, target, tolerance);
    }

    /// <summary>
    /// A police-fed indicator: published crime types; its area as local authority names (as LSOA names start) or LSOA
    /// codes, not both; London or the force to compare with; the Most Similar Group's authorities (optional).
    /// </summary>
    private static PoliceSourceRow? ReadPoliceSource(RowReader r, IReadOnlySet<string> indicators)
    {
        var reference = r.Known("ref", indicators, ImportText.UnknownIndicator);
        var types = Police.PoliceData.List(r["crime_types"]);
        var unknown = types.Where(t => !Police.PoliceData.CrimeTypes.Contains(t)).ToList();
        if (types.Count == 0)
        {
            r.Fail("crime_types", ImportText.CrimeTypesRequired);
        }
        else if (unknown.Count > 0)
        {
            r.Fail("crime_types", Counted.In(ImportText.ResourceManager, "UnknownCrimeTypes", unknown.Count, string.Join("', '", unknown), string.Join("; ", Police.PoliceData.CrimeTypes)));
        }

        var area = Police.PoliceData.List(r["area"]);
        if (area.Count == 0)
        {
            r.Fail("area", ImportText.AreaRequired);
        }
        else if (area.Any(Police.PoliceData.IsLsoaCode) && !area.All(Police.PoliceData.IsLsoaCode))
        {
            r.Fail("area", ImportText.AreaMixed);
        }

        var comparison = r["comparison"].Trim() switch
        {
            var c when string.Equals(c, Police.PoliceData.LondonComparison, StringComparison.OrdinalIgnoreCase) => Police.PoliceData.LondonComparison,
            var c when string.Equals(c, Police.PoliceData.ForceComparison, StringComparison.OrdinalIgnoreCase) => Police.PoliceData.ForceComparison,
            var other => r.Fail<string>("comparison", other.Length == 0 ? ImportText.ComparisonRequired : Terms.Format(ImportText.NotComparison, other)),
        };
        var peers = Police.PoliceData.List(r["peers"]);
        var joined = (string.Join(';', types), string.Join(';', area), string.Join(';', peers));
        if (joined.Item2.Length > 4000 || joined.Item3.Length > 2000)
        {
            r.Fail(joined.Item2.Length > 4000 ? "area" : "peers", ImportText.TooLong);
        }

        return new PoliceSourceRow(reference, joined.Item1, joined.Item2, comparison, joined.Item3);
    }

    private static IndicatorValueRow? ReadValue(RowReader r, IReadOnlySet<string> indicators) =>
        new(
            r.Known("ref", indicators, ImportText.UnknownIndicator),
            r.Period("period"),
            r.Number("actual", required: false),
            r.Number("previous_year", required: false),
            r.Number("london_change_pct", required: false),
            r.Number("msg_change_pct", required: false));

    private MeetingRow? ReadMeeting(RowReader r)
    {
        var date = r.Date("date");
        if (date != default && bounds.MeetingRefusal(date) is { } outside)
        {
            r.Fail("date", outside);
        }

        var kind = r["kind"].ToLowerInvariant() switch
        {
            "board" => MeetingKind.Board,
            "pmg" => MeetingKind.Pmg,
            var other => r.Fail<MeetingKind>("kind", other.Length == 0 ? ImportText.KindRequired : Terms.Format(ImportText.NotKind, other)),
        };
        return new MeetingRow(date, kind);
    }

    private static HashSet<string> Union(IEnumerable<string> first, IEnumerable<string> second) =>
        new(first.Concat(second), StringComparer.OrdinalIgnoreCase);

    /// <summary>Reads typed cells from one row, recording a problem for each bad cell.</summary>
    private sealed class RowReader(string sheet, ImportRow row, List<ImportProblem> problems)
    {
        public bool Failed { get; private set; }

        public string this[string column] => row[column];

        public void Fail(string column, string message)
        {
            Failed = true;
            problems.Add(new(sheet, row.Number, column, message));
        }

        public T Fail<T>(string column, string message)
        {
            Fail(column, message);
            return default!;
        }

        /// <summary>Free text that may be left empty (null then), at most <paramref name="max"/> characters.</summary>
        public string? Optional(string column, int max)
        {
            var value = row[column];
            if (value.Length > max)
            {
                Fail(column, Terms.Format(ImportText.LongerThan, max));
            }

            return value.Length == 0 ? null : value;
        }

        public string Required(string column)
        {
            var value = row[column];
            if (value.Length == 0)
            {
                Fail(column, ImportText.Required);
            }
            else if (value.Length > 400)
            {
                Fail(column, Terms.Format(ImportText.LongerThan, 400));
            }

            return value;
        }

        /// <summary>A short key such as an outcome code or an action ref: letters, digits, '-', '_', '.'.</summary>
        public string Code(string column)
        {
            var value = Required(column);
            if (value.Length > 0 && (value.Length > 32 || !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
            {
                Fail(column, Terms.Format(ImportText.BadReference, value));
            }

            return value.ToUpperInvariant();
        }

        public string Email(string column)
        {
            var value = Required(column).ToLowerInvariant();
            if (value.Length > 0 && (!MailAddress.TryCreate(value, out var address) || address.Address != value || value.Length > 254))
            {
                Fail(column, Terms.Format(ImportText.BadEmail, value));
            }

            return value;
        }

        public string Known(string column, IReadOnlySet<string> known, string reason)
        {
            var value = Required(column).ToUpperInvariant();
            if (value.Length > 0 && !known.Contains(value))
            {
                Fail(column, Terms.Format(reason, value));
            }

            return value;
        }

        public string Owner(string column, IReadOnlySet<string> members, IReadOnlySet<string> owners)
        {
            var value = Required(column).ToLowerInvariant();
            if (value.Length == 0)
            {
                return value;
            }

            if (!members.Contains(value))
            {
                Fail(column, Terms.Format(ImportText.NotMember, value));
            }
            else if (!owners.Contains(value))
            {
                Fail(column, Terms.Format(ImportText.NotOwner, value));
            }

            return value;
        }

        public ReportingPeriod Period(string column)
        {
            var value = row[column];
            if (ReportingPeriod.TryParse(value, out var period))
            {
                return period;
            }

            Fail(column, value.Length == 0 ? ImportText.PeriodRequired : Terms.Format(ImportText.NotPeriod, value));
            return default;
        }

        public decimal? Number(string column, bool required)
        {
            var value = row[column].Replace("%", string.Empty, StringComparison.Ordinal).Trim();
            if (value.Length == 0)
            {
                if (required)
                {
                    Fail(column, ImportText.NumberRequired);
                }

                return null;
            }

            if (decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var number))
            {
                if (Math.Abs(number) < ImportLimits.MaxFigure)
                {
                    return number;
                }

                Fail(column, Terms.Format(ImportText.OutOfRange, row[column]));
                return null;
            }

            Fail(column, Terms.Format(ImportText.NotNumber, row[column]));
            return null;
        }

        public bool Boolean(string column) =>
            row[column].ToLowerInvariant() switch
            {
                "" or "false" or "no" or "n" or "0" => false,
                "true" or "yes" or "y" or "1" => true,
                var other => Fail<bool>(column, Terms.Format(ImportText.NotBoolean, other)),
            };

        public DateOnly Date(string column)
        {
            var value = row[column];
            if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }

            // Excel stores dates as serial numbers (days since 1899-12-30).
            if (double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var serial) && serial is > 20000 and < 100000)
            {
                return DateOnly.FromDateTime(DateTime.FromOADate(Math.Floor(serial)));
            }

            Fail(column, value.Length == 0 ? ImportText.DateRequired : Terms.Format(ImportText.NotDate, value));
            return default;
        }
    }
}
