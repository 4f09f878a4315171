using System.Security.Claims;
using System.Text.Json;

namespace Pipeline.Scheduler.Access;

/// <summary>
/// Turns the roles an OpenID Connect provider puts in its tokens into <see cref="AccessClaims.Role"/> claims: the
/// configured claim (a dotted path such as <c>realm_access.roles</c> reads into Keycloak's JSON claim), each value
/// renamed through <see cref="OidcOptions.RoleNames"/>; values that are no role of ours are ignored.
/// </summary>
public static class ProviderRoles
{
    public static void AddTo(ClaimsIdentity identity, OidcOptions oidc)
    {
        // Read them all before adding: the new claims go into the same identity.
        foreach (var value in Values(identity, oidc.RoleClaim).ToList())
        {
            var ours = oidc.RoleNames.GetValueOrDefault(value, value);
            if (RoleGrant.TryParse(ours, out var grant) && !identity.HasClaim(AccessClaims.Role, grant.ToString()))
                identity.AddClaim(new Claim(AccessClaims.Role, grant.ToString()));
        }
    }

    private static IEnumerable<string> Values(ClaimsIdentity identity, string claimPath)
    {
        var dot = claimPath.IndexOf('.');
        if (dot < 0) return identity.FindAll(claimPath).SelectMany(c => Expand(c.Value));
        var path = claimPath[(dot + 1)..].Split('.');
        return identity.FindAll(claimPath[..dot]).SelectMany(c => FromJson(c.Value, path));
    }

    /// <summary>A claim may hold a JSON array when the token's value was one.</summary>
    private static IEnumerable<string> Expand(string value) =>
        value.StartsWith('[') ? FromJson(value, []) : [value];

    private static IEnumerable<string> FromJson(string json, string[] path)
    {
        JsonElement element;
        try
        {
            element = JsonDocument.Parse(json).RootElement;
        }
        catch (JsonException)
        {
            return [];
        }
        foreach (var step in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(step, out element)) return [];
        }
        return element.ValueKind switch
        {
            JsonValueKind.Array => element.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList(),
            JsonValueKind.String => [element.GetString()!],
            _ => [],
        };
    }
}
