using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Pipeline.Scheduler.Access.ApiKeys;

/// <summary>A machine's API key, sent as <c>Authorization: Bearer pipe_…</c> or in the X-Api-Key header.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyStore keys,
    IOptionsMonitor<AccessOptions> access)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = Request.Headers[ApiKeyFormat.Header].ToString();
        if (presented.Length == 0 && AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header)
            && string.Equals(header.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase))
            presented = header.Parameter ?? "";
        if (presented.Length == 0) return AuthenticateResult.NoResult();

        var (key, refusal) = await keys.CheckAsync(presented.Trim(), Context.RequestAborted);
        if (key is null) return AuthenticateResult.Fail(refusal ?? "Unknown API key.");
        var principal = AccessClaims.Principal(Scheme.Name, $"key:{key.Name}#{key.Id}", RoleGrant.Parse(key.Role),
            new Claim(AccessClaims.KeyId, key.Id));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Challenges.Write(Response, access.CurrentValue, error: "invalid_token");
        return Task.CompletedTask;
    }
}
