using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Pipeline.Scheduler.Access;

/// <summary>
/// The ingest endpoints take at most Access:IngestRateLimit:PermitLimit requests per window from each caller
/// (signed-in name, else address); past that a 429 problem with Retry-After, so a runaway sender cannot fill the lake.
/// </summary>
public static class IngestRateLimit
{
    public const string Policy = "ingest";

    public static IServiceCollection AddIngestRateLimit(this IServiceCollection services) =>
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = RejectAsync;
            limiter.AddPolicy(Policy, http =>
            {
                var limit = http.RequestServices.GetRequiredService<IOptionsMonitor<AccessOptions>>().CurrentValue.IngestRateLimit;
                var caller = AccessClaims.Name(http.User) ?? CallerPlace.Address(http);
                return RateLimitPartition.GetFixedWindowLimiter($"{caller}|{limit.PermitLimit}|{limit.Window}", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limit.PermitLimit,
                    Window = limit.Window,
                    QueueLimit = 0,
                });
            });
        });

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken ct)
    {
        var response = context.HttpContext.Response;
        var after = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        await TypedResults.Problem($"Too many requests to the ingest endpoints; try again in {after.TotalSeconds:0} s.",
            statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests").ExecuteAsync(context.HttpContext);
    }
}
