namespace Pipeline.Connectors.Sql;

/// <summary>
/// Runs an action once per process, the first time it is needed; a failed attempt (a database not up yet)
/// is tried again by the next caller instead of being remembered.
/// </summary>
public sealed class Once(Func<CancellationToken, Task> action)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _done;

    public async Task RunAsync(CancellationToken ct)
    {
        if (_done) return;
        await _gate.WaitAsync(ct);
        try
        {
            if (_done) return;
            await action(ct);
            _done = true;
        }
        finally
        {
            _gate.Release();
        }
    }
}
