namespace Pipeline.Connectors.Apis.PokeApi;

/// <summary>The part of PokeAPI's Pokémon record the pipelines use; every other field is ignored.</summary>
public sealed record Pokemon(
    int Id,
    string Name,
    int? BaseExperience,
    int Height,
    int Weight,
    IReadOnlyList<PokemonTypeSlot> Types);

public sealed record PokemonTypeSlot(int Slot, NamedResource Type);

public sealed record NamedResource(string Name, string? Url);
