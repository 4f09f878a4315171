using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Pipeline.Bench.Webhooks;

/// <summary>
/// The local HTTP endpoint the hosts' webhook points at (Kestrel, in this process): it notes when each run's
/// notification arrives (UTC, as the request comes in) and answers 200.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<Guid, ConcurrentQueue<DateTime>> _arrivals = new();

    private WebhookReceiver(WebApplication app) => _app = app;

    public string Url { get; private set; } = "";

    public static async Task<WebhookReceiver> StartAsync(CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var receiver = new WebhookReceiver(builder.Build());
        receiver._app.MapPost("/hook", receiver.ReceiveAsync);
        await receiver._app.StartAsync(ct);
        receiver.Url = receiver._app.Urls.First().TrimEnd('/') + "/hook"; // the port the server was given
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

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
