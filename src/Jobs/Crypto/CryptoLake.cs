using System.Text.Json;
using Pipeline.Connectors.Lake;

namespace Pipeline.Jobs.Crypto;

/// <summary>
/// Where the crypto pipeline's data waits between tasks: the lake bucket crypto, one file per run and stage
/// (<c>markets/raw/date=…/{run}.json</c> as CoinGecko answered, <c>markets/processed/date=…/{run}.json</c> ready
/// to store). Keys are per run, so a retried task overwrites its own file and nothing else.
/// </summary>
public sealed class CryptoLake(ILake lake)
{
    public const string Bucket = "crypto";

    private ILakeBucket Files => lake.Bucket(Bucket);

    public static string RawKey(Guid runId, DateTimeOffset at) => $"markets/raw/date={at:yyyy-MM-dd}/{runId}.json";

    public static string ProcessedKey(Guid runId, DateTimeOffset at) => $"markets/processed/date={at:yyyy-MM-dd}/{runId}.json";

    public Task WriteTextAsync(string key, string text, CancellationToken ct) => Files.PutTextAsync(key, text, ct);

    public Task<string> ReadTextAsync(string key, CancellationToken ct) => Files.ReadTextAsync(key, ct);

    public Task WriteJsonAsync<T>(string key, T value, CancellationToken ct) => Files.PutTextAsync(key, JsonSerializer.Serialize(value), ct);

    public async Task<T> ReadJsonAsync<T>(string key, CancellationToken ct) =>
        JsonSerializer.Deserialize<T>(await Files.ReadTextAsync(key, ct))
        ?? throw new InvalidDataException($"{Bucket}/{key} holds no data.");
}
