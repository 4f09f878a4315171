using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Pipeline.Scheduler.Access.ApiKeys;

namespace Pipeline.Scheduler.Access;

/// <summary>
/// The authentication schemes, and the one that picks among them by what the request carries, so that every
/// endpoint and dashboard page goes through the same policies whatever the caller signed in with.
/// </summary>
public static class AccessSchemes
{
    /// <summary>The default scheme: forwards to one of the others (<see cref="Select"/>).</summary>
    public const string Selector = "Pipeline";

    /// <summary>A caller on this machine (or anyone, when anonymous remote access is allowed) without credentials.</summary>
    public const string Local = "Local";

    public const string Basic = "Basic";
    public const string ApiKey = "ApiKey";
    public const string Bearer = JwtBearerDefaults.AuthenticationScheme;
    public const string Session = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string OpenIdConnect = OpenIdConnectDefaults.AuthenticationScheme;

    public const string SessionCookie = ".Pipeline.Session";

    /// <summary>
    /// Credentials that are present are always checked (a wrong one is a 401, even from loopback); a request
    /// without any is the local or anonymous caller's.
    /// </summary>
    public static string Select(HttpContext http, AccessOptions access)
    {
        var request = http.Request;
        var authorization = request.Headers.Authorization.ToString();
        if (request.Headers.ContainsKey(ApiKeyFormat.Header)) return ApiKey;
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return authorization.AsSpan(7).Trim().StartsWith(ApiKeyFormat.Prefix, StringComparison.Ordinal) || !access.HasOidc ? ApiKey : Bearer;
        if (authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return Basic;
        if (access.HasDashboardSignIn && request.Cookies.ContainsKey(SessionCookie)) return Session;
        return Local;
    }

    /// <summary>Whether the caller is signed in through the dashboard's session cookie (and so can sign out).</summary>
    public static bool IsSession(HttpContext http) =>
        http.User.Identity?.IsAuthenticated == true
        && Select(http, http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<AccessOptions>>().CurrentValue) == Session;
}
