using Refit;

namespace Pipeline.Connectors.Apis.WindSource;

/// <summary>
/// Hands out the Refit client of the source API on an HttpClient from the factory (with its timeout and
/// retry handler), pointed at the address resolved for this host.
/// </summary>
public sealed class WindSourceClient(IHttpClientFactory clients, ISourceApiAddress address)
{
    public const string HttpClientName = "wind-source-api";

    public async Task<IWindSourceApi> CreateAsync(CancellationToken ct)
    {
        var http = clients.CreateClient(HttpClientName);
        http.BaseAddress = await address.GetAsync(ct);
        return RestService.For<IWindSourceApi>(http);
    }
}
