using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace Pipeline.Scheduler.Access;

/// <summary>
/// One OpenID Connect provider, two ways in: JWT bearer tokens for the API, and for the dashboard a sign-in
/// (authorization code with PKCE) that leaves a cookie session. Both turn the provider's roles into ours.
/// </summary>
public static class OidcSchemes
{
    public static void Add(AuthenticationBuilder authentication, AccessOptions access)
    {
        if (!access.HasOidc) return;
        authentication.AddJwtBearer(AccessSchemes.Bearer, _ => { });
        authentication.Services.AddOptions<JwtBearerOptions>(AccessSchemes.Bearer)
            .Configure<IOptions<AccessOptions>>((o, options) => ConfigureBearer(o, options.Value.Oidc));
        if (!access.HasDashboardSignIn) return;

        authentication.AddCookie(AccessSchemes.Session, _ => { });
        authentication.Services.AddOptions<CookieAuthenticationOptions>(AccessSchemes.Session).Configure(ConfigureSession);
        authentication.AddOpenIdConnect(AccessSchemes.OpenIdConnect, _ => { });
        authentication.Services.AddOptions<OpenIdConnectOptions>(AccessSchemes.OpenIdConnect)
            .Configure<IOptions<AccessOptions>>((o, options) => ConfigureSignIn(o, options.Value.Oidc));
    }

    private static void ConfigureBearer(JwtBearerOptions o, OidcOptions oidc)
    {
        o.Authority = oidc.Authority;
        o.Audience = string.IsNullOrWhiteSpace(oidc.Audience) ? oidc.ClientId : oidc.Audience;
        o.RequireHttpsMetadata = oidc.RequireHttpsMetadata;
        o.MapInboundClaims = false;
        o.BackchannelTimeout = TimeSpan.FromSeconds(10);
        o.TokenValidationParameters.NameClaimType = oidc.NameClaim;
        o.TokenValidationParameters.RoleClaimType = AccessClaims.Role;
        o.Events = new JwtBearerEvents
        {
            OnTokenValidated = context => AddRoles(context.Principal, oidc),
            OnChallenge = context =>
            {
                // Say which schemes the host takes, as the other schemes' 401s do.
                context.HandleResponse();
                Challenges.Write(context.Response, context.HttpContext.RequestServices.GetRequiredService<IOptions<AccessOptions>>().Value,
                    error: context.AuthenticateFailure is null ? null : "invalid_token");
                return Task.CompletedTask;
            },
        };
    }

    private static void ConfigureSession(CookieAuthenticationOptions o)
    {
        o.Cookie.Name = AccessSchemes.SessionCookie;
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Lax;
        o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.ExpireTimeSpan = TimeSpan.FromHours(8);
        o.SlidingExpiration = true;
        o.ForwardChallenge = AccessSchemes.OpenIdConnect;
        o.Events.OnRedirectToAccessDenied = context =>
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        };
    }

    private static void ConfigureSignIn(OpenIdConnectOptions o, OidcOptions oidc)
    {
        o.Authority = oidc.Authority;
        o.ClientId = oidc.ClientId;
        o.ClientSecret = string.IsNullOrWhiteSpace(oidc.ClientSecret) ? null : oidc.ClientSecret;
        o.RequireHttpsMetadata = oidc.RequireHttpsMetadata;
        o.SignInScheme = AccessSchemes.Session;
        o.ResponseType = "code";
        // The code comes back in the query of a top-level GET: the correlation cookies can then be SameSite=Lax.
        o.ResponseMode = "query";
        o.UsePkce = true;
        o.SaveTokens = false;
        o.MapInboundClaims = false;
        o.GetClaimsFromUserInfoEndpoint = false;
        o.BackchannelTimeout = TimeSpan.FromSeconds(10);
        o.CorrelationCookie.SameSite = o.NonceCookie.SameSite = SameSiteMode.Lax;
        o.CorrelationCookie.SecurePolicy = o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.Scope.Clear();
        foreach (var scope in oidc.Scopes) o.Scope.Add(scope);
        o.TokenValidationParameters.NameClaimType = oidc.NameClaim;
        o.TokenValidationParameters.RoleClaimType = AccessClaims.Role;
        o.Events = new OpenIdConnectEvents
        {
            OnTokenValidated = context => AddRoles(context.Principal, oidc),
            OnRedirectToIdentityProviderForSignOut = context => EndProviderSession(context, oidc),
        };
    }

    /// <summary>
    /// Signing out ends the provider's session too, so the next sign-in asks again. No id token is kept to send as a
    /// hint (tokens are not saved), so the client id says who asks (RP-initiated logout). A provider without an
    /// end-session endpoint is not told: the browser goes straight back.
    /// </summary>
    private static Task EndProviderSession(RedirectContext context, OidcOptions oidc)
    {
        if (string.IsNullOrEmpty(context.ProtocolMessage.IssuerAddress))
        {
            context.Response.Redirect(context.Properties.RedirectUri ?? "/");
            context.HandleResponse();
            return Task.CompletedTask;
        }
        context.ProtocolMessage.ClientId = oidc.ClientId;
        return Task.CompletedTask;
    }

    private static Task AddRoles(ClaimsPrincipal? principal, OidcOptions oidc)
    {
        if (principal?.Identity is ClaimsIdentity identity) ProviderRoles.AddTo(identity, oidc);
        return Task.CompletedTask;
    }
}
