using System.Text.Json;
using Microsoft.Extensions.Logging;
using Pipeline.Connectors.Warehouse;

namespace Pipeline.Jobs.Ingest;

/// <summary>
/// The ingest pipeline's task: reads the request's Parquet file back from the lake (parameter <c>file</c>, its
/// key in raw-data) and loads its rows into working_data. Loading a file again replaces its rows, so a retry
/// or a re-run never duplicates them.
/// </summary>
public sealed class LoadRawDataToWarehouse(RawDataFiles files, WorkingDataLoader loader) : IJob
{
    public const string FileParameter = "file";

    public async Task<JobResult> RunAsync(JobContext context)
    {
        if (!context.Parameters.TryGetValue(FileParameter, out var key) || string.IsNullOrWhiteSpace(key))
            throw new ArgumentException($"The ingest pipeline needs the parameter '{FileParameter}': the key of a file in the lake bucket {RawDataFiles.Bucket}.");

        var rows = await files.ReadAsync(key, context.CancellationToken);
        context.Logger.LogInformation("Read {Rows} rows from {Bucket}/{Key}", rows.Count, RawDataFiles.Bucket, key);
        context.Progress.Report(0.5);

        var source = $"{RawDataFiles.Bucket}/{key}";
        var loaded = await loader.LoadFileAsync(source, rows.Select(r => new WorkingDataRow
        {
            DataIngestao = r.ReceivedAt,
            DadoLinha = r.DadoLinha,
            Tag = r.Tag,
            SourceFile = source,
            SourceRow = r.SourceRow,
        }).ToList(), context.CancellationToken);
        context.Logger.LogInformation("Loaded {Rows} rows into working_data", loaded);
        context.Progress.Report(1);
        return new JobResult(JsonSerializer.Serialize(new { file = source, rows = loaded }));
    }
}
