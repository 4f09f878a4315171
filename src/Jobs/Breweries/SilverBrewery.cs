using System.Text.Json.Serialization;

namespace Pipeline.Jobs.Breweries;

/// <summary>A cleaned brewery: one row of silver, with the source's column names.</summary>
public sealed record SilverBrewery
{
    [JsonPropertyName("id")] public string Id { get; set; } = "";
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("brewery_type")] public string BreweryType { get; set; } = "";
    [JsonPropertyName("address_1")] public string? Address1 { get; set; }
    [JsonPropertyName("address_2")] public string? Address2 { get; set; }
    [JsonPropertyName("address_3")] public string? Address3 { get; set; }
    [JsonPropertyName("city")] public string? City { get; set; }
    [JsonPropertyName("state_province")] public string? StateProvince { get; set; }
    [JsonPropertyName("postal_code")] public string? PostalCode { get; set; }
    [JsonPropertyName("country")] public string? Country { get; set; }
    [JsonPropertyName("phone")] public string? Phone { get; set; }
    [JsonPropertyName("website_url")] public string? WebsiteUrl { get; set; }
    [JsonPropertyName("longitude")] public double? Longitude { get; set; }
    [JsonPropertyName("latitude")] public double? Latitude { get; set; }

    /// <summary>The columns gold and the gates rely on.</summary>
    public static readonly string[] RequiredColumns = ["id", "brewery_type", "state_province"];
}
