using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Pipeline.Scheduler.Access;

/// <summary>
/// The caller who sent no credentials: on this machine it gets Access:LocalRole (so the first
/// <c>dotnet run</c> works with no set-up); from elsewhere nothing, unless Access:AllowAnonymousRemote. Its
/// challenge sends a browser to the OpenID Connect provider when one is configured, and anyone else a 401.
/// </summary>
public sealed class LocalCallerHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptionsMonitor<AccessOptions> access)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var options = access.CurrentValue;
        var address = CallerPlace.Address(Context);
        string? role = CallerPlace.IsLocal(Context)
            ? options.LocalRole == AccessOptions.NoRole ? null : options.LocalRole
            : options.AllowAnonymousRemote ? options.AnonymousRemoteRole : null;
        if (role is null || !RoleGrant.TryParse(role, out var grant)) return Task.FromResult(AuthenticateResult.NoResult());
        var principal = AccessClaims.Principal(Scheme.Name, address, grant);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var options = access.CurrentValue;
        if (options.HasDashboardSignIn && IsPageRequest(Request))
            return Context.ChallengeAsync(AccessSchemes.OpenIdConnect, properties);
        Challenges.Write(Response, options);
        return Task.CompletedTask;
    }

    /// <summary>A browser asking for a page (not a script polling for JSON): it can follow a sign-in redirect.</summary>
    private static bool IsPageRequest(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);
}
