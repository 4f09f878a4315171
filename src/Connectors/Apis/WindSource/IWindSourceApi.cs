using Refit;

namespace Pipeline.Connectors.Apis.WindSource;

/// <summary>The source API as its callers see it: the rows of [start, end) with the chosen variables.</summary>
public interface IWindSourceApi
{
    /// <param name="start">ISO 8601 instant, inclusive.</param>
    /// <param name="end">ISO 8601 instant, exclusive.</param>
    /// <param name="variables">Comma-separated variable names, e.g. <c>wind_speed,power</c>.</param>
    [Get("/api/source/data")]
    Task<List<SourceApiRow>> GetDataAsync(string start, string end, string variables, CancellationToken ct);
}
