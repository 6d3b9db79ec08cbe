using CspBot.Web.Hosting;
using CspBot.Web.Tests.Support;
using Microsoft.AspNetCore.Hosting;

namespace CspBot.Web.Tests.Hosting;

public class ProductionStartTests
{
    [Fact]
    public void Startup_InProduction_WithoutBotCredentials_FailsFast_NamingThem()
    {
        using var app = new CspBotApp(seedDemo: false).WithWebHostBuilder(b => b.UseEnvironment("Production"));

        var error = Assert.Throws<ProductionConfigurationException>(() => app.CreateClient());

        Assert.Contains("Bot:MicrosoftAppId", error.Message, StringComparison.Ordinal);
        Assert.Contains("Bot:MicrosoftAppPassword", error.Message, StringComparison.Ordinal);
    }
}
