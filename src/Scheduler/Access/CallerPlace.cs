using System.Net;

namespace Pipeline.Scheduler.Access;

/// <summary>Where a request comes from, as far as this host can tell.</summary>
public static class CallerPlace
{
    /// <summary>
    /// From this machine: a loopback peer whose request carries no forwarding header. A proxy on this machine
    /// that is not in Access:KnownProxies leaves its X-Forwarded-For in place, so what it forwards is never local.
    /// </summary>
    public static bool IsLocal(HttpContext http) =>
        http.Connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote)
        && !http.Request.Headers.ContainsKey("X-Forwarded-For") && !http.Request.Headers.ContainsKey("Forwarded");

    public static string Address(HttpContext http) =>
        http.Connection.RemoteIpAddress is { } remote ? (remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote).ToString() : "unknown";
}
