using Microsoft.AspNetCore.Authorization;

namespace Pipeline.Scheduler.Access;

/// <summary>The three roles as authorization policies. Endpoints that say nothing get <see cref="Viewer"/> (the fallback).</summary>
public static class AccessPolicies
{
    public const string Viewer = "viewer";
    public const string Operator = "operator";
    public const string Admin = "admin";

    public static AuthorizationBuilder AddAccessPolicies(this AuthorizationBuilder authorization)
    {
        var viewer = Policy(AccessLevel.Viewer);
        return authorization
            .AddPolicy(Viewer, viewer)
            .AddPolicy(Operator, Policy(AccessLevel.Operator))
            .AddPolicy(Admin, Policy(AccessLevel.Admin))
            // Every endpoint and page, including one added later without a word about access: at least a viewer.
            .SetFallbackPolicy(viewer);
    }

    public static string For(AccessLevel level) => level switch
    {
        AccessLevel.Viewer => Viewer,
        AccessLevel.Operator => Operator,
        _ => Admin,
    };

    private static AuthorizationPolicy Policy(AccessLevel level) =>
        new AuthorizationPolicyBuilder().AddRequirements(new AccessRequirement(level)).Build();
}

/// <summary>The caller needs a role of at least this level (for an operator, of the pipeline the request acts on).</summary>
public sealed record AccessRequirement(AccessLevel Level) : IAuthorizationRequirement;
