using Azure.Monitor.OpenTelemetry.AspNetCore;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CspBot.Web.Hosting;

/// <summary>
/// Sends traces (requests, outgoing HTTP to the Bot Connector and Graph, database calls), metrics and the structured
/// logs to Application Insights through OpenTelemetry, when App Service provides its connection string, and to an OTLP
/// collector when OTEL_EXPORTER_OTLP_ENDPOINT is set. Without either nothing is exported and logs go to the console.
/// </summary>
public static class TelemetryHosting
{
    /// <summary>The setting App Service and the Bicep give the app (the standard Application Insights name).</summary>
    public const string ConnectionStringKey = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    public const string ServiceName = "CspBot";

    /// <summary>The standard OpenTelemetry setting: an OTLP collector (Aspire dashboard, Grafana, Jaeger…) to export to as well.</summary>
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration[ConnectionStringKey];
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointKey]);
        if (string.IsNullOrWhiteSpace(connectionString) && !otlp)
        {
            return builder;
        }

        var telemetry = builder.Services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService(ServiceName));
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            telemetry.UseAzureMonitor(options => options.ConnectionString = connectionString);
        }

        if (otlp)
        {
            // Reads OTEL_EXPORTER_OTLP_ENDPOINT, _PROTOCOL and _HEADERS itself; traces, metrics and logs, beside Azure Monitor.
            telemetry.UseOtlpExporter();
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                telemetry.WithTracing(tracing => tracing.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation())
                    .WithMetrics(metrics => metrics.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation());
            }
        }

        return builder;
    }
}
