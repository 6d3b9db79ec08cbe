namespace CspBot.Core.Domain;

/// <summary>A person in the partnership, keyed by email (lower case).</summary>
public sealed class Member
{
    public int Id { get; set; }

    public required string Email { get; set; }

    public required string Name { get; set; }

    public required string Agency { get; set; }

    public MemberRoles Roles { get; set; }

    /// <summary>The Teams user id ("29:…") once the member has talked to or installed the bot.</summary>
    public string? TeamsUserId { get; set; }

    public string? EntraObjectId { get; set; }

    /// <summary>The given name Teams' roster gave for them, the best way to greet them.</summary>
    public string? GivenName { get; set; }

    public Reachability Reachability { get; set; } = Reachability.NotInstalled;

    /// <summary>Whether Microsoft Graph found this member in the partnership's directory (by email, mail or other emails).</summary>
    public DirectoryStatus DirectoryStatus { get; set; }

    /// <summary>Why the bot cannot find or reach this member, in the officer's words; null when nothing is known to be wrong.</summary>
    public string? ReachIssue { get; set; }

    /// <summary>When the daily member-reach run last looked at this member.</summary>
    public DateTimeOffset? ReachCheckedAt { get; set; }

    /// <summary>The language they chose for the messages sent to them; null when none is recorded (the partnership's default applies).</summary>
    public Language? Language { get; set; }

    public bool Has(MemberRoles role) => (Roles & role) == role;

    /// <summary>How to greet them: the roster's given name, else the first word of their name that is not a title (Cllr, DI, Stn Cdr…).</summary>
    public string FirstName => !string.IsNullOrWhiteSpace(GivenName) ? GivenName : NameWithoutTitles;

    private string NameWithoutTitles =>
        Name.Split(' ', StringSplitOptions.RemoveEmptyEntries).SkipWhile(word => Titles.Contains(word.TrimEnd('.'))).FirstOrDefault() ?? Name;

    private static readonly HashSet<string> Titles = new(StringComparer.OrdinalIgnoreCase)
    {
        "Cllr", "Councillor", "Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Prof", "Rev", "Sir", "Dame", "Lord", "Lady",
        "DI", "DS", "DC", "DCI", "DSU", "PC", "Sgt", "Insp", "Ch", "Chief", "Supt", "Det", "Station", "Stn", "Watch", "Wtch", "Crew", "Group", "Area", "Cdr", "Mgr", "Manager", "Commander", "Officer",
    };
}

/// <summary>Whether the bot can send this member a personal message.</summary>
public enum Reachability
{
    NotInstalled = 0,
    Reachable = 1,

    /// <summary>The member blocked the bot (403 MessageWritesBlocked): never send again until they write to it.</summary>
    Blocked = 2,
}

/// <summary>An owner's returns handed to a colleague while they are away, until (and including) a date. Set by officers.</summary>
public sealed class Delegation
{
    public int Id { get; set; }

    public int OwnerId { get; set; }

    public Member Owner { get; set; } = null!;

    public int DelegateId { get; set; }

    public Member Delegate { get; set; } = null!;

    public DateOnly Until { get; set; }

    public bool ActiveOn(DateOnly day) => day <= Until;
}

/// <summary>The outcome of looking a member up in the directory through Microsoft Graph.</summary>
public enum DirectoryStatus
{
    NotChecked = 0,
    Found = 1,

    /// <summary>No user or guest has the member's email as sign-in name, mail or other email.</summary>
    NotFound = 2,

    /// <summary>More than one directory user has the member's email: the officer must correct it.</summary>
    Ambiguous = 3,
}
