namespace Pipeline.Tests.Api;

/// <summary>A pipeline paused through the API until disposed: none of its runs starts by itself while a test acts.</summary>
public sealed class PausedPipeline : IAsyncDisposable
{
    private readonly HttpClient _client;
    private readonly string _pipeline;

    private PausedPipeline(HttpClient client, string pipeline)
    {
        _client = client;
        _pipeline = pipeline;
    }

    public static async Task<PausedPipeline> PauseAsync(HttpClient client, string pipeline)
    {
        (await client.PostAsync($"/api/pipelines/{pipeline}/pause", null, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        return new PausedPipeline(client, pipeline);
    }

    public async ValueTask DisposeAsync() =>
        (await _client.PostAsync($"/api/pipelines/{_pipeline}/unpause", null, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
}
