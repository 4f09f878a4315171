using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Pipeline.Scheduler.Access.ApiKeys;

namespace Pipeline.Scheduler.Access;

/// <summary>
/// Once the server listens, looks at where: on an address other machines can reach, with no way for them to sign
/// in (no OpenID Connect, no Basic user, no active API key), the host stops with a message, unless
/// Access:AllowAnonymousRemote was set on purpose, which it then warns about. (Until it stops, such a server
/// answers other machines 401 anyway: nobody there can sign in.)
/// </summary>
public sealed class RemoteExposureGuard(
    IServer server,
    IOptions<AccessOptions> options,
    ApiKeyStore keys,
    IHostApplicationLifetime lifetime,
    ILogger<RemoteExposureGuard> logger) : IHostedLifecycleService
{
    /// <summary>Why the host stopped itself; Program prints it and exits 1.</summary>
    public string? Refusal { get; private set; }

    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var remote = addresses.Where(IsReachableFromElsewhere).ToList();
        if (remote.Count == 0) return;

        var access = options.Value;
        if (access.AllowAnonymousRemote)
        {
            logger.LogWarning("Access: anyone who can reach {Addresses} is let in without credentials as {Role} (Access:AllowAnonymousRemote=true)",
                string.Join(", ", remote), access.AnonymousRemoteRole);
            return;
        }
        if (access.HasOidc || access.HasBasicUsers || await keys.AnyActiveAsync(cancellationToken)) return;
        Refusal =
            $"This server listens on {string.Join(", ", remote)}, which other machines can reach, but no one there could sign in. " +
            "Configure Access:Oidc or Access:Users, create an API key (api-keys create), listen on localhost only, " +
            "or set Access:AllowAnonymousRemote=true on purpose (docs/access.md).";
        logger.LogCritical("Access: {Refusal}", Refusal);
        lifetime.StopApplication();
    }

    /// <summary>Anything but a loopback address or the name localhost: 0.0.0.0, [::], *, +, a host name, a public address.</summary>
    public static bool IsReachableFromElsewhere(string address)
    {
        var host = BindingHost(address);
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)) return false;
        return !(IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
    }

    private static string BindingHost(string address)
    {
        var start = address.IndexOf("://", StringComparison.Ordinal);
        var rest = start < 0 ? address : address[(start + 3)..];
        var end = rest.StartsWith('[') ? rest.IndexOf(']') + 1 : rest.IndexOfAny([':', '/']);
        return end <= 0 ? rest : rest[..end];
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
