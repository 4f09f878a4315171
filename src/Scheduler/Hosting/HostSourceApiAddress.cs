using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Pipeline.Connectors.Apis.WindSource;

namespace Pipeline.Scheduler.Hosting;

/// <summary>
/// Where the wind ETL finds the source API: <c>WindEtl:SourceApi:Url</c> when set (a source system run
/// elsewhere), otherwise this host itself, which serves the API (the server on its configured URL, a CLI
/// command on a loopback port of its own). The host's address is known only once its server listens, so
/// the first callers wait for the host to have started; a host without an HTTP server gets a clear error
/// at once rather than a call that never returns.
/// </summary>
public sealed class HostSourceApiAddress(
    IOptions<WindSourceApiOptions> options, IServiceProvider services, IHostApplicationLifetime lifetime) : ISourceApiAddress
{
    public async Task<Uri> GetAsync(CancellationToken ct)
    {
        if (options.Value.Url is { Length: > 0 } configured) return new Uri(configured);

        var server = services.GetService<IServer>() ?? throw new InvalidOperationException(
            "WindEtl:SourceApi:Url is not set and this host has no HTTP server to serve the source API itself.");
        if (!lifetime.ApplicationStarted.IsCancellationRequested)
        {
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
            await started.Task.WaitAsync(ct);
        }

        // ASP.NET Core's in-memory TestServer reports the configured URLs as its addresses but listens on none:
        // calling them would reach whatever else listens there, or nothing.
        if (server.GetType().FullName == "Microsoft.AspNetCore.TestHost.TestServer")
            throw new InvalidOperationException(
                "WindEtl:SourceApi:Url is not set and this host's server is an in-memory TestServer with no address to call: " +
                "use Kestrel (WebApplicationFactory.UseKestrel) or set WindEtl:SourceApi:Url.");
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var address = addresses.OrderBy(a => a.StartsWith("https:", StringComparison.OrdinalIgnoreCase)).FirstOrDefault()
            ?? throw new InvalidOperationException("WindEtl:SourceApi:Url is not set and this host's server has no address to call.");
        return new Uri(Loopback(address));
    }

    /// <summary>A server bound to every interface (0.0.0.0, [::], + or *) is called on 127.0.0.1.</summary>
    private static string Loopback(string address)
    {
        var scheme = address.IndexOf("://", StringComparison.Ordinal);
        var rest = address[(scheme + 3)..];
        var port = rest.LastIndexOf(':');
        var host = port > 0 ? rest[..port] : rest;
        return host is "0.0.0.0" or "[::]" or "+" or "*"
            ? $"{address[..(scheme + 3)]}127.0.0.1{rest[host.Length..]}"
            : address;
    }
}
