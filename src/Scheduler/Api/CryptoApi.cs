using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Pipeline.Connectors.Warehouse;

namespace Pipeline.Scheduler.Api;

public sealed record CryptoSnapshotView(
    DateTimeOffset LastUpdated,
    string Symbol,
    string Name,
    decimal CurrentPrice,
    decimal? MarketCap,
    int? MarketCapRank,
    decimal? TotalVolume,
    decimal? PriceChangePercentage24h,
    decimal? ChangeSincePrevious,
    decimal? ChangeSincePreviousPercent,
    decimal MovingAverage,
    int MovingAverageCount,
    JsonElement Raw);

public sealed record CryptoHistory(string Coin, IReadOnlyList<CryptoSnapshotView> Snapshots);

public static class CryptoApi
{
    public const int MaxLimit = 10_000;

    public static RouteGroupBuilder MapCryptoApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/crypto").WithTags("Crypto");
        api.MapGet("/{coin}/history", GetHistory);
        return api;
    }

    /// <summary>The coin's stored snapshots, oldest first, with from and to (ISO 8601) bounding last_updated.</summary>
    public static async Task<Results<Ok<CryptoHistory>, ValidationProblem, ProblemHttpResult>> GetHistory(
        string coin, CryptoSnapshotStore store, CancellationToken ct, string? from = null, string? to = null, int limit = 1000)
    {
        if (!TryParseInstant(from, out var start)) return ApiProblems.Invalid("from", $"'from' ({from}) is not an ISO 8601 date or time, e.g. 2026-07-28T00:00:00Z.");
        if (!TryParseInstant(to, out var end)) return ApiProblems.Invalid("to", $"'to' ({to}) is not an ISO 8601 date or time, e.g. 2026-07-28T23:59:59Z.");
        if (start > end) return ApiProblems.Invalid("to", $"'to' ({to}) is before 'from' ({from}).");
        if (limit is < 1 or > MaxLimit) return ApiProblems.Invalid("limit", $"'limit' must be between 1 and {MaxLimit}.");

        var id = coin.Trim().ToLowerInvariant();
        if (!await store.HasCoinAsync(id, ct))
            return TypedResults.Problem($"No snapshot of a coin '{id}' has been stored.", statusCode: StatusCodes.Status404NotFound, title: "Coin not found");

        var snapshots = await store.HistoryAsync(id, start, end, limit, ct);
        return TypedResults.Ok(new CryptoHistory(id, snapshots.Select(View).ToList()));
    }

    private static bool TryParseInstant(string? text, out DateTimeOffset? instant)
    {
        instant = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)) return false;
        instant = parsed.ToUniversalTime();
        return true;
    }

    private static CryptoSnapshotView View(CryptoSnapshotRecord s) => new(
        s.LastUpdated, s.Symbol, s.Name, s.CurrentPrice, s.MarketCap, s.MarketCapRank, s.TotalVolume,
        s.PriceChangePercentage24h, s.ChangeSincePrevious, s.ChangeSincePreviousPercent, s.MovingAverage,
        s.MovingAverageCount, JsonElement.Parse(s.Raw));
}
