using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Pipeline.Connectors.Apis.WindSource;
using Pipeline.Connectors.WindSource;

namespace Pipeline.Scheduler.Api;

/// <summary>
/// The source system's API over the source database, the only way the wind ETL reaches it:
/// <c>GET /api/source/data?start=&amp;end=&amp;variables=wind_speed,power</c> streams the rows of [start, end).
/// </summary>
public static class SourceApi
{
    public static IEndpointRouteBuilder MapSourceApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/source/data", GetData)
            .WithTags("Source")
            .WithSummary("The source rows of [start, end) with the chosen variables, oldest first, as a streamed JSON array.")
            .Produces<IReadOnlyList<SourceApiRow>>(StatusCodes.Status200OK, "application/json");
        return routes;
    }

    public static async Task<Results<SourceRowsResult, ValidationProblem>> GetData(
        string? start, string? end, string? variables, WindSourceStore store, IOptions<SourceApiOptions> options, CancellationToken ct)
    {
        if (!TryInstant(start, out var from)) return ApiProblems.Invalid("start", Expected("start", start));
        if (!TryInstant(end, out var to)) return ApiProblems.Invalid("end", Expected("end", end));
        if (to < from) return ApiProblems.Invalid("end", $"'end' ({end}) is before 'start' ({start}).");
        var max = options.Value.MaxRangeDays;
        if (to - from > TimeSpan.FromDays(max))
            return ApiProblems.Invalid("end", $"The range from 'start' to 'end' is longer than {max} days (SourceApi:MaxRangeDays).");

        var (known, unknown) = SourceVariable.Parse(variables ?? string.Join(',', SourceVariable.All));
        var valid = string.Join(", ", SourceVariable.All);
        if (unknown.Count > 0)
            return ApiProblems.Invalid("variables", $"Unknown variable(s): {string.Join(", ", unknown)}. Valid variables: {valid}.");
        if (known.Count == 0)
            return ApiProblems.Invalid("variables", $"Name at least one variable. Valid variables: {valid}.");

        // Migrations (and embedded seeding) before the answer starts: a failure here is still a clean 500.
        await store.EnsureReadyAsync(ct);
        // The rows are read as they are written; SourceRowsResult passes the request's token to the reader.
        return new SourceRowsResult(store.ReadAsync(from.UtcDateTime, to.UtcDateTime, CancellationToken.None), known);
    }

    private static bool TryInstant(string? text, out DateTimeOffset instant) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out instant);

    private static string Expected(string field, string? given) => given is null
        ? $"'{field}' is required: an ISO 8601 instant such as 2024-10-01T00:00:00Z."
        : $"'{field}' ({given}) is not an ISO 8601 instant such as 2024-10-01T00:00:00Z.";
}
