using Azure.Monitor.OpenTelemetry.AspNetCore;
using OpenTelemetry.Resources;

namespace CspBot.Web.Hosting;

/// <summary>
/// Sends traces (requests, outgoing HTTP to the Bot Connector and Graph, database calls), metrics and the structured
/// logs to Application Insights through OpenTelemetry, when App Service provides its connection string. Without it
/// nothing is exported and logs go to the console only.
/// </summary>
public static class TelemetryHosting
{
    /// <summary>The setting App Service and the Bicep give the app (the standard Application Insights name).</summary>
    public const string ConnectionStringKey = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    public const string ServiceName = "CspBot";

    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration[ConnectionStringKey];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return builder;
        }

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .UseAzureMonitor(options => options.ConnectionString = connectionString);
        return builder;
    }
}
