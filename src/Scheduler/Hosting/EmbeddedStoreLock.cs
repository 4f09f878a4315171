namespace Pipeline.Scheduler.Hosting;

/// <summary>
/// Embedded mode keeps Hangfire's jobs in one process's memory, so two processes on the same SQLite store
/// (a server and a CLI command, say) would each think the other's unfinished tasks were orphans and run
/// them again. Holding an exclusive lock on a file beside the store makes the second one stop with a clear
/// message instead.
/// </summary>
public sealed class EmbeddedStoreLock : IDisposable
{
    private readonly FileStream _lock;

    private EmbeddedStoreLock(FileStream handle) => _lock = handle;

    public static EmbeddedStoreLock Acquire(string storePath)
    {
        var path = storePath + ".lock";
        try
        {
            return new EmbeddedStoreLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException)
        {
            throw new EmbeddedStoreBusyException(
                $"Another Pipeline process is using the embedded store {storePath}. Stop it, trigger runs through it " +
                "(POST /api/pipelines/{name}/runs), or set ConnectionStrings:Postgres so that several processes can share PostgreSQL.");
        }
    }

    public void Dispose() => _lock.Dispose();
}

public sealed class EmbeddedStoreBusyException(string message) : Exception(message);
