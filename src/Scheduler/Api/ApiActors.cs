using System.Net;
using System.Text;
using Pipeline.Scheduler.Engine.Controls;

namespace Pipeline.Scheduler.Api;

/// <summary>
/// Who is calling, for the audit trail: the Basic user when the call came from another machine (AccessGuard has
/// checked the password then), else the caller's address. A client may add who it acts for in X-Pipeline-Actor
/// (the CLI sends its user and machine); that part is recorded as the client said it, in brackets.
/// </summary>
public static class ApiActors
{
    public const string Header = "X-Pipeline-Actor";

    public static Actor From(HttpContext http, string channel = "api")
    {
        var remote = http.Connection.RemoteIpAddress;
        var verifiedUser = remote is not null && !IPAddress.IsLoopback(remote) ? BasicUser(http.Request) : null;
        var who = verifiedUser ?? remote?.ToString() ?? "unknown";
        var said = http.Request.Headers[Header].ToString().Trim();
        return new Actor(said.Length == 0 ? $"{channel}:{who}" : $"{channel}:{who} ({said})");
    }

    private static string? BasicUser(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return null;
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
            var separator = decoded.IndexOf(':');
            return separator > 0 ? decoded[..separator] : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
