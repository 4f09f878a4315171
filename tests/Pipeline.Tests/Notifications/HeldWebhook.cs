using System.Collections.Concurrent;
using System.Text.Json;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Pipeline.Tests.Notifications;

/// <summary>
/// A webhook receiver (WireMock.Net) whose answer a fault test changes as it goes: one status for every request, or,
/// for the next request only, an action run the moment it arrives (the test freezes the host that sent it) and an
/// answer held back until the test gives it. While a request is held every other one is refused (503), so nothing is
/// accepted behind the test's back (on a loaded machine a host's earlier call, timed out, may arrive late). Every
/// request is kept with the status it was answered with.
/// </summary>
public sealed class HeldWebhook : IDisposable
{
    private readonly WireMockServer _server = WireMockServer.Start();
    private readonly ConcurrentQueue<Received> _received = new();
    private readonly Lock _lock = new();
    private int _status;
    private Hold? _next;
    private Hold? _held;

    public HeldWebhook(int status)
    {
        _status = status;
        _server.Given(Request.Create().WithPath(Path).UsingPost()).RespondWith(Response.Create().WithCallback(AnswerAsync));
    }

    public const string Path = "/hook";

    public string Url => _server.Url + Path;

    /// <summary>Every request so far, in the order they were answered.</summary>
    public IReadOnlyList<Received> Requests => _received.ToArray();

    public IReadOnlyList<Received> Accepted => Requests.Where(r => r.Status is >= 200 and < 300).ToList();

    /// <summary>The status every request is answered with from now on (except a held one).</summary>
    public void AnswerWith(int status) => Volatile.Write(ref _status, status);

    /// <summary>The next request runs <paramref name="onArrival"/> before anything else and waits for <see cref="Hold.Answer"/>.</summary>
    public Hold HoldNext(Action onArrival)
    {
        var hold = new Hold(onArrival);
        lock (_lock) _next = hold;
        return hold;
    }

    private async Task<IResponseMessage> AnswerAsync(IRequestMessage request)
    {
        Hold? hold;
        bool holding;
        lock (_lock)
        {
            hold = _next;
            _next = null;
            holding = _held is { Status.Task.IsCompleted: false };
            if (hold is not null) _held = hold;
        }
        var status = holding ? 503 : Volatile.Read(ref _status);
        if (hold is not null)
        {
            hold.OnArrival();
            hold.ArrivedSource.TrySetResult();
            status = await hold.Status.Task;
        }
        _received.Enqueue(new Received(DateTime.UtcNow, JsonDocument.Parse(request.Body ?? "null").RootElement.Clone(), status));
        return new ResponseMessage { StatusCode = status };
    }

    public void Dispose()
    {
        lock (_lock) _held?.Status.TrySetResult(503);
        _server.Stop();
        _server.Dispose();
    }

    /// <summary>A request the receiver answered, when it answered it (UTC), and how.</summary>
    public sealed record Received(DateTime At, JsonElement Body, int Status)
    {
        public string? RunId => Body.GetProperty("runId").GetString();
    }

    /// <summary>The next request, held: <see cref="Arrived"/> completes once it is in and its action has run.</summary>
    public sealed class Hold(Action onArrival)
    {
        internal Action OnArrival { get; } = onArrival;
        internal TaskCompletionSource<int> Status { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        internal TaskCompletionSource ArrivedSource { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public Task Arrived => ArrivedSource.Task;

        /// <summary>Answers the held request (and records it) with this status.</summary>
        public void Answer(int status) => Status.TrySetResult(status);
    }
}
