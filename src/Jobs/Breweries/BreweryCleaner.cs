using System.Globalization;
using System.Text.Json;

namespace Pipeline.Jobs.Breweries;

/// <summary>
/// Turns bronze objects into silver rows, one at a time, counting what it drops and repairs: strings trimmed,
/// empty values made null, brewery types lowercased, coordinates made numbers (null when unreadable or out of
/// range), the deprecated <c>state</c> used when <c>state_province</c> is missing, and duplicate ids dropped
/// (the first one is kept).
/// </summary>
public sealed class BreweryCleaner
{
    public const string NotAnObject = "not a JSON object";
    public const string MissingId = "missing id";
    public const string DuplicateId = "duplicate id";
    public const string Trimmed = "whitespace trimmed";
    public const string EmptyToNull = "empty value made null";
    public const string TypeLowercased = "brewery type lowercased";
    public const string TypeMissing = "brewery type missing (unknown)";
    public const string CoordinateText = "coordinate given as text";
    public const string CoordinateUnreadable = "coordinate unreadable (null)";
    public const string CoordinateOutOfRange = "coordinate out of range (null)";
    public const string StateFromDeprecated = "state_province taken from state";
    public const string NoLocation = "no state or province (location unknown)";

    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _dropped = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _repaired = new(StringComparer.Ordinal);
    private readonly HashSet<string> _rowRepairs = new(StringComparer.Ordinal);
    private int _rows;
    private int _repairedRows;

    public SilverQuality Quality(int silverRows, int locations) =>
        new(_rows, silverRows, locations, new SortedDictionary<string, int>(_dropped, StringComparer.Ordinal),
            new SortedDictionary<string, int>(_repaired, StringComparer.Ordinal), _repairedRows);

    /// <summary>The cleaned row, or null when the object is dropped (and counted).</summary>
    public SilverBrewery? Clean(JsonElement source)
    {
        _rows++;
        if (source.ValueKind != JsonValueKind.Object) return Drop(NotAnObject);
        _rowRepairs.Clear();

        var id = Text(source, "id");
        if (id is null) return Drop(MissingId);
        if (!_ids.Add(id)) return Drop(DuplicateId);

        var state = Text(source, "state_province");
        if (state is null && Text(source, "state") is { } deprecated)
        {
            state = deprecated;
            Repair(StateFromDeprecated);
        }
        if (state is null) Repair(NoLocation);

        var row = new SilverBrewery
        {
            Id = id,
            Name = Text(source, "name"),
            BreweryType = BreweryType(source),
            Address1 = Text(source, "address_1") ?? Text(source, "street"),
            Address2 = Text(source, "address_2"),
            Address3 = Text(source, "address_3"),
            City = Text(source, "city"),
            StateProvince = state,
            PostalCode = Text(source, "postal_code"),
            Country = Text(source, "country"),
            Phone = Text(source, "phone"),
            WebsiteUrl = Text(source, "website_url"),
            Longitude = Coordinate(source, "longitude", 180),
            Latitude = Coordinate(source, "latitude", 90),
        };

        foreach (var reason in _rowRepairs) _repaired[reason] = _repaired.GetValueOrDefault(reason) + 1;
        if (_rowRepairs.Count > 0) _repairedRows++;
        return row;
    }

    private SilverBrewery? Drop(string reason)
    {
        _dropped[reason] = _dropped.GetValueOrDefault(reason) + 1;
        return null;
    }

    private void Repair(string reason) => _rowRepairs.Add(reason);

    private string BreweryType(JsonElement source)
    {
        var type = Text(source, "brewery_type");
        if (type is null)
        {
            Repair(TypeMissing);
            return BreweryKeys.Unknown;
        }
        var lower = type.ToLowerInvariant();
        if (lower != type) Repair(TypeLowercased);
        return lower;
    }

    private string? Text(JsonElement source, string name)
    {
        if (!source.TryGetProperty(name, out var value)) return null;
        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
            _ => null,
        };
        if (text is null) return null;
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            Repair(EmptyToNull);
            return null;
        }
        if (trimmed.Length != text.Length) Repair(Trimmed);
        return trimmed;
    }

    private double? Coordinate(JsonElement source, string name, double limit)
    {
        if (!source.TryGetProperty(name, out var value)) return null;
        double number;
        switch (value.ValueKind)
        {
            case JsonValueKind.Number:
                number = value.GetDouble();
                break;
            case JsonValueKind.String when string.IsNullOrWhiteSpace(value.GetString()):
                Repair(EmptyToNull);
                return null;
            case JsonValueKind.String when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out number):
                Repair(CoordinateText);
                break;
            case JsonValueKind.Null:
                return null;
            default:
                Repair(CoordinateUnreadable);
                return null;
        }
        if (double.IsFinite(number) && Math.Abs(number) <= limit) return number;
        Repair(CoordinateOutOfRange);
        return null;
    }
}
