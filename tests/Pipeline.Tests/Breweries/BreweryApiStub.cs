using System.Text.Json.Nodes;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Pipeline.Tests.Breweries;

/// <summary>
/// Open Brewery DB served by WireMock.Net from recorded pages: page 1..N with the breweries, then an empty
/// page; any page after that is a 404, so a client that does not stop at the empty page fails.
/// </summary>
public sealed class BreweryApiStub : IDisposable
{
    public const int PerPage = 200;
    private const string Path = "/v1/breweries";

    private readonly WireMockServer _server = WireMockServer.Start();

    public string BaseUrl => _server.Url!;

    public int PageCount { get; private set; }

    /// <summary>Serves these breweries (replacing what was served before), <see cref="PerPage"/> a page.</summary>
    public void Serve(IReadOnlyList<JsonObject> breweries)
    {
        _server.ResetMappings();
        _server.ResetScenarios();
        var pages = BreweryDump.Pages(breweries, PerPage);
        PageCount = pages.Count;
        for (var i = 0; i < pages.Count; i++) Page(i + 1).RespondWith(Json(pages[i]));
        Page(pages.Count + 1).RespondWith(Json("[]"));
    }

    /// <summary>The page first answers 429 with Retry-After (seconds), then its content.</summary>
    public void ThrottleOnce(int page, int retryAfterSeconds) =>
        FailOnce(page, Response.Create().WithStatusCode(429).WithHeader("Retry-After", retryAfterSeconds.ToString()));

    /// <summary>The page first answers 500, then its content.</summary>
    public void ServerErrorOnce(int page) =>
        FailOnce(page, Response.Create().WithStatusCode(500).WithBody("upstream hiccup"));

    /// <summary>Every request answers 500.</summary>
    public void AlwaysFail()
    {
        _server.ResetMappings();
        _server.Given(Request.Create().WithPath(Path).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(503).WithBody("down for maintenance"));
    }

    /// <summary>The requests for one page, in order, with the time each arrived.</summary>
    public IReadOnlyList<ILogEntry> RequestsFor(int page) =>
        _server.LogEntries.Where(e => e.RequestMessage.Path == Path && e.RequestMessage.Query?["page"].FirstOrDefault() == page.ToString())
            .OrderBy(e => e.RequestMessage.DateTime).ToList();

    public void Dispose() => _server.Stop();

    /// <summary>A mapping that wins over the page's own (priority 1 against 10) until it has answered once.</summary>
    private void FailOnce(int page, IResponseBuilder failure) =>
        Page(page, priority: 1).InScenario($"page-{page}").WillSetStateTo("failed once").RespondWith(failure);

    private IRespondWithAProvider Page(int page, int priority = 10) => _server
        .Given(Request.Create().WithPath(Path).WithParam("page", page.ToString()).WithParam("per_page", PerPage.ToString()).UsingGet())
        .AtPriority(priority);

    private static IResponseBuilder Json(string body) =>
        Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json; charset=utf-8").WithBody(body);
}
