namespace CspBot.Core.Domain;

/// <summary>What a member may do. A person can hold several roles (an officer who also owns actions).</summary>
[Flags]
public enum MemberRoles
{
    None = 0,
    Member = 1,
    Owner = 2,
    Officer = 4,
    Chair = 8,
}

public static class MemberRolesText
{
    private static readonly (string Name, MemberRoles Role)[] Names =
    [
        ("chair", MemberRoles.Chair),
        ("officer", MemberRoles.Officer),
        ("owner", MemberRoles.Owner),
        ("member", MemberRoles.Member),
    ];

    /// <summary>Parses "officer;owner". Returns the names it did not recognise.</summary>
    public static MemberRoles Parse(string text, out IReadOnlyList<string> unknown)
    {
        var roles = MemberRoles.None;
        var bad = new List<string>();
        foreach (var part in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var match = Names.FirstOrDefault(n => string.Equals(n.Name, part, StringComparison.OrdinalIgnoreCase));
            if (match.Name is null)
            {
                bad.Add(part);
            }
            else
            {
                roles |= match.Role;
            }
        }

        unknown = bad;
        return roles;
    }

    public static string Format(MemberRoles roles) =>
        string.Join(';', Names.Where(n => roles.HasFlag(n.Role)).Select(n => n.Name));
}
