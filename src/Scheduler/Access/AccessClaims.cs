using System.Security.Claims;

namespace Pipeline.Scheduler.Access;

/// <summary>The claims every scheme leaves on a caller, so that one set of policies serves them all.</summary>
public static class AccessClaims
{
    /// <summary>A role as <see cref="RoleGrant"/> writes it; a caller may hold several.</summary>
    public const string Role = "pipeline_role";

    /// <summary>The id of the API key a machine called with.</summary>
    public const string KeyId = "pipeline_key";

    public static IReadOnlyList<RoleGrant> Grants(ClaimsPrincipal user)
    {
        var grants = new List<RoleGrant>();
        foreach (var claim in user.FindAll(Role))
        {
            if (RoleGrant.TryParse(claim.Value, out var grant)) grants.Add(grant);
        }
        return grants;
    }

    public static bool Allows(ClaimsPrincipal user, AccessLevel needed, string? pipeline) =>
        Grants(user).Any(g => g.Allows(needed, pipeline));

    /// <summary>A caller known by one of this host's own schemes (local, Basic, API key).</summary>
    public static ClaimsPrincipal Principal(string scheme, string name, RoleGrant role, params Claim[] extra)
    {
        var identity = new ClaimsIdentity(scheme, ClaimTypes.Name, Role);
        identity.AddClaim(new Claim(ClaimTypes.Name, name));
        identity.AddClaim(new Claim(Role, role.ToString()));
        identity.AddClaims(extra);
        return new ClaimsPrincipal(identity);
    }

    /// <summary>The name the audit trail gives the caller.</summary>
    public static string? Name(ClaimsPrincipal user) =>
        user.Identity?.Name ?? user.FindFirst("sub")?.Value;
}
