using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Pipeline.Bench.Webhooks;

/// <summary>
/// The local HTTP endpoint the hosts' webhook points at (Kestrel, in this process): it notes when each run's
/// notification arrives (UTC, as the request comes in) and answers 200. <see cref="DeadUrl"/> is a webhook that never
/// answers: each call waits until the host gives up on it.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<Guid, ConcurrentQueue<DateTime>> _arrivals = new();

    private WebhookReceiver(WebApplication app) => _app = app;

    public string Url { get; private set; } = "";

    public string DeadUrl { get; private set; } = "";

    public static async Task<WebhookReceiver> StartAsync(CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var receiver = new WebhookReceiver(builder.Build());
        receiver._app.MapPost("/hook", receiver.ReceiveAsync);
        receiver._app.MapPost("/dead", (Delegate)NeverAnswerAsync);
        await receiver._app.StartAsync(ct);
        var address = receiver._app.Urls.First().TrimEnd('/'); // with the port the server was given
        receiver.Url = address + "/hook";
        receiver.DeadUrl = address + "/dead";
        return receiver;
    }

    /// <summary>When each notification of the run arrived (more than one: it was sent again).</summary>
    public IReadOnlyList<DateTime> ArrivalsOf(Guid runId) => _arrivals.TryGetValue(runId, out var at) ? at.ToArray() : [];

    private async Task<IResult> ReceiveAsync(HttpRequest request)
    {
        var at = DateTime.UtcNow;
        using var body = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
        // A summary lists its runs; a single notification lists itself.
        foreach (var run in body.RootElement.GetProperty("runs").EnumerateArray())
            if (run.GetProperty("runId").GetString() is { } id)
                _arrivals.GetOrAdd(Guid.Parse(id), _ => new()).Enqueue(at);
        return Results.Ok();
    }

    private static async Task<IResult> NeverAnswerAsync(HttpContext context)
    {
        try { await Task.Delay(Timeout.Infinite, context.RequestAborted); }
        catch (OperationCanceledException) { /* the host gave up on the call */ }
        return Results.StatusCode(503);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
