using System.Text.Json.Serialization;

namespace Pipeline.Jobs.Breweries;

/// <summary>One row of gold: how many breweries of a type a location has.</summary>
public sealed record GoldBreweryCount
{
    [JsonPropertyName("location")] public string Location { get; set; } = "";
    [JsonPropertyName("brewery_type")] public string BreweryType { get; set; } = "";
    [JsonPropertyName("breweries")] public int Breweries { get; set; }
}
