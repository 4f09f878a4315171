using Microsoft.AspNetCore.Authorization;

namespace Pipeline.Scheduler.Access;

/// <summary>
/// Decides <see cref="AccessRequirement"/> from the caller's roles. An operator of one pipeline only is checked
/// against the pipeline the request acts on: the resource (a pipeline name from a dashboard form) or, for an
/// endpoint, what its <see cref="PipelineTarget"/> points at.
/// </summary>
public sealed class AccessHandler(PipelineOfRequest pipelines) : AuthorizationHandler<AccessRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, AccessRequirement requirement)
    {
        var grants = AccessClaims.Grants(context.User);
        if (grants.Any(g => g.Allows(requirement.Level, pipeline: null)))
        {
            context.Succeed(requirement);
            return;
        }
        if (requirement.Level != AccessLevel.Operator || !grants.Any(g => g.Pipeline is not null)) return;

        var pipeline = context.Resource switch
        {
            string name => name,
            HttpContext http => await pipelines.FindAsync(http),
            _ => null,
        };
        if (pipeline is not null && grants.Any(g => g.Allows(requirement.Level, pipeline))) context.Succeed(requirement);
    }
}
