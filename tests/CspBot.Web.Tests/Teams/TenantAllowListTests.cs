using CspBot.Core.Domain;
using CspBot.Core.Persistence;
using CspBot.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CspBot.Web.Tests.Teams;

public sealed class TenantAllowListTests : IAsyncLifetime
{
    private readonly CspBotApp app = new(seedDemo: false, new Dictionary<string, string?> { ["Bot:AllowedTenants:0"] = "tenant-1" });
    private FakeConnector connector = null!;

    public async Task InitializeAsync()
    {
        connector = await FakeConnector.StartAsync();
        connector.AddUser("29:priya", "priya.shah@council.example", "Priya Shah");
        app.CreateClient();
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CspDbContext>();
        db.Members.Add(new Member { Email = "priya.shah@council.example", Name = "Priya Shah", Agency = "Haringey Council", Roles = MemberRoles.Officer });
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        await connector.DisposeAsync();
        await app.DisposeAsync();
    }

    [Fact]
    public async Task ActivityFromAnotherTenant_IsIgnored_WhileTheAllowedTenantIsAnswered()
    {
        var foreign = await app.SendMessageAsync(connector.ServiceUrl, "29:priya", "help", "a:foreign", tenantId: "tenant-2");
        await Task.Delay(300);
        Assert.True(foreign.IsSuccessStatusCode);
        Assert.Empty(connector.Sent);

        await app.SendMessageAsync(connector.ServiceUrl, "29:priya", "help", "a:home", tenantId: "tenant-1");
        Assert.Equal("a:home", (await connector.WaitForAsync(a => true)).ConversationId);
        Assert.Single(connector.Sent);
    }
}
