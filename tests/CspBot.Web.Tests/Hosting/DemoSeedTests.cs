using CspBot.Core.Persistence;
using CspBot.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CspBot.Web.Tests.Hosting;

public class DemoSeedTests
{
    [Fact]
    public async Task Startup_WithDemoSeed_LoadsTheDemoPartnershipOnce()
    {
        string databaseFile;
        int members;
        await using (var app = new CspBotApp(seedDemo: true))
        {
            databaseFile = app.DatabaseFile;
            app.CreateClient();
            using var scope = app.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<CspDbContext>();
            Assert.Equal("Haringey Community Safety Partnership (demo)", (await db.Partnerships.SingleAsync()).Name);
            members = await db.Members.CountAsync();
            Assert.True(members >= 6);
            Assert.True(await db.Actions.CountAsync() >= 40);
            Assert.True(await db.ChangeHistory.AnyAsync(c => c.ChangedBy == "demo seed"));
        }

        await using var restarted = new CspBotApp(seedDemo: true, new Dictionary<string, string?> { ["ConnectionStrings:Default"] = $"Data Source={databaseFile}" });
        restarted.CreateClient();
        using var again = restarted.Services.CreateScope();
        var db2 = again.ServiceProvider.GetRequiredService<CspDbContext>();
        Assert.Equal(1, await db2.Partnerships.CountAsync());
        Assert.Equal(members, await db2.Members.CountAsync());
    }
}
