namespace Pipeline.Scheduler.Engine.Store;

/// <summary>
/// The host's writers to the embedded run store take turns here before SQLite's one write lock. Waiting for that lock in
/// SQLite's busy handler means sleeping 1, 2, 5, 10, 25… ms between tries, so a writer that waits there loses every time to
/// one that is let in the moment the holder commits (the hand-written success path, <see cref="SqliteTransitionConnection"/>),
/// and the run ends left to EF took tens of milliseconds each. Here every transaction of the host waits in one queue and
/// goes in as soon as the one before it is done; SQLite's lock stays the guard (other processes, statements outside
/// transactions, and a writer that gave up waiting here).
/// </summary>
public sealed class SqliteWriteGate
{
    /// <summary>
    /// After this, a writer goes on to SQLite's own busy handler without its turn: a transaction that waited here for one the
    /// same code path holds would otherwise never end, where SQLite times out (after the same 60 s) and says so.
    /// </summary>
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(60);

    private readonly SemaphoreSlim _turn = new(1, 1);

    /// <summary>True when the caller has its turn and must <see cref="Leave"/>; false when it goes on without it.</summary>
    public Task<bool> EnterAsync(CancellationToken ct) => _turn.WaitAsync(MaxWait, ct);

    public bool Enter() => _turn.Wait(MaxWait);

    public void Leave() => _turn.Release();
}
