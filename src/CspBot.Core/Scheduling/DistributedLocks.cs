using Hangfire;
using Hangfire.Storage;

namespace CspBot.Core.Scheduling;

/// <summary>
/// Mutual exclusion across every instance of the app, held in Hangfire's storage: the shared database with SQL Server
/// (sp_getapplock) and PostgreSQL (Hangfire.PostgreSql's lock table), the process with in-memory storage (used only
/// with SQLite, a single instance). Scheduled work that reads and then writes (a reminder run, the digest, numbering a
/// report version) takes one, so the same work started on two instances at once runs one after the other and the
/// second finds the first's result, instead of both deciding alike and one failing on a unique key.
/// </summary>
public sealed class DistributedLocks(JobStorage storage)
{
    /// <summary>How long to wait for another instance to finish the same work before giving up (and failing the run).</summary>
    public static readonly TimeSpan Wait = TimeSpan.FromMinutes(2);

    /// <summary>Waits for and takes the lock named <paramref name="resource"/>; dispose the result to release it.</summary>
    public async Task<IDisposable> AcquireAsync(string resource, CancellationToken cancellationToken)
    {
        // Hangfire's lock API blocks while it waits: keep that off the caller's thread.
        return await Task.Run(() =>
        {
            var connection = storage.GetConnection();
            try
            {
                return (IDisposable)new Held(connection, connection.AcquireDistributedLock("cspbot:" + resource, Wait));
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }, cancellationToken);
    }

    private sealed class Held(IStorageConnection connection, IDisposable handle) : IDisposable
    {
        public void Dispose()
        {
            handle.Dispose();
            connection.Dispose();
        }
    }
}
