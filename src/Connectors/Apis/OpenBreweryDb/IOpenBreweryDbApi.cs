using Refit;

namespace Pipeline.Connectors.Apis.OpenBreweryDb;

/// <summary>Open Brewery DB (https://www.openbrewerydb.org), the public list of breweries.</summary>
public interface IOpenBreweryDbApi
{
    /// <summary>
    /// One page of breweries as the raw JSON text the API sent: an array of objects, empty after the last
    /// page. At most 200 a page.
    /// </summary>
    [Get("/v1/breweries")]
    Task<string> ListBreweriesAsync([AliasAs("page")] int page, [AliasAs("per_page")] int perPage, CancellationToken cancellationToken);
}
