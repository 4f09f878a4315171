namespace Pipeline.Connectors.Lake;

/// <summary>The Content-Type an object is stored with on S3, from its key's extension (browsers and consoles use it).</summary>
internal static class ContentTypes
{
    public static string For(string key) => Path.GetExtension(key).ToLowerInvariant() switch
    {
        ".json" => "application/json",
        ".jsonl" or ".ndjson" => "application/x-ndjson",
        ".parquet" => "application/vnd.apache.parquet",
        ".csv" => "text/csv",
        ".txt" or ".log" => "text/plain; charset=utf-8",
        ".png" => "image/png",
        ".html" => "text/html; charset=utf-8",
        _ => "application/octet-stream",
    };
}
