using CspBot.Web.Hosting;
using CspBot.Web.Tests.Support;
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
    public async Task WithoutIt_NothingIsExported()
    {
        await using var app = new CspBotApp(seedDemo: false);

        _ = app.Services;

        Assert.Null(app.Services.GetService<TracerProvider>());
        Assert.Null(app.Services.GetService<MeterProvider>());
    }
}
