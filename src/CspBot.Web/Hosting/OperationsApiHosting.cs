using System.Net;
using CspBot.Core.Features.Audit;
using CspBot.Core.Features.Deadlines;
using CspBot.Core.Features.Delegations;
using CspBot.Core.Features.Import;
using CspBot.Core.Features.Reminders;
using CspBot.Core.Features.Reports;
using CspBot.Core.Features.Returns;

namespace CspBot.Web.Hosting;

/// <summary>The operations API under /api/admin (officers and automation).</summary>
public static class OperationsApiHosting
{
    public static WebApplicationBuilder AddOperationsApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        return builder;
    }

    public static WebApplication MapOperationsApi(this WebApplication app)
    {
        var admin = app.MapGroup("/api/admin").AddEndpointFilter(new LoopbackOnlyFilter(app.Environment));
        admin.MapImport();
        admin.MapReturns();
        admin.MapDeadlines();
        admin.MapDelegations();
        admin.MapAuditExport();
        admin.MapReportJob();
        admin.MapJobRuns();

        // Reports hold partnership data: the same access rule as the operations API.
        app.MapGroup("/api/reports").AddEndpointFilter(new LoopbackOnlyFilter(app.Environment)).MapReports();
        if (app.Environment.AllowsTestControls())
        {
            admin.MapClock();
        }

        return app;
    }

    /// <summary>
    /// Until sign-in with Entra ID is configured, the operations API answers only requests from this machine, and only
    /// in Development/Testing; elsewhere it refuses rather than run open.
    /// </summary>
    private sealed class LoopbackOnlyFilter(IHostEnvironment environment) : IEndpointFilter
    {
        public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
        {
            var remote = context.HttpContext.Connection.RemoteIpAddress;
            var local = remote is null || IPAddress.IsLoopback(remote);
            if (!environment.AllowsTestControls() || !local)
            {
                return Results.Problem(
                    statusCode: StatusCodes.Status403Forbidden,
                    title: "The operations API is only open to this machine in Development.");
            }

            return await next(context);
        }
    }
}
