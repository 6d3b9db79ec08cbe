using CspBot.Core.Features.Audit;
using CspBot.Core.Features.Deadlines;
using CspBot.Core.Features.Delegations;
using CspBot.Core.Features.Graph;
using CspBot.Core.Features.Import;
using CspBot.Core.Features.Police;
using CspBot.Core.Features.Reminders;
using CspBot.Core.Features.Reports;
using CspBot.Core.Features.Returns;
using CspBot.Core.Features.Variation;

namespace CspBot.Web.Hosting;

/// <summary>The operations API under /api/admin (officers and automation).</summary>
public static class OperationsApiHosting
{
    public static WebApplicationBuilder AddOperationsApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.AddAdminAccess();
        return builder;
    }

    public static WebApplication MapOperationsApi(this WebApplication app)
    {
        var admin = app.MapGroup("/api/admin").RequireAdmin(app.Environment);
        admin.MapImport();
        admin.MapReturns();
        admin.MapDeadlines();
        admin.MapPeriodClosing();
        admin.MapDelegations();
        admin.MapAuditExport();
        admin.MapReportNotes();
        admin.MapReportJob();
        admin.MapJobRuns();
        admin.MapMemberReach();
        admin.MapPoliceData();
        admin.MapVariation();

        // Reports hold partnership data: the same access rule as the operations API.
        app.MapGroup("/api/reports").RequireAdmin(app.Environment).MapReports();
        if (app.Environment.AllowsTestControls())
        {
            admin.MapClock();
        }

        return app;
    }
}
