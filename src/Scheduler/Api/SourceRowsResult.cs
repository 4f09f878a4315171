using System.Text.Json;
using Pipeline.Connectors.WindSource;

namespace Pipeline.Scheduler.Api;

/// <summary>
/// Writes the source rows as a JSON array straight to the response, a row at a time as the database
/// hands them over, flushing every few thousand rows: a year of minutes never sits in memory. Only the
/// chosen variables are written (null where the source has no value).
/// </summary>
public sealed class SourceRowsResult(IAsyncEnumerable<SourceReading> rows, IReadOnlyList<string> variables) : IResult
{
    private const int RowsPerFlush = 2000;

    public async Task ExecuteAsync(HttpContext http)
    {
        var ct = http.RequestAborted;
        await using var reading = rows.GetAsyncEnumerator(ct);
        // The query runs before the answer starts: a source that cannot be read is a 500, which clients retry, not a 200 cut short.
        var more = await reading.MoveNextAsync();
        http.Response.ContentType = "application/json; charset=utf-8";
        await using var json = new Utf8JsonWriter(http.Response.BodyWriter.AsStream());
        json.WriteStartArray();
        var written = 0;
        for (; more; more = await reading.MoveNextAsync())
        {
            var row = reading.Current;
            json.WriteStartObject();
            json.WriteString("timestamp", DateTime.SpecifyKind(row.Timestamp, DateTimeKind.Utc));
            foreach (var variable in variables)
            {
                if (SourceVariable.ValueOf(row, variable) is { } value) json.WriteNumber(variable, value);
                else json.WriteNull(variable);
            }
            json.WriteEndObject();
            if (++written % RowsPerFlush == 0) await json.FlushAsync(ct);
        }
        json.WriteEndArray();
        await json.FlushAsync(ct);
    }
}
