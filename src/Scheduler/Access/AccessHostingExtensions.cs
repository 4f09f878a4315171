using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.Extensions.Options;
using Pipeline.Scheduler.Access.ApiKeys;

namespace Pipeline.Scheduler.Access;

/// <summary>Access control with ASP.NET Core's own authentication and authorization (docs/access.md).</summary>
public static class AccessHostingExtensions
{
    public static WebApplicationBuilder AddPipelineAccess(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var section = builder.Configuration.GetSection(AccessOptions.Section);
        services.AddOptions<AccessOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AccessOptions>, AccessOptionsValidator>();
        // Which schemes exist is decided once, at start-up, from the settings as they are then.
        var access = section.Get<AccessOptions>() ?? new AccessOptions();

        services.AddSingleton<BasicCredentials>();
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<PipelineOfRequest>();
        services.AddSingleton<IAuthorizationHandler, AccessHandler>();
        services.AddSingleton<RemoteExposureGuard>();
        services.AddHostedService(sp => sp.GetRequiredService<RemoteExposureGuard>());

        var authentication = services.AddAuthentication(AccessSchemes.Selector)
            .AddPolicyScheme(AccessSchemes.Selector, "Pipeline", o => o.ForwardDefaultSelector = http =>
                AccessSchemes.Select(http, http.RequestServices.GetRequiredService<IOptionsMonitor<AccessOptions>>().CurrentValue))
            .AddScheme<AuthenticationSchemeOptions, LocalCallerHandler>(AccessSchemes.Local, null)
            .AddScheme<AuthenticationSchemeOptions, BasicAuthenticationHandler>(AccessSchemes.Basic, null)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(AccessSchemes.ApiKey, null);
        OidcSchemes.Add(authentication, access);
        services.AddAuthorizationBuilder().AddAccessPolicies();
        services.AddIngestRateLimit();

        services.AddOptions<HstsOptions>().Configure<IOptions<AccessOptions>>((o, options) => o.MaxAge = options.Value.HstsMaxAge);
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Believed only from the proxies named in the settings, never from loopback by default.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in access.KnownProxies)
            {
                if (IPAddress.TryParse(proxy, out var address)) o.KnownProxies.Add(address);
                else if (System.Net.IPNetwork.TryParse(proxy, out var network)) o.KnownIPNetworks.Add(network);
            }
        });
        return builder;
    }

    /// <summary>
    /// Before the endpoints: the caller's real address (and scheme), HSTS when asked for, security headers, who the
    /// caller is, rate limits, what they may do.
    /// </summary>
    public static WebApplication UsePipelineAccess(this WebApplication app)
    {
        var access = app.Services.GetRequiredService<IOptions<AccessOptions>>().Value;
        if (access.KnownProxies.Count > 0) app.UseForwardedHeaders();
        // After the forwarded headers: behind a known proxy that ends TLS, X-Forwarded-Proto says the request was HTTPS.
        // Never in Development, where a browser would remember it for a name it uses for other work too.
        if (access.Hsts && !app.Environment.IsDevelopment()) app.UseHsts();
        app.UseSecurityHeaders();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }
}
