using CspBot.Core.Domain;
using CspBot.Core.Persistence;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;

namespace CspBot.Web.Console;

/// <summary>
/// How a console page calls feature code: each call in a fresh DI scope (its own DbContext), since a page lives as long
/// as its circuit and a long-lived context would serve stale data. It also says who is signed in.
/// </summary>
public sealed class ConsoleWork(IServiceScopeFactory scopes, AuthenticationStateProvider authentication)
{
    public async Task<T> RunAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public Task<T> RunAsync<TService, T>(Func<TService, Task<T>> work)
        where TService : notnull =>
        RunAsync(services => work(services.GetRequiredService<TService>()));

    /// <summary>The signed-in member as the database has them now (roles included); null when signed out or removed.</summary>
    public async Task<Member?> MemberAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return state.User.MemberId() is { } id
            ? await RunAsync<CspDbContext, Member?>(db => db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id))
            : null;
    }
}
