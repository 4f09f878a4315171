using Pipeline.Scheduler.Access;
using Pipeline.Scheduler.Engine.Controls;

namespace Pipeline.Scheduler.Api;

/// <summary>
/// Who is calling, for the audit trail: the name the caller signed in with (a user, <c>key:NAME#ID</c> for an API
/// key, the address for a caller on this machine) and the address the request came from. A client may add who it
/// acts for in X-Pipeline-Actor (the CLI sends its user and machine); that part is recorded as the client said it,
/// in brackets.
/// </summary>
public static class ApiActors
{
    public const string Header = "X-Pipeline-Actor";

    public static Actor From(HttpContext http, string channel = "api")
    {
        var address = CallerPlace.Address(http);
        var who = AccessClaims.Name(http.User) ?? address;
        var said = http.Request.Headers[Header].ToString().Trim();
        return new Actor(said.Length == 0 ? $"{channel}:{who}" : $"{channel}:{who} ({said})", address);
    }
}
