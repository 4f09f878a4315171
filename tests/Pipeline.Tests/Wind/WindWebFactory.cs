using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Connectors.WindSource;
using Pipeline.Connectors.WindSource.Seeding;
using Pipeline.Connectors.WindTarget;
using Pipeline.Scheduler.Engine.Queries;
using Pipeline.Scheduler.Engine.Store;
using Pipeline.Scheduler.Engine.Triggers;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Wind;

/// <summary>
/// The real host (Program) on a real Kestrel port on loopback, so that wind-etl's extract calls the
/// host's own source API over HTTP exactly as the server does in production.
/// </summary>
public class WindWebFactory : PipelineWebFactory
{
    public WindWebFactory() : this(0) { }

    /// <summary>A host on a fixed port, to stop and bring back on the same address.</summary>
    public static WindWebFactory OnPort(int port) => new(port);

    private WindWebFactory(int port)
    {
        UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        Settings["Engine:QueuePollInterval"] = "00:00:00.050";
        Settings["Engine:LogFlushInterval"] = "00:00:00.200";
        Settings["WindEtl:TaskRetryDelay"] = "00:00:01";
        Settings["WindEtl:SourceApi:RetryDelay"] = "00:00:00.050";
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public async Task<RunDetail> RunDayAsync(string day, int seconds = 90)
    {
        var id = await Get<RunRequests>().TriggerAsync("wind-etl", day, null, "test", null, Ct);
        return await WaitForEndAsync(id, seconds);
    }

    public Task<RunDetail> WaitForEndAsync(Guid id, int seconds = 90) =>
        Eventually.ReturnsAsync(async () => (await Get<RunQueries>().GetAsync(id, CancellationToken.None))!,
            r => r.Run.State.IsTerminal(), TimeSpan.FromSeconds(seconds), $"run {id} to end");

    public Task<IReadOnlyList<SignalValue>> DataAsync(DateTimeOffset start, DateTimeOffset end) =>
        Get<WindTargetStore>().ReadDataAsync(start.UtcDateTime, end.UtcDateTime, Ct);

    public Task SeedAsync(DateOnly from, DateOnly to) =>
        Get<SourceSeeder>().SeedAsync(from, to, null, Ct);

    public Task<long> ImportAsync(IReadOnlyList<SourceReading> readings) => Get<SourceSeeder>().ImportAsync(readings, Ct);

    /// <summary>A loopback port that was free a moment ago, for a host that must come back on the same address.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>The pipeline's days in Europe/Zurich, for the daylight-saving tests.</summary>
public sealed class ZurichWindFactory : WindWebFactory
{
    public ZurichWindFactory()
    {
        Settings["WindEtl:TimeZone"] = "Europe/Zurich";
        Settings["WindEtl:FirstDay"] = "2024-03-01";
    }
}
