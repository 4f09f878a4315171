using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Pipeline.Scheduler.Access.ApiKeys;
using Pipeline.Scheduler.Api;
using Pipeline.Scheduler.Engine;
using Pipeline.Scheduler.Engine.Controls;
using Pipeline.Scheduler.Engine.Queries;
using Polly;
using Polly.Retry;

namespace Pipeline.Scheduler.Cli;

/// <summary>
/// The operator commands through a running server's API, so that the command line need not join the cluster (or open
/// the embedded store a server holds). Answers that refuse become the same exceptions the engine throws, with the
/// server's own words. Reads are retried with backoff; changes are sent once.
/// </summary>
public sealed class HttpOperatorClient : IOperatorClient, IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private readonly HttpClient _http;
    private readonly ResiliencePipeline<HttpResponseMessage> _reads = new ResiliencePipelineBuilder<HttpResponseMessage>()
        .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
        {
            MaxRetryAttempts = 3,
            BackoffType = DelayBackoffType.Exponential,
            Delay = TimeSpan.FromMilliseconds(300),
            ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                .Handle<HttpRequestException>()
                .HandleResult(r => (int)r.StatusCode >= 500),
        })
        .Build();

    public HttpOperatorClient(CliServerOptions server, Actor actor, HttpMessageHandler? handler = null)
    {
        _http = handler is null ? new HttpClient() : new HttpClient(handler);
        _http.BaseAddress = server.Address;
        _http.Timeout = server.Timeout;
        _http.DefaultRequestHeaders.Add(ApiActors.Header, actor.Name);
        if (!string.IsNullOrWhiteSpace(server.ApiKey))
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.ApiKey.Trim());
        else if (server.Credentials() is { } credentials)
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
    }

    public Task<PipelinePauses.PipelineState> PauseAsync(string pipeline, CancellationToken ct) =>
        PostAsync<PipelinePauses.PipelineState>($"api/pipelines/{Uri.EscapeDataString(pipeline)}/pause", null, ct);

    public Task<PipelinePauses.PipelineState> UnpauseAsync(string pipeline, CancellationToken ct) =>
        PostAsync<PipelinePauses.PipelineState>($"api/pipelines/{Uri.EscapeDataString(pipeline)}/unpause", null, ct);

    public Task<Page<BackfillSummary>> ListBackfillsAsync(string? pipeline, CancellationToken ct) =>
        GetAsync<Page<BackfillSummary>>($"api/backfills?pageSize={RunQueries.MaxPageSize}" + (pipeline is null ? "" : $"&pipeline={Uri.EscapeDataString(pipeline)}"), ct);

    public Task<BackfillDetail> GetBackfillAsync(Guid id, CancellationToken ct) => GetAsync<BackfillDetail>($"api/backfills/{id}", ct);

    public Task<BackfillControl.CancelOutcome> CancelBackfillAsync(Guid id, CancellationToken ct) =>
        PostAsync<BackfillControl.CancelOutcome>($"api/backfills/{id}/cancel", null, ct);

    public Task<BackfillControl.RetryOutcome> RetryFailedAsync(Guid id, CancellationToken ct) =>
        PostAsync<BackfillControl.RetryOutcome>($"api/backfills/{id}/retry-failed", null, ct);

    public Task<TaskClearing.Outcome> ClearAsync(string pipeline, TaskClearing.Request request, CancellationToken ct) =>
        PostAsync<TaskClearing.Outcome>($"api/pipelines/{Uri.EscapeDataString(pipeline)}/clear",
            new ClearRequest(request.From, request.To, request.Tasks?.ToList(), request.Downstream, request.Only), ct);

    public Task<ApiKeyCreated> CreateApiKeyAsync(string name, string role, DateTime? expiresAt, CancellationToken ct) =>
        PostAsync<ApiKeyCreated>("api/api-keys", new ApiKeyRequest(name, role, expiresAt), ct);

    public Task<IReadOnlyList<ApiKeyView>> ListApiKeysAsync(CancellationToken ct) => GetAsync<IReadOnlyList<ApiKeyView>>("api/api-keys", ct);

    public Task<ApiKeyView> RevokeApiKeyAsync(string id, CancellationToken ct) =>
        PostAsync<ApiKeyView>($"api/api-keys/{Uri.EscapeDataString(id)}/revoke", null, ct);

    private async Task<T> GetAsync<T>(string path, CancellationToken ct)
    {
        using var response = await _reads.ExecuteAsync(async token => await _http.GetAsync(path, token), ct);
        return await ReadAsync<T>(response, ct);
    }

    private async Task<T> PostAsync<T>(string path, object? body, CancellationToken ct)
    {
        using var response = await _http.PostAsync(path, body is null ? null : JsonContent.Create(body, options: Json), ct);
        return await ReadAsync<T>(response, ct);
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode)
            return await response.Content.ReadFromJsonAsync<T>(Json, ct)
                   ?? throw new InvalidOperationException($"The server answered {(int)response.StatusCode} with no body.");

        var problem = await ProblemAsync(response, ct);
        var detail = problem?.Detail ?? $"The server answered {(int)response.StatusCode} {response.ReasonPhrase}.";
        throw response.StatusCode switch
        {
            HttpStatusCode.BadRequest when problem?.Errors?.FirstOrDefault() is { Key: var field } => new InvalidRequestException(field, detail),
            HttpStatusCode.BadRequest or HttpStatusCode.NotFound => new CliRefusal(detail, CliApp.BadInput),
            HttpStatusCode.Conflict => new CliRefusal(detail, CliApp.RunFailed),
            HttpStatusCode.Unauthorized => new CliRefusal(
                "The server wants credentials: an API key (--api-key, or Cli:ApiKey / the Cli__ApiKey variable), or a Basic user in the --server URL " +
                $"(http://user:password@host) or in Cli:Username and Cli:Password. {detail}",
                CliApp.Unavailable),
            HttpStatusCode.Forbidden => new CliRefusal($"The server refused: these credentials do not allow it. {detail}", CliApp.Unavailable),
            _ => new CliRefusal($"The server answered {(int)response.StatusCode}: {detail}", CliApp.Unavailable),
        };
    }

    private static async Task<Problem?> ProblemAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<Problem>(Json, ct);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record Problem(string? Title, string? Detail, Dictionary<string, string[]>? Errors);

    public void Dispose() => _http.Dispose();
}
