using Microsoft.AspNetCore.WebUtilities;

namespace Pipeline.Scheduler.Api;

/// <summary>
/// The link to a list's next page: the request's own path and query (its filters as the client wrote them), with the
/// paging parameters replaced by the one that leads on.
/// </summary>
public static class NextLinks
{
    private static readonly string[] PagingParameters = ["page", "before"];

    public static string To(HttpRequest request, string parameter, string value)
    {
        var kept = QueryHelpers.ParseQuery(request.QueryString.Value)
            .Where(q => !PagingParameters.Contains(q.Key, StringComparer.OrdinalIgnoreCase))
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)))
            .Append(new KeyValuePair<string, string?>(parameter, value));
        return QueryHelpers.AddQueryString(request.PathBase + request.Path, kept);
    }
}
