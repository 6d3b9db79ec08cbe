using CspBot.Core.Domain;
using CspBot.Core.Features.Localisation;

namespace CspBot.Core.Features.Reports;

/// <summary>
/// What sign-off tells its signer to do next, in the words of where they are: a chat command in Teams, a page on the
/// console; and never a step they may not take (the chair neither compiles nor checks returns). In the language now.
/// </summary>
public static class SignOffWords
{
    public static string NothingCompiled(ReportingPeriod period, Member signer, ChangeSource source) =>
        Terms.Format(
            !signer.May(Permissions.RunCycle) ? ReportText.NothingCompiledOfficer
            : source == ChangeSource.Console ? ReportText.NothingCompiledConsole : ReportText.NothingCompiledTeams,
            ExceptionReport.PeriodName(period));

    /// <summary>After the warning of returns not yet checked.</summary>
    public static string AnywayOrCheck(Member signer, ChangeSource source) =>
        !signer.May(Permissions.CheckReturns) ? ReportText.AnywayAskOfficer
        : source == ChangeSource.Console ? ReportText.AnywayConsole : ReportText.AnywayTeams;
}
