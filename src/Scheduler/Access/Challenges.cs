namespace Pipeline.Scheduler.Access;

/// <summary>The 401 answer for a caller without (valid) credentials: which schemes this host takes.</summary>
public static class Challenges
{
    public const string Realm = "Pipeline";

    public static void Write(HttpResponse response, AccessOptions access, string? error = null)
    {
        response.StatusCode = StatusCodes.Status401Unauthorized;
        var bearer = error is null ? $"Bearer realm=\"{Realm}\"" : $"Bearer realm=\"{Realm}\", error=\"invalid_token\"";
        // API keys are always taken (as a bearer token); Basic only where users are configured.
        response.Headers.WWWAuthenticate = access.HasBasicUsers
            ? new([$"Basic realm=\"{Realm}\", charset=\"UTF-8\"", bearer])
            : new(bearer);
    }
}
