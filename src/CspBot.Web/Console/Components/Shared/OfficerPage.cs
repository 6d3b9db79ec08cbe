using CspBot.Core.Domain;
using CspBot.Core.Features.Localisation;
using CspBot.Core.Features.Reports;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace CspBot.Web.Console.Components.Shared;

/// <summary>
/// A page with officers' buttons: each action is checked against the member's roles when it runs (not when the page
/// was opened), runs in its own scope, says what it did or why not, and the page reloads its data afterwards.
/// </summary>
public abstract class OfficerPage : ComponentBase
{
    [Inject]
    protected ConsoleWork Work { get; set; } = default!;

    /// <summary>The words every officer page shares (OfficerPage.resx / .cy.resx).</summary>
    [Inject]
    protected IStringLocalizer<OfficerPage> Shared { get; set; } = default!;

    protected string? Notice { get; set; }

    protected bool Refused { get; set; }

    protected bool Busy { get; private set; }

    protected abstract Task LoadAsync();

    /// <param name="permission">Who may take this action: the officers unless it says otherwise (the chair signs off too).</param>
    protected async Task ActAsync(Func<IServiceProvider, Member, Task<(string Text, bool Refused)>> action, MemberRoles permission = Permissions.RunCycle)
    {
        Busy = true;
        try
        {
            var officer = await Work.MemberAsync();
            if (officer is null || !officer.May(permission))
            {
                (Notice, Refused) = (Shared[permission == Permissions.RunCycle ? "OfficersOnly" : "RolesRefuse"], true);
                return;
            }

            (Notice, Refused) = await Work.RunAsync(services => action(services, officer));
            await LoadAsync();
        }
        finally
        {
            Busy = false;
        }
    }

    /// <summary>Compiles the period's exception report now as <paramref name="officer"/> (a new version, posted as the `report` command's), and what to tell them.</summary>
    protected static async Task<(CompiledReport Report, string Said)> CompileReportAsync(IServiceProvider services, Member officer, ReportingPeriod period)
    {
        var report = await services.GetRequiredService<ReportCompiler>().CompileAsync(period, officer.Email, CancellationToken.None);
        var warning = ReportSignOff.Warning(await services.GetRequiredService<ReportSignOff>().UncheckedAsync(period, CancellationToken.None));
        var words = services.GetRequiredService<IStringLocalizer<OfficerPage>>();
        var compiled = words[report.Posted ? "CompiledPosted" : "Compiled", report.Version, Terms.Period(report.Period)];
        return (report, warning is null ? compiled : words["WithWarning", compiled, warning]);
    }
}
