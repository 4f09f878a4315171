using Microsoft.Extensions.Logging;
using Pipeline.Connectors.Warehouse;

namespace Pipeline.Jobs.Crypto;

/// <summary>store: the processed snapshots into crypto_market_snapshots, at most one row per coin and last_updated.</summary>
public sealed class StoreMarkets(CryptoLake files, CryptoSnapshotStore store) : IJob
{
    public async Task<JobResult> RunAsync(JobContext context)
    {
        var processed = TaskOutputs.Read<TaskOutputs.Processed>(context, "consume_and_process");
        var snapshots = await files.ReadJsonAsync<List<CryptoSnapshotRecord>>(processed.File, context.CancellationToken);
        var stored = await store.StoreAsync(snapshots, context.CancellationToken);
        context.Logger.LogInformation("Stored {Stored} snapshots ({Skipped} were already there)", stored, snapshots.Count - stored);
        return new JobResult(TaskOutputs.Write(new TaskOutputs.Stored(stored, snapshots.Count - stored)));
    }
}
