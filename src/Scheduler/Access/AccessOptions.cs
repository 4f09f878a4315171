namespace Pipeline.Scheduler.Access;

/// <summary>
/// Who may do what (section "Access"; docs/access.md). Callers on this machine get <see cref="LocalRole"/> without
/// credentials; anyone else signs in (OpenID Connect, a JWT, an API key or a Basic user) unless
/// <see cref="AllowAnonymousRemote"/> is set on purpose.
/// </summary>
public sealed class AccessOptions
{
    public const string Section = "Access";
    public const string NoRole = "none";

    /// <summary>The role of a caller on loopback without credentials; <c>none</c> makes them sign in like anyone else.</summary>
    public string LocalRole { get; set; } = "admin";

    /// <summary>Lets callers from other machines in without credentials, with <see cref="AnonymousRemoteRole"/>.</summary>
    public bool AllowAnonymousRemote { get; set; }

    public string AnonymousRemoteRole { get; set; } = "viewer";

    /// <summary>Whether /metrics answers without credentials (the /health probes always do).</summary>
    public bool OpenMetrics { get; set; } = true;

    /// <summary>Reverse proxies (addresses, or networks as 10.0.0.0/8) whose X-Forwarded-For and -Proto are believed.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Basic users by name, for small installs: a password hash (the <c>hash-password</c> command) and a role.</summary>
    public Dictionary<string, BasicUserOptions> Users { get; set; } = new(StringComparer.Ordinal);

    public OidcOptions Oidc { get; set; } = new();

    public IngestRateLimitOptions IngestRateLimit { get; set; } = new();

    /// <summary>The largest body the API's JSON endpoints and the dashboard's forms accept (ingest has its own).</summary>
    public int MaxBodyBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// Whether this host sends Strict-Transport-Security on HTTPS answers (never in Development). Off by default: TLS
    /// usually ends at the reverse proxy, which is then the place for it.
    /// </summary>
    public bool Hsts { get; set; }

    /// <summary>How long a browser keeps to HTTPS for this host after seeing the header.</summary>
    public TimeSpan HstsMaxAge { get; set; } = TimeSpan.FromDays(365);

    /// <summary>Replaced by <see cref="Users"/>; set, they stop the start with a message saying so.</summary>
    public string? Username { get; set; }

    /// <inheritdoc cref="Username"/>
    public string? Password { get; set; }

    public bool HasOidc => !string.IsNullOrWhiteSpace(Oidc.Authority);
    public bool HasDashboardSignIn => HasOidc && !string.IsNullOrWhiteSpace(Oidc.ClientId);
    public bool HasBasicUsers => Users.Count > 0;
}

public sealed class BasicUserOptions
{
    public string PasswordHash { get; set; } = "";
    public string Role { get; set; } = "viewer";
}

/// <summary>One OpenID Connect provider: sign-in for the dashboard (cookie session) and JWT bearer tokens for the API.</summary>
public sealed class OidcOptions
{
    /// <summary>The issuer, e.g. https://keycloak.example/realms/pipeline; its /.well-known/openid-configuration is read.</summary>
    public string? Authority { get; set; }

    /// <summary>The dashboard's client; without it only bearer tokens are accepted.</summary>
    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>The audience API tokens must carry; the client id when left out.</summary>
    public string? Audience { get; set; }

    /// <summary>The claim holding the caller's roles (Entra app roles and a Keycloak mapper both use <c>roles</c>).</summary>
    public string RoleClaim { get; set; } = "roles";

    public string NameClaim { get; set; } = "preferred_username";

    public List<string> Scopes { get; set; } = ["openid", "profile"];

    /// <summary>The provider's role names that differ from ours, e.g. "pipeline-admins": "admin".</summary>
    public Dictionary<string, string> RoleNames { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Off only for a provider on this machine over plain HTTP (tests, a local Keycloak).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;
}

/// <summary>The ingest endpoints' rate limit, per caller (user, key or address): a fixed window.</summary>
public sealed class IngestRateLimitOptions
{
    public int PermitLimit { get; set; } = 600;
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
