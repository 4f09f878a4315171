using System.Text.Json;
using Pipeline.Jobs.Breweries;

namespace Pipeline.Tests.Unit;

public sealed class BreweryCleanerTests
{
    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement;

    [Fact]
    public void Coordinates_become_numbers_or_null_and_every_repair_is_counted_once_per_row()
    {
        var cleaner = new BreweryCleaner();

        var row = cleaner.Clean(Json("""
            {"id": " b1 ", "name": "", "brewery_type": "Micro", "state_province": null, "state": "Ohio",
             "longitude": "-84.5", "latitude": 123.4, "city": "  Cincinnati  "}
            """))!;

        Assert.Equal("b1", row.Id);
        Assert.Null(row.Name);
        Assert.Equal("micro", row.BreweryType);
        Assert.Equal("Ohio", row.StateProvince);
        Assert.Equal(-84.5, row.Longitude);
        Assert.Null(row.Latitude);
        Assert.Equal("Cincinnati", row.City);
        var quality = cleaner.Quality(silverRows: 1, locations: 1);
        Assert.Equal(1, quality.RepairedRows);
        Assert.Equal(new Dictionary<string, int>
        {
            [BreweryCleaner.CoordinateOutOfRange] = 1,
            [BreweryCleaner.CoordinateText] = 1,
            [BreweryCleaner.EmptyToNull] = 1,
            [BreweryCleaner.StateFromDeprecated] = 1,
            [BreweryCleaner.Trimmed] = 1,
            [BreweryCleaner.TypeLowercased] = 1,
        }, quality.Repaired);
    }

    [Fact]
    public void Rows_without_id_duplicates_and_non_objects_are_dropped_and_counted()
    {
        var cleaner = new BreweryCleaner();

        Assert.NotNull(cleaner.Clean(Json("""{"id": "a", "brewery_type": "micro", "state_province": "Ohio"}""")));
        Assert.Null(cleaner.Clean(Json("""{"id": "a", "brewery_type": "nano", "state_province": "Utah"}""")));
        Assert.Null(cleaner.Clean(Json("""{"id": "  ", "brewery_type": "micro"}""")));
        Assert.Null(cleaner.Clean(Json("""["not", "an", "object"]""")));
        var missing = cleaner.Clean(Json("""{"id": "b", "longitude": "east"}"""))!;

        Assert.Equal(BreweryKeys.Unknown, missing.BreweryType);
        Assert.Equal(BreweryKeys.Unknown, BreweryKeys.Location(missing.StateProvince));
        var quality = cleaner.Quality(silverRows: 2, locations: 2);
        Assert.Equal((5, 3), (quality.BronzeRows, quality.DroppedRows));
        Assert.Equal(1, quality.Dropped[BreweryCleaner.DuplicateId]);
        Assert.Equal(1, quality.Dropped[BreweryCleaner.MissingId]);
        Assert.Equal(1, quality.Dropped[BreweryCleaner.NotAnObject]);
        Assert.Equal(1, quality.Repaired[BreweryCleaner.CoordinateUnreadable]);
        Assert.Equal(1, quality.Repaired[BreweryCleaner.NoLocation]);
        Assert.Equal(1, quality.Repaired[BreweryCleaner.TypeMissing]);
    }

    [Theory]
    [InlineData("São Paulo", "São Paulo")]
    [InlineData("Kärnten / Carinthia", "Kärnten - Carinthia")]
    [InlineData(" ..", "unknown")]
    [InlineData("", "unknown")]
    [InlineData(null, "unknown")]
    public void A_location_is_readable_and_always_a_valid_key_segment(string? state, string expected) =>
        Assert.Equal(expected, BreweryKeys.Location(state));
}
