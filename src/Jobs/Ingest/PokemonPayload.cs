using System.Text.Json;
using Pipeline.Connectors.Apis.PokeApi;

namespace Pipeline.Jobs.Ingest;

/// <summary>A Pokémon as a /data object: date now, dados its number, and what it is like as extra fields.</summary>
public static class PokemonPayload
{
    public const string Tag = "pokemon";

    public static IngestRow From(Pokemon pokemon, DateTimeOffset now)
    {
        var date = now.ToUnixTimeSeconds();
        var json = JsonSerializer.Serialize(new
        {
            date,
            dados = (long)pokemon.Id,
            name = pokemon.Name,
            base_experience = pokemon.BaseExperience,
            height = pokemon.Height,
            weight = pokemon.Weight,
            types = pokemon.Types.OrderBy(t => t.Slot).Select(t => t.Type.Name).ToArray(),
        });
        return new IngestRow(date, pokemon.Id, json);
    }
}
