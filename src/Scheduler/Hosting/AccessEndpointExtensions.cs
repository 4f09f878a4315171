namespace Pipeline.Scheduler.Hosting;

public static class AccessEndpointExtensions
{
    /// <summary>Refuses the endpoint (401 with a Basic challenge) to remote callers without the configured credentials.</summary>
    public static TBuilder RequireLocalOrCredentials<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (http.RequestServices.GetRequiredService<AccessGuard>().IsAllowed(http)) return await next(context);
            http.Response.Headers.WWWAuthenticate = AccessGuard.Challenge;
            return TypedResults.Problem("This action needs credentials when called from another machine.",
                statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");
        });
}
