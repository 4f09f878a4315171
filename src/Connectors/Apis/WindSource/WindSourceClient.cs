using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Refit;

namespace Pipeline.Connectors.Apis.WindSource;

/// <summary>
/// Hands out the Refit client of the source API on an HttpClient from the factory (with its timeout and
/// retry handler), pointed at the address resolved for this host. The serializer options are made once:
/// <c>RestService.For(http)</c> alone makes new ones, and with them builds the JSON metadata of the answer by
/// reflection, on every call (every day's extract).
/// </summary>
public sealed class WindSourceClient(IHttpClientFactory clients, ISourceApiAddress address)
{
    public const string HttpClientName = "wind-source-api";

    private readonly RefitSettings _settings = new(new SystemTextJsonContentSerializer(
        new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            // A type the generated context does not describe still works, by reflection, built once in these options.
            TypeInfoResolver = JsonTypeInfoResolver.Combine(SourceApiJson.Default, new DefaultJsonTypeInfoResolver()),
        }));

    public async Task<IWindSourceApi> CreateAsync(CancellationToken ct)
    {
        var http = clients.CreateClient(HttpClientName);
        http.BaseAddress = await address.GetAsync(ct);
        return RestService.ForGenerated<IWindSourceApi>(http, _settings);
    }
}
