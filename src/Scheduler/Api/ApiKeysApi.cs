using Microsoft.AspNetCore.Http.HttpResults;
using Pipeline.Scheduler.Access;
using Pipeline.Scheduler.Access.ApiKeys;
using Pipeline.Scheduler.Engine;

namespace Pipeline.Scheduler.Api;

/// <param name="Role">viewer, operator, admin or operator:PIPELINE.</param>
/// <param name="ExpiresAt">When the key stops working (UTC); left out, never.</param>
public sealed record ApiKeyRequest(string? Name, string? Role, DateTime? ExpiresAt = null);

/// <summary>The key's secret is in <see cref="Key"/>, this once; the server keeps only its hash.</summary>
public sealed record ApiKeyCreated(string Key, ApiKeyView ApiKey);

/// <summary>API keys for machines: made, listed and revoked by admins.</summary>
public static class ApiKeysApi
{
    public static RouteGroupBuilder MapApiKeysApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/api-keys").WithTags("Access").RequireAdmin();
        api.MapGet("/", ListKeys);
        api.MapPost("/", CreateKey);
        api.MapPost("/{id}/revoke", RevokeKey);
        return api;
    }

    public static async Task<Ok<IReadOnlyList<ApiKeyView>>> ListKeys(ApiKeyStore keys, CancellationToken ct) =>
        TypedResults.Ok(await keys.ListAsync(ct));

    public static async Task<Results<Created<ApiKeyCreated>, ValidationProblem>> CreateKey(
        ApiKeyRequest request, ApiKeyStore keys, HttpContext http, CancellationToken ct)
    {
        try
        {
            var created = await keys.CreateAsync(request.Name, request.Role, request.ExpiresAt, ApiActors.From(http), ct);
            return TypedResults.Created($"/api/api-keys/{created.View.Id}", new ApiKeyCreated(created.Key, created.View));
        }
        catch (InvalidRequestException invalid)
        {
            return ApiProblems.Invalid(invalid.Field, invalid.Message);
        }
    }

    public static async Task<Results<Ok<ApiKeyView>, ProblemHttpResult>> RevokeKey(string id, ApiKeyStore keys, HttpContext http, CancellationToken ct) =>
        await keys.RevokeAsync(id, ApiActors.From(http), ct) is { } revoked
            ? TypedResults.Ok(revoked)
            : TypedResults.Problem($"There is no API key '{id}'.", statusCode: StatusCodes.Status404NotFound, title: "API key not found");
}
