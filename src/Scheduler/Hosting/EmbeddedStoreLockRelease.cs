namespace Pipeline.Scheduler.Hosting;

/// <summary>Releases the embedded store's lock as the host stops (registered before the engine, so it stops after it).</summary>
public sealed class EmbeddedStoreLockRelease(EmbeddedStoreLock storeLock) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken)
    {
        storeLock.Dispose();
        return Task.CompletedTask;
    }
}
