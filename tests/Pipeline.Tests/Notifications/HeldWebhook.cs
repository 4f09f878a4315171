using System.Collections.Concurrent;
using System.Text.Json;
using WireMock;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Pipeline.Tests.Notifications;

/// <summary>
/// A webhook receiver (WireMock.Net) for fault tests, with an address per host (<see cref="UrlFor"/>) so that it knows
/// which host made each call: a host that is about to be frozen or killed may have calls on their way that it gave up
/// on (a loaded machine), and what they get must not depend on when they arrive. Per host the test says how calls are
/// answered (503 until it says otherwise), or holds the host's next call: an action runs the moment it arrives (the
/// test freezes the host) and the answer waits for the test, while the host's other calls are refused.
/// Every call is kept with the status it was answered with.
/// </summary>
public sealed class HeldWebhook : IDisposable
{
    private const string Prefix = "/hook/";
    private readonly WireMockServer _server = WireMockServer.Start();
    private readonly ConcurrentQueue<Received> _received = new();
    private readonly ConcurrentDictionary<string, int> _status = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Hold> _next = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<Hold> _holds = [];

    public HeldWebhook() =>
        _server.Given(Request.Create().WithPath(new WildcardMatcher(Prefix + "*")).UsingPost())
            .RespondWith(Response.Create().WithCallback(AnswerAsync));

    /// <summary>The webhook address to give one host.</summary>
    public string UrlFor(string host) => _server.Url + Prefix + host;

    /// <summary>Every call so far, in the order they were answered.</summary>
    public IReadOnlyList<Received> Requests => _received.ToArray();

    public IReadOnlyList<Received> Accepted => Requests.Where(r => r.Status is >= 200 and < 300).ToList();

    /// <summary>How the host's calls are answered from now on.</summary>
    public void AnswerWith(string host, int status) => _status[host] = status;

    /// <summary>
    /// The host's next call runs <paramref name="onArrival"/> first and then waits for <see cref="Hold.Answer"/>;
    /// its other calls are refused from now on.
    /// </summary>
    public Hold HoldNext(string host, Action onArrival)
    {
        var hold = new Hold(onArrival);
        _holds.Add(hold);
        _status[host] = 503;
        _next[host] = hold;
        return hold;
    }

    private async Task<IResponseMessage> AnswerAsync(IRequestMessage request)
    {
        var host = request.Path[Prefix.Length..];
        var status = _status.GetValueOrDefault(host, 503);
        if (_next.TryRemove(host, out var hold))
        {
            hold.OnArrival();
            hold.ArrivedSource.TrySetResult();
            status = await hold.Status.Task;
        }
        _received.Enqueue(new Received(DateTime.UtcNow, host, JsonDocument.Parse(request.Body ?? "null").RootElement.Clone(), status));
        return new ResponseMessage { StatusCode = status };
    }

    public void Dispose()
    {
        foreach (var hold in _holds) hold.Answer(503);
        _server.Stop();
        _server.Dispose();
    }

    /// <summary>A call the receiver answered: when (UTC), from which host, what it said, and how it was answered.</summary>
    public sealed record Received(DateTime At, string Host, JsonElement Body, int Status)
    {
        public string? RunId => Body.GetProperty("runId").GetString();
    }

    /// <summary>A host's next call, held: <see cref="Arrived"/> completes once it is in and its action has run.</summary>
    public sealed class Hold(Action onArrival)
    {
        internal Action OnArrival { get; } = onArrival;
        internal TaskCompletionSource<int> Status { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        internal TaskCompletionSource ArrivedSource { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public Task Arrived => ArrivedSource.Task;

        /// <summary>Answers the held call (and records it) with this status.</summary>
        public void Answer(int status) => Status.TrySetResult(status);
    }
}
