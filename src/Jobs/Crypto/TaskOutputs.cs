using System.Text.Json;

namespace Pipeline.Jobs.Crypto;

/// <summary>What the crypto tasks hand each other through the run store: small JSON records naming lake files.</summary>
public static class TaskOutputs
{
    public sealed record Fetched(string File, int Coins);

    public sealed record Published(string Topic, int Messages);

    public sealed record Processed(string File, int Received, int Rejected, int Snapshots);

    public sealed record Stored(int New, int AlreadyThere);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Write<T>(T output) => JsonSerializer.Serialize(output, Json);

    public static T Read<T>(Pipeline.Jobs.JobContext context, string task) =>
        context.UpstreamOutputs.GetValueOrDefault(task) is { } json && JsonSerializer.Deserialize<T>(json, Json) is { } output
            ? output
            : throw new InvalidOperationException($"The upstream task '{task}' left no output to continue from.");
}
