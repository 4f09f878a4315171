using System.Text.Json;
using Pipeline.Jobs.Ingest;

namespace Pipeline.Scheduler.Api;

/// <summary>The optional body of POST /send-pokemon-data: <c>{"pokemon_id": N}</c>, N a positive integer, 1 when absent.</summary>
public sealed record PokemonRequest(int Id, IngestPayloadError? Error)
{
    public const string Field = "pokemon_id";

    public static PokemonRequest Parse(ReadOnlyMemory<byte> body)
    {
        if (body.Span.Trim(" \t\r\n"u8).IsEmpty) return new PokemonRequest(1, null);
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return Refuse("body", "The body must be a JSON object such as {\"pokemon_id\": 25}, or empty.");
            if (!root.TryGetProperty(Field, out var value) || value.ValueKind == JsonValueKind.Null) return new PokemonRequest(1, null);
            if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var id) && id > 0) return new PokemonRequest(id, null);
            return Refuse(Field, $"'{Field}' must be a positive integer, not {value.GetRawText()}.");
        }
        catch (JsonException e)
        {
            return Refuse("body", $"The body is not valid JSON: {e.Message}");
        }
    }

    private static PokemonRequest Refuse(string field, string message) => new(0, new IngestPayloadError(field, message));
}
