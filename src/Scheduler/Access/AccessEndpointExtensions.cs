using Microsoft.AspNetCore.Http.Metadata;

namespace Pipeline.Scheduler.Access;

/// <summary>How an endpoint says who may call it. Saying nothing means viewer (the fallback policy).</summary>
public static class AccessEndpointExtensions
{
    /// <summary>Operators of every pipeline, and operators of the one <paramref name="target"/> names.</summary>
    public static TBuilder RequireOperator<TBuilder>(this TBuilder builder, PipelineTarget target) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(AccessPolicies.Operator).WithMetadata(target);

    public static TBuilder RequireAdmin<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(AccessPolicies.Admin);

    /// <summary>The most an endpoint reads from a request body; past it the server answers 413.</summary>
    public static TBuilder LimitBody<TBuilder>(this TBuilder builder, long maxBytes) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new BodySizeLimit(maxBytes));

    private sealed record BodySizeLimit(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;
}
