using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pipeline.Connectors.Apis.OpenBreweryDb;
using Pipeline.Connectors.Lake;

namespace Pipeline.Jobs.Breweries;

/// <summary>
/// extract_bronze: reads every page of Open Brewery DB until an empty one and keeps what the API sent, each
/// brewery's JSON as received, in one array: <c>bronze/data/breweries/date=.../breweries_raw.json</c>.
/// The client retries 5xx and 429 (honouring Retry-After) on its own; what still fails fails the task.
/// </summary>
public sealed class ExtractBronze(IOpenBreweryDbApi api, ILake lake, IOptions<BreweriesOptions> options) : IJob
{
    public async Task<JobResult> RunAsync(JobContext context)
    {
        var day = BreweryDay.Of(context);
        var bucket = lake.Bucket(options.Value.Bucket);
        return await LayerErrorLog.RunAsync(bucket, BreweryKeys.ErrorLogs("bronze", day), context, async () =>
        {
            var settings = options.Value;
            var ct = context.CancellationToken;
            using var raw = new MemoryStream();
            var rows = 0;
            var pages = 0;
            await using (var writer = new Utf8JsonWriter(raw, new JsonWriterOptions { Indented = false, SkipValidation = true }))
            {
                writer.WriteStartArray();
                for (var page = 1; ; page++)
                {
                    if (page > settings.MaxPages)
                        throw new InvalidOperationException(
                            $"The API still sent breweries on page {settings.MaxPages} (Breweries:MaxPages): stopped rather than read forever.");
                    var json = await api.ListBreweriesAsync(page, settings.PageSize, ct);
                    using var document = ParsePage(json, page);
                    var count = document.RootElement.GetArrayLength();
                    if (count == 0) break;
                    foreach (var brewery in document.RootElement.EnumerateArray())
                        writer.WriteRawValue(brewery.GetRawText(), skipInputValidation: true);
                    rows += count;
                    pages = page;
                    if (page % 10 == 0) context.Logger.LogInformation("Read {Pages} pages, {Rows} breweries so far", page, rows);
                }
                writer.WriteEndArray();
            }

            if (rows == 0)
                throw new DataQualityException("The API sent no breweries at all: its first page was empty.");
            raw.Position = 0;
            var key = BreweryKeys.Bronze(day);
            await bucket.PutAsync(key, raw, ct);
            context.Logger.LogInformation("Bronze: {Rows} breweries from {Pages} pages ({Bytes} bytes) in {Bucket}/{Key}",
                rows, pages, raw.Length, bucket.Name, key);
            context.Progress.Report(1);
            return new JobResult(JsonSerializer.Serialize(new { rows, pages, key }));
        });
    }

    private static JsonDocument ParsePage(string json, int page)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Page {page} of the API is not JSON: {e.Message}", e);
        }
        if (document.RootElement.ValueKind == JsonValueKind.Array) return document;
        document.Dispose();
        throw new InvalidDataException($"Page {page} of the API is not a JSON array but {json[..Math.Min(json.Length, 120)]}");
    }
}
