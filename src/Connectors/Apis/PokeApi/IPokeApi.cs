using Refit;

namespace Pipeline.Connectors.Apis.PokeApi;

/// <summary>PokeAPI (https://pokeapi.co): one Pokémon by its number. An unknown number answers 404.</summary>
public interface IPokeApi
{
    [Get("/api/v2/pokemon/{id}")]
    Task<IApiResponse<Pokemon>> GetPokemonAsync(int id, CancellationToken cancellationToken);
}
