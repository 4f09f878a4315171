using RabbitMQ.Client;

namespace Pipeline.Scheduler.Hosting.Health;

/// <summary>
/// The connection AspNetCore.HealthChecks.Rabbitmq opens a channel on: one for the host's life, replaced
/// when it closes, so that a probe every second does not open a connection every second.
/// </summary>
public sealed class RabbitMqProbeConnection(string uri, TimeSpan timeout) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IConnection? _connection;

    public async Task<IConnection> GetAsync()
    {
        if (_connection is { IsOpen: true } open) return open;
        await _gate.WaitAsync();
        try
        {
            if (_connection is { IsOpen: true } other) return other;
            if (_connection is not null) await _connection.DisposeAsync();
            _connection = null;
            var factory = new ConnectionFactory
            {
                Uri = new Uri(uri),
                ClientProvidedName = "pipeline-health",
                RequestedConnectionTimeout = timeout,
                ContinuationTimeout = timeout,
                HandshakeContinuationTimeout = timeout,
                AutomaticRecoveryEnabled = false,
            };
            using var cts = new CancellationTokenSource(timeout);
            _connection = await factory.CreateConnectionAsync(cts.Token);
            return _connection;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null) await _connection.DisposeAsync();
        _gate.Dispose();
    }
}
