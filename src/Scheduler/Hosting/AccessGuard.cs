using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Pipeline.Scheduler.Hosting;

/// <summary>Open from localhost; from anywhere else only with the configured Basic credentials.</summary>
public sealed class AccessGuard(IOptionsMonitor<AccessOptions> options)
{
    public const string Challenge = "Basic realm=\"Pipeline\", charset=\"UTF-8\"";

    public bool IsAllowed(HttpContext context)
    {
        var remote = context.Connection.RemoteIpAddress;
        if (remote is not null && IPAddress.IsLoopback(remote)) return true;

        var access = options.CurrentValue;
        if (string.IsNullOrEmpty(access.Username) || string.IsNullOrEmpty(access.Password)) return false;

        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return false;
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
        }
        catch (FormatException)
        {
            return false;
        }

        var separator = decoded.IndexOf(':');
        if (separator < 0) return false;
        return FixedTimeEquals(decoded[..separator], access.Username) & FixedTimeEquals(decoded[(separator + 1)..], access.Password);
    }

    private static bool FixedTimeEquals(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(given)),
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
