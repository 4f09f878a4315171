using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Pipeline.Connectors.Lake;
using Pipeline.Jobs.Ingest;
using Pipeline.Scheduler.Engine.Triggers;
using Pipeline.Scheduler.Hosting;
using Pipeline.Scheduler.Pipelines;

namespace Pipeline.Scheduler.Api;

/// <summary>202: the payload is in the lake as <see cref="File"/> (bucket raw-data) and run <see cref="RunId"/> loads it.</summary>
public sealed record IngestAccepted(Guid RunId, string File, int Rows);

public static class IngestApi
{
    public const string DataTag = "data";

    public static IEndpointRouteBuilder MapIngestApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/data", PostData).WithTags("Ingest").RequireLocalOrCredentials()
            .Accepts<JsonElement>("application/json");
        // The body is optional here, so any content type (or none) is read as JSON.
        routes.MapPost("/send-pokemon-data", SendPokemonData).WithTags("Ingest").RequireLocalOrCredentials();
        return routes;
    }

    /// <summary><c>{"date": unix seconds, "dados": integer, ...}</c> or an array of up to 10,000 of them.</summary>
    public static async Task<Results<Accepted<IngestAccepted>, ValidationProblem, ProblemHttpResult>> PostData(
        HttpRequest request, RawDataFiles files, RunRequests runs, ILoggerFactory loggers, CancellationToken ct)
    {
        var body = await BoundedBody.ReadAsync(request, IngestPayloadParser.MaxBytes, ct);
        if (body is null) return TooLarge();

        var (rows, errors) = IngestPayloadParser.Parse(body.Value);
        if (errors.Count > 0) return Invalid(errors);
        return await AcceptAsync(rows, DataTag, files, runs, loggers, ct);
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
                return await AcceptAsync([PokemonPayload.From(found.Pokemon, clock.GetUtcNow())], PokemonPayload.Tag, files, runs, loggers, ct);
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

    private static async Task<Results<Accepted<IngestAccepted>, ValidationProblem, ProblemHttpResult>> AcceptAsync(
        IReadOnlyList<IngestRow> rows, string tag, RawDataFiles files, RunRequests runs, ILoggerFactory loggers, CancellationToken ct)
    {
        string key;
        try
        {
            key = await files.WriteAsync(rows, tag, ct);
        }
        catch (LakeException e)
        {
            loggers.CreateLogger(typeof(IngestApi)).LogError(e, "The lake refused an ingest file");
            return TypedResults.Problem("The lake could not store the payload, so nothing was accepted; send it again later.",
                statusCode: StatusCodes.Status503ServiceUnavailable, title: "Lake unavailable");
        }

        // The file's key is the run's idempotency key: one file, one run, even if this call is repeated internally.
        var runId = await runs.TriggerAsync(IngestPipeline.Name, null,
            new Dictionary<string, string> { [LoadRawDataToWarehouse.FileParameter] = key }, "api", $"ingest:{key}", ct);
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
