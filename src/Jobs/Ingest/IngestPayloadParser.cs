using System.Text.Json;

namespace Pipeline.Jobs.Ingest;

/// <summary>
/// Checks a POST /data body: one object <c>{"date": unix seconds, "dados": integer, ...}</c> or an array of
/// 1 to <see cref="MaxObjects"/> of them. Extra fields are kept. Every problem found is reported (up to
/// <see cref="MaxErrors"/>), each naming its field, so a caller fixes a batch in one go.
/// </summary>
public static class IngestPayloadParser
{
    public const int MaxBytes = 1024 * 1024;
    public const int MaxObjects = 10_000;
    public const int MaxErrors = 20;

    // The Unix seconds DateTimeOffset can represent: 0001-01-01 to 9999-12-31.
    private static readonly long MinUnixSeconds = DateTimeOffset.MinValue.ToUnixTimeSeconds();
    private static readonly long MaxUnixSeconds = DateTimeOffset.MaxValue.ToUnixTimeSeconds();

    public static (IReadOnlyList<IngestRow> Rows, IReadOnlyList<IngestPayloadError> Errors) Parse(ReadOnlyMemory<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            return ([], [new("body", $"The body is not valid JSON: {e.Message}")]);
        }

        using (document)
        {
            var root = document.RootElement;
            var errors = new List<IngestPayloadError>();
            var rows = new List<IngestRow>();
            switch (root.ValueKind)
            {
                case JsonValueKind.Object:
                    ParseObject(root, "", rows, errors);
                    break;
                case JsonValueKind.Array:
                    var count = root.GetArrayLength();
                    if (count == 0)
                        return ([], [new("body", "The body is an empty array; send at least one object.")]);
                    if (count > MaxObjects)
                        return ([], [new("body", $"The body is an array of {count:N0} objects; at most {MaxObjects:N0} are accepted per request.")]);
                    var index = 0;
                    foreach (var item in root.EnumerateArray())
                    {
                        if (errors.Count >= MaxErrors) break;
                        ParseObject(item, $"[{index}].", rows, errors);
                        index++;
                    }
                    break;
                default:
                    return ([], [new("body", $"The body must be a JSON object or an array of objects, not {Describe(root.ValueKind)}.")]);
            }
            return errors.Count > 0 ? ([], errors.Take(MaxErrors).ToList()) : (rows, []);
        }
    }

    private static void ParseObject(JsonElement item, string prefix, List<IngestRow> rows, List<IngestPayloadError> errors)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            var field = prefix.Length == 0 ? "body" : prefix.TrimEnd('.');
            errors.Add(new(field, $"'{field}' must be a JSON object with date and dados, not {Describe(item.ValueKind)}."));
            return;
        }

        var date = ReadDate(item, prefix + "date", errors);
        var dados = ReadInteger(item, "dados", prefix + "dados", errors);
        if (date is { } d && dados is { } n)
            rows.Add(new IngestRow(d, n, JsonSerializer.Serialize(item)));
    }

    private static long? ReadDate(JsonElement item, string field, List<IngestPayloadError> errors)
    {
        if (ReadInteger(item, "date", field, errors, "a Unix timestamp in whole seconds, e.g. 1700000000") is not { } seconds)
            return null;
        if (seconds < MinUnixSeconds || seconds > MaxUnixSeconds)
        {
            errors.Add(new(field, $"'{field}' is {seconds}, outside the Unix timestamps a date can have ({MinUnixSeconds} to {MaxUnixSeconds})."));
            return null;
        }
        return seconds;
    }

    private static long? ReadInteger(JsonElement item, string name, string field, List<IngestPayloadError> errors, string expected = "an integer")
    {
        if (!item.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            errors.Add(new(field, $"'{field}' is required: {expected}."));
            return null;
        }
        if (value.ValueKind != JsonValueKind.Number)
        {
            errors.Add(new(field, $"'{field}' must be {expected}, not {Describe(value.ValueKind)}."));
            return null;
        }
        if (!value.TryGetInt64(out var number))
        {
            errors.Add(new(field, $"'{field}' must be {expected}; {value.GetRawText()} is not a whole number in range."));
            return null;
        }
        return number;
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "nothing",
    };
}
