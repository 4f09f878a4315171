using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pipeline.Connectors.Warehouse;

namespace Pipeline.Jobs.Crypto;

/// <summary>What processing a batch of market documents gave: the snapshots to store and what was dropped.</summary>
public sealed record ProcessedBatch(IReadOnlyList<CryptoSnapshotRecord> Snapshots, int Received, IReadOnlyList<string> Rejected);

/// <summary>Cleans a batch of CoinGecko documents and derives each new snapshot's fields (see <see cref="SnapshotDeriver"/>).</summary>
public sealed class MarketBatchProcessor(SnapshotDeriver deriver, IOptions<CryptoOptions> options, TimeProvider clock)
{
    public async Task<ProcessedBatch> ProcessAsync(IReadOnlyList<string> documents, Guid runId, ILogger logger, CancellationToken ct)
    {
        var kept = new List<MarketSnapshot>();
        var rejected = new List<string>();
        foreach (var document in documents)
        {
            var (snapshot, rejection) = MarketCleaner.Clean(document);
            if (snapshot is not null) kept.Add(snapshot);
            else rejected.Add(rejection!);
        }
        if (rejected.Count > 0)
            logger.LogWarning("Dropped {Count} of {Total} market records: {Reasons}", rejected.Count, documents.Count,
                string.Join("; ", rejected.Take(10)));

        var derived = await deriver.DeriveAsync(kept, options.Value.MovingAverageWindow, runId, clock.GetUtcNow(), ct);
        return new ProcessedBatch(derived, documents.Count, rejected);
    }
}
