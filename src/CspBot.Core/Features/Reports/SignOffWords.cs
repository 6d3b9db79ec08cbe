using CspBot.Core.Domain;

namespace CspBot.Core.Features.Reports;

/// <summary>
/// What sign-off tells its signer to do next, in the words of where they are: a chat command in Teams, a page on the
/// console; and never a step they may not take (the chair neither compiles nor checks returns).
/// </summary>
public static class SignOffWords
{
    public static string NothingCompiled(ReportingPeriod period, Member signer, ChangeSource source) =>
        $"There is no compiled {period} report to sign off yet: " + (!signer.May(Permissions.RunCycle)
            ? "an officer compiles it first."
            : source == ChangeSource.Console ? "compile it on the Reports page first." : "type **report** to compile it.");

    /// <summary>After the warning of returns not yet checked.</summary>
    public static string AnywayOrCheck(Member signer, ChangeSource source) =>
        "Sign off anyway, or " + (!signer.May(Permissions.CheckReturns)
            ? "ask an officer to check them first."
            : source == ChangeSource.Console ? "check them first on the Returns page." : "check them first (type **check**).");
}
