using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CspBot.Core.Features.Graph;

public static class GraphRegistration
{
    /// <summary>
    /// Graph options, member reach and its status. The gateway defaults to "not configured"; the web host replaces it
    /// with the Microsoft Graph implementation when <c>Graph:Enabled</c> is true.
    /// </summary>
    public static IServiceCollection AddGraphFeatures(this IServiceCollection services)
    {
        services.AddOptions<GraphOptions>().BindConfiguration(GraphOptions.Section);
        services.TryAddScoped<IGraphGateway, GraphNotConfigured>();
        services.AddScoped<MemberReachRun>();
        services.AddScoped<MemberReachJob>();
        services.AddScoped<MemberReachTrigger>();
        services.AddScoped<MemberReachStatus>();
        return services;
    }

    /// <summary>GET /members/reach under the admin group: who can't be found or reached, and why; whether Graph is on.</summary>
    public static RouteGroupBuilder MapMemberReach(this RouteGroupBuilder admin)
    {
        admin.MapGet("/members/reach", async (MemberReachStatus status, CancellationToken ct) => Results.Ok(await status.ReportAsync(ct)));
        return admin;
    }
}
