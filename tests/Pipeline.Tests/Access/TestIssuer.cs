using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Pipeline.Tests.Access;

/// <summary>
/// A small OpenID Connect provider on a real loopback port: discovery document, JWKS, an authorize endpoint that
/// signs in <see cref="NextUser"/> at once (no login form), a token endpoint for the code flow with PKCE, and an
/// end-session endpoint that notes who ended a session (<see cref="EndedSessions"/>) and sends the browser back. Tokens
/// are RS256, signed with a key made for this instance; <see cref="Token"/> makes API bearer tokens directly.
/// </summary>
public sealed class TestIssuer : IAsyncDisposable
{
    public const string ClientId = "pipeline-dashboard";
    public const string ClientSecret = "issuer-test-secret";

    private readonly WebApplication _app;
    private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = "test-key" };
    private readonly ConcurrentDictionary<string, (string User, string[] Roles, string Nonce, string Challenge)> _codes = new();

    private TestIssuer(WebApplication app) => _app = app;

    public string Authority { get; private set; } = "";

    /// <summary>The client id of each end-session request (RP-initiated logout), in order.</summary>
    public ConcurrentQueue<string> EndedSessions { get; } = new();

    /// <summary>Who the authorize endpoint signs in next, and with which roles.</summary>
    public (string User, string[] Roles) NextUser { get; set; } = ("alice", ["viewer"]);

    public static async Task<TestIssuer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var issuer = new TestIssuer(builder.Build());
        issuer.Map();
        await issuer._app.StartAsync();
        issuer.Authority = issuer._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return issuer;
    }

    /// <summary>A signed access token for the API.</summary>
    public string Token(string user, string[] roles, string? audience = ClientId, TimeSpan? lifetime = null, string? nonce = null)
    {
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object> { ["sub"] = $"sub-{user}", ["preferred_username"] = user, ["roles"] = roles };
        if (nonce is not null) claims["nonce"] = nonce;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Authority,
            Audience = audience,
            Claims = claims,
            IssuedAt = now,
            NotBefore = now.AddMinutes(-1),
            Expires = now + (lifetime ?? TimeSpan.FromMinutes(10)),
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
        });
    }

    private void Map()
    {
        _app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Authority,
            ["authorization_endpoint"] = $"{Authority}/authorize",
            ["token_endpoint"] = $"{Authority}/token",
            ["jwks_uri"] = $"{Authority}/jwks",
            ["end_session_endpoint"] = $"{Authority}/endsession",
            ["response_types_supported"] = new[] { "code" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["code_challenge_methods_supported"] = new[] { "S256" },
        }));
        _app.MapGet("/jwks", () =>
        {
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(_key.Rsa.ExportParameters(false)) { KeyId = _key.KeyId });
            return Results.Json(new { keys = new[] { new { kty = jwk.Kty, kid = jwk.Kid, use = "sig", alg = "RS256", n = jwk.N, e = jwk.E } } });
        });
        _app.MapGet("/authorize", (HttpRequest request) =>
        {
            var q = request.Query;
            if (q["client_id"] != ClientId || q["response_type"] != "code" || q["code_challenge_method"] != "S256")
                return Results.BadRequest("unexpected authorize request");
            var code = Guid.NewGuid().ToString("N");
            _codes[code] = (NextUser.User, NextUser.Roles, q["nonce"].ToString(), q["code_challenge"].ToString());
            return Results.Redirect($"{q["redirect_uri"]}?code={code}&state={Uri.EscapeDataString(q["state"].ToString())}");
        });
        _app.MapGet("/endsession", (HttpRequest request) =>
        {
            var q = request.Query;
            if (q["client_id"] != ClientId || string.IsNullOrEmpty(q["post_logout_redirect_uri"]))
                return Results.BadRequest("unexpected end-session request");
            EndedSessions.Enqueue(q["client_id"].ToString());
            return Results.Redirect($"{q["post_logout_redirect_uri"]}?state={Uri.EscapeDataString(q["state"].ToString())}");
        });
        _app.MapPost("/token", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            if (form["client_id"] != ClientId || form["client_secret"] != ClientSecret || !_codes.TryRemove(form["code"].ToString(), out var grant))
                return Results.BadRequest(new { error = "invalid_grant" });
            var challenge = Base64UrlEncoder.Encode(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(form["code_verifier"].ToString())));
            if (challenge != grant.Challenge) return Results.BadRequest(new { error = "invalid_grant" });
            var idToken = Token(grant.User, grant.Roles, nonce: grant.Nonce);
            return Results.Json(new { access_token = idToken, id_token = idToken, token_type = "Bearer", expires_in = 600 });
        });
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
