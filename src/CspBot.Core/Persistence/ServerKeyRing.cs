using System.Collections.Concurrent;
using System.Security.Cryptography;
using CspBot.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CspBot.Core.Persistence;

/// <summary>
/// The server's secret keys, one per purpose (card seals, report links), made on first use and kept in the database
/// (<see cref="ServerKey"/>), so every instance shares them and what they signed survives a restart. A failure to reach
/// the database is not remembered.
/// </summary>
public sealed class ServerKeyRing(IServiceScopeFactory scopes, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, byte[]> keys = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim loading = new(1, 1);

    public async Task<byte[]> KeyAsync(string purpose, CancellationToken cancellationToken)
    {
        if (keys.TryGetValue(purpose, out var known))
        {
            return known;
        }

        await loading.WaitAsync(cancellationToken);
        try
        {
            if (keys.TryGetValue(purpose, out known))
            {
                return known;
            }

            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CspDbContext>();
            var stored = await db.ServerKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Purpose == purpose, cancellationToken);
            if (stored is null)
            {
                db.ServerKeys.Add(new ServerKey { Purpose = purpose, Key = RandomNumberGenerator.GetBytes(32), CreatedAt = clock.GetUtcNow() });
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                }
                catch (DbUpdateException)
                {
                    // Another instance made it first: use theirs.
                }

                db.ChangeTracker.Clear();
                stored = await db.ServerKeys.AsNoTracking().FirstAsync(k => k.Purpose == purpose, cancellationToken);
            }

            keys[purpose] = stored.Key;
            return stored.Key;
        }
        finally
        {
            loading.Release();
        }
    }
}
