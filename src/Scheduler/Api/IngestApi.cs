using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Pipeline.Connectors.Lake;
using Pipeline.Jobs.Ingest;
using Pipeline.Scheduler.Access;
using Pipeline.Scheduler.Engine;
using Pipeline.Scheduler.Engine.Triggers;
using Pipeline.Scheduler.Pipelines;

namespace Pipeline.Scheduler.Api;

/// <summary>202: the payload is in the lake as <see cref="File"/> (bucket raw-data) and run <see cref="RunId"/> loads it.</summary>
public sealed record IngestAccepted(Guid RunId, string File, int Rows);

public static class IngestApi
{
    public const string DataTag = "data";

    public static IEndpointRouteBuilder MapIngestApi(this IEndpointRouteBuilder routes)
    {
        var feed = new PipelineTarget.Fixed(IngestPipeline.Name);
        routes.MapPost("/data", PostData).WithTags("Ingest").RequireOperator(feed).RequireRateLimiting(IngestRateLimit.Policy)
            .LimitBody(IngestPayloadParser.MaxBytes + 1).Accepts<JsonElement>("application/json");
        // The body is optional here, so any content type (or none) is read as JSON.
        routes.MapPost("/send-pokemon-data", SendPokemonData).WithTags("Ingest").RequireOperator(feed).RequireRateLimiting(IngestRateLimit.Policy);
        return routes;
    }

    /// <summary>
    /// <c>{"date": unix seconds, "dados": integer, ...}</c> or an array of up to 10,000 of them. With an
    /// Idempotency-Key header, sending the same request again answers the same run and loads nothing twice.
    /// </summary>
    public static async Task<Results<Accepted<IngestAccepted>, ValidationProblem, ProblemHttpResult>> PostData(
        HttpRequest request, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        RawDataFiles files, RunRequests runs, ILoggerFactory loggers, CancellationToken ct)
    {
        if (idempotencyKey is { Length: 0 or > 200 })
            return ApiProblems.Invalid("Idempotency-Key", "The Idempotency-Key header must have 1 to 200 characters.");
        var body = await BoundedBody.ReadAsync(request, IngestPayloadParser.MaxBytes, ct);
        if (body is null) return TooLarge();

        var (rows, errors) = IngestPayloadParser.Parse(body.Value);
        if (errors.Count > 0) return Invalid(errors);
        var idempotency = idempotencyKey is null ? null : new Idempotency(idempotencyKey, Convert.ToHexString(SHA256.HashData(body.Value.Span)));
        return await AcceptAsync(rows, DataTag, idempotency, files, runs, loggers, request.HttpContext, ct);
    }

    /// <summary>Optional <c>{"pokemon_id": N}</c> (default 1): that Pokémon from PokeAPI, sent as a /data payload tagged pokemon.</summary>
    public static async Task<Results<Accepted<IngestAccepted>, ValidationProblem, ProblemHttpResult>> SendPokemonData(
        HttpRequest request, PokemonLookup pokeApi, RawDataFiles files, RunRequests runs, TimeProvider clock,
        ILoggerFactory loggers, CancellationToken ct)
    {
        var body = await BoundedBody.ReadAsync(request, 64 * 1024, ct);
        if (body is null) return TooLarge();
        var (id, error) = PokemonRequest.Parse(body.Value);
        if (error is not null) return ApiProblems.Invalid(error.Field, error.Message);

        switch (await pokeApi.FindAsync(id, ct))
        {
            case PokemonLookupResult.Found found:
                return await AcceptAsync([PokemonPayload.From(found.Pokemon, clock.GetUtcNow())], PokemonPayload.Tag, null, files, runs, loggers, request.HttpContext, ct);
            case PokemonLookupResult.NotFound:
                return TypedResults.Problem($"PokeAPI has no Pokémon with id {id}.", statusCode: StatusCodes.Status404NotFound, title: "Pokémon not found");
            case PokemonLookupResult.Failed failed:
                return TypedResults.Problem(failed.Message, statusCode: StatusCodes.Status502BadGateway, title: "PokeAPI failed");
            case PokemonLookupResult.Unavailable unavailable:
                return TypedResults.Problem(unavailable.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "PokeAPI unavailable");
            default:
                throw new InvalidOperationException("Unknown PokeAPI lookup result.");
        }
    }

    /// <summary>A client's Idempotency-Key and the hash of the body it came with.</summary>
    private sealed record Idempotency(string Key, string BodyHash)
    {
        public string KeyHash => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Key))).ToLowerInvariant();
    }

    private static async Task<Results<Accepted<IngestAccepted>, ValidationProblem, ProblemHttpResult>> AcceptAsync(
        IReadOnlyList<IngestRow> rows, string tag, Idempotency? idempotency, RawDataFiles files, RunRequests runs,
        ILoggerFactory loggers, HttpContext http, CancellationToken ct)
    {
        string key;
        try
        {
            key = idempotency is null
                ? await files.WriteAsync(rows, tag, ct)
                : await files.WriteOnceAsync(idempotency.KeyHash, rows, tag, ct);
        }
        catch (LakeException e)
        {
            loggers.CreateLogger(typeof(IngestApi)).LogError(e, "The lake refused an ingest file");
            return TypedResults.Problem("The lake could not store the payload, so nothing was accepted; send it again later.",
                statusCode: StatusCodes.Status503ServiceUnavailable, title: "Lake unavailable");
        }

        // One file, one run: the file's key (or the client's Idempotency-Key) is the run's idempotency key, and the
        // body's hash a parameter, so the same key sent with another body is refused rather than silently ignored.
        var parameters = new Dictionary<string, string> { [LoadRawDataToWarehouse.FileParameter] = key };
        if (idempotency is not null) parameters["body_sha256"] = idempotency.BodyHash;
        Guid runId;
        try
        {
            runId = await runs.TriggerAsync(IngestPipeline.Name, null, parameters, "api",
                idempotency is null ? $"ingest:{key}" : $"ingest:{tag}:{idempotency.Key}", ct, ApiActors.From(http));
        }
        catch (RunConflictException)
        {
            return ApiProblems.Conflict("This Idempotency-Key was already used for a different body; use a new key for new data.");
        }
        return TypedResults.Accepted($"/api/runs/{runId}", new IngestAccepted(runId, $"{RawDataFiles.Bucket}/{key}", rows.Count));
    }

    private static ProblemHttpResult TooLarge() =>
        TypedResults.Problem($"The body is larger than {IngestPayloadParser.MaxBytes / 1024 / 1024} MB; split it into several requests.",
            statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload too large");

    private static ValidationProblem Invalid(IReadOnlyList<IngestPayloadError> errors) =>
        TypedResults.ValidationProblem(
            errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
            detail: errors.Count == 1 ? errors[0].Message : $"{errors.Count} fields are not valid; the first: {errors[0].Message}",
            title: errors.Count == 1 ? $"The field '{errors[0].Field}' is not valid." : "Some fields are not valid.");
}
