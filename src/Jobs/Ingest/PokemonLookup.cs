using System.Net;
using Microsoft.Extensions.Logging;
using Pipeline.Connectors.Apis.PokeApi;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Pipeline.Jobs.Ingest;

/// <summary>What asking PokeAPI for a Pokémon came to.</summary>
public abstract record PokemonLookupResult
{
    public sealed record Found(Pokemon Pokemon) : PokemonLookupResult;

    public sealed record NotFound(int Id) : PokemonLookupResult;

    /// <summary>PokeAPI answered, but with an error (after retries): a bad gateway for our caller.</summary>
    public sealed record Failed(string Message) : PokemonLookupResult;

    /// <summary>PokeAPI could not be reached or did not answer in time (after retries).</summary>
    public sealed record Unavailable(string Message) : PokemonLookupResult;
}

/// <summary>Fetches one Pokémon through the resilient PokeAPI client and says plainly what happened.</summary>
public sealed class PokemonLookup(IPokeApi api, ILogger<PokemonLookup> logger)
{
    public async Task<PokemonLookupResult> FindAsync(int id, CancellationToken ct)
    {
        try
        {
            using var response = await api.GetPokemonAsync(id, ct);
            if (response.StatusCode == HttpStatusCode.NotFound) return new PokemonLookupResult.NotFound(id);
            if (response.IsSuccessful && response.Content is { } pokemon) return new PokemonLookupResult.Found(pokemon);

            if (response.StatusCode is null)
            {
                // No answer at all: Refit hands the transport failure (refused, timed out) over as the error.
                logger.LogWarning(response.Error, "PokeAPI could not be reached for Pokémon {Id}", id);
                return new PokemonLookupResult.Unavailable(
                    $"PokeAPI could not be reached for Pokémon {id} ({Reason(response.Error)}); try again later.");
            }
            logger.LogWarning(response.Error, "PokeAPI answered {Status} for Pokémon {Id}", (int?)response.StatusCode, id);
            return new PokemonLookupResult.Failed(response.StatusCode is { } status && (int)status >= 400
                ? $"PokeAPI answered HTTP {(int)status} for Pokémon {id}, also after retries."
                : $"PokeAPI's answer for Pokémon {id} was not a Pokémon record.");
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException or BrokenCircuitException
                                   || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            logger.LogWarning(e, "PokeAPI could not be reached for Pokémon {Id}", id);
            return new PokemonLookupResult.Unavailable($"PokeAPI could not be reached for Pokémon {id} ({Reason(e)}); try again later.");
        }
    }

    private static string Reason(Exception? error) => error switch
    {
        null => "no answer",
        TimeoutRejectedException => "it did not answer in time",
        BrokenCircuitException => "too many recent failures",
        _ when error.InnerException is { } inner && inner != error => Reason(inner),
        _ => error.Message,
    };
}
