using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Pipeline.Scheduler.Access;

/// <summary>HTTP Basic for the users in Access:Users (small installs; use it over HTTPS only).</summary>
public sealed class BasicAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory logger,
    UrlEncoder encoder,
    BasicCredentials credentials,
    IOptionsMonitor<AccessOptions> access)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase))
            return Task.FromResult(AuthenticateResult.NoResult());

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter ?? ""));
        }
        catch (FormatException)
        {
            return Task.FromResult(AuthenticateResult.Fail("The Basic credentials are not base64."));
        }
        var separator = decoded.IndexOf(':');
        if (separator <= 0) return Task.FromResult(AuthenticateResult.Fail("The Basic credentials have no user name."));
        var user = decoded[..separator];
        if (credentials.Check(user, decoded[(separator + 1)..]) is not { } role)
            return Task.FromResult(AuthenticateResult.Fail("Unknown Basic user or wrong password."));
        var principal = AccessClaims.Principal(Scheme.Name, user, role);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Challenges.Write(Response, access.CurrentValue);
        return Task.CompletedTask;
    }
}
