using CspBot.Web.Hosting;
using CspBot.Web.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace CspBot.Web.Tests.Hosting;

/// <summary>Telemetry goes to Application Insights only when its connection string is there, as App Service gives it.</summary>
public sealed class TelemetryTests
{
    [Fact]
    public async Task WithAnApplicationInsightsConnectionString_TracesAndMetricsAreExported_AndTheAppStaysHealthy()
    {
        await using var app = new CspBotApp(seedDemo: false, extra: new Dictionary<string, string?>
        {
            // An ingestion endpoint nobody listens on: the exporter's failures must not touch the app.
            [TelemetryHosting.ConnectionStringKey] = "InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint=http://127.0.0.1:9/",
        });

        var health = await app.CreateClient().GetAsync(new Uri("/health", UriKind.Relative));

        Assert.True(health.IsSuccessStatusCode, $"/health answered {(int)health.StatusCode}");
        Assert.NotNull(app.Services.GetService<TracerProvider>());
        Assert.NotNull(app.Services.GetService<MeterProvider>());
    }

    [Fact]
    public async Task WithAnOtlpEndpoint_TracesReachTheCollector_WithoutApplicationInsights()
    {
        // A collector that only counts what it receives (OTLP over HTTP/protobuf posts to /v1/traces).
        var received = 0;
        var collector = WebApplication.CreateSlimBuilder();
        collector.WebHost.UseUrls("http://127.0.0.1:0");
        await using var listener = collector.Build();
        listener.MapPost("/v1/{signal}", (string signal) => { if (signal == "traces") { Interlocked.Increment(ref received); } return Microsoft.AspNetCore.Http.Results.Ok(); });
        await listener.StartAsync();
        var endpoint = listener.Urls.First();

        await using var app = new CspBotApp(seedDemo: false, extra: new Dictionary<string, string?>
        {
            [TelemetryHosting.OtlpEndpointKey] = endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        });
        await app.CreateClient().GetAsync(new Uri("/health/live", UriKind.Relative));
        Assert.NotNull(app.Services.GetService<TracerProvider>());
        app.Services.GetRequiredService<TracerProvider>().ForceFlush(5000);

        Assert.True(received > 0, "the collector received no traces");
    }

    [Fact]
    public async Task WithoutIt_NothingIsExported()
    {
        await using var app = new CspBotApp(seedDemo: false);

        _ = app.Services;

        Assert.Null(app.Services.GetService<TracerProvider>());
        Assert.Null(app.Services.GetService<MeterProvider>());
    }
}
