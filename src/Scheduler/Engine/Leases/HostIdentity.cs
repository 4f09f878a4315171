namespace Pipeline.Scheduler.Engine.Leases;

/// <summary>
/// This process's name among the hosts sharing a store: it owns the leases of the attempts it runs and is its
/// Hangfire server name, so the run page and Hangfire's Servers page name a host the same way. A restarted
/// process gets a new name, so it never mistakes a dead predecessor's leases for its own.
/// </summary>
public sealed class HostIdentity
{
    public HostIdentity() => Name = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}".ToLowerInvariant();

    public string Name { get; }
}
