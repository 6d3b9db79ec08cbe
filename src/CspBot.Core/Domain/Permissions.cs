namespace CspBot.Core.Domain;

/// <summary>
/// Who may do what, in one place: the bot's commands, the operations console's pages and its buttons all ask here, so
/// a rule is never written twice. Each permission is the set of roles allowed (any of them); <see cref="MemberRoles.None"/>
/// means every member.
/// </summary>
public static class Permissions
{
    /// <summary>Every member of the partnership (the scorecard, the dashboard, help).</summary>
    public const MemberRoles Everyone = MemberRoles.None;

    /// <summary>See how the cycle is going: returns per agency, who is late, who can't be reached (status, the Cycle page).</summary>
    public const MemberRoles ViewCycle = MemberRoles.Officer | MemberRoles.Chair;

    /// <summary>Run the cycle: chase, compile, close and reopen, deadlines, imports, people, calendar, returns of others, audit.</summary>
    public const MemberRoles RunCycle = MemberRoles.Officer;

    /// <summary>
    /// The monitoring staff's part: accept or query a return, moderate an owner's status, record what the board or the
    /// PMG decided (new actions, target changes).
    /// </summary>
    public const MemberRoles CheckReturns = MemberRoles.Officer;

    /// <summary>Sign a compiled report version off for the board: an officer or the chair.</summary>
    public const MemberRoles SignOff = MemberRoles.Officer | MemberRoles.Chair;

    /// <summary>Answer for the items one owns (or holds for a colleague): the reminder cards and the My returns tab.</summary>
    public const MemberRoles AnswerReturns = MemberRoles.Owner | MemberRoles.Officer;

    public static bool May(this Member member, MemberRoles permission) =>
        permission == Everyone || (member.Roles & permission) != 0;
}
