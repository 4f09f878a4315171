using Microsoft.Extensions.Options;
using Pipeline.Scheduler.Engine.Controls;
using Pipeline.Scheduler.Engine.Definitions;
using Pipeline.Scheduler.Engine.Execution;
using Pipeline.Scheduler.Engine.Partitions;
using Pipeline.Scheduler.Engine.Queries;

namespace Pipeline.Scheduler.Engine.Triggers;

/// <summary>
/// The one door through which the API, the dashboard, the CLI and schedules ask for runs: it checks the
/// request against the pipeline (with errors that name the field) and launches.
/// </summary>
public sealed class RunRequests(
    PipelineCatalog catalog,
    RunLauncher launcher,
    BackfillStore backfills,
    PartitionQueries partitions,
    IOptions<EngineOptions> options,
    TimeProvider clock)
{
    public sealed record BackfillCreated(Guid BackfillId, IReadOnlyList<Guid> RunIds);

    public PipelineDefinition Pipeline(string name) => catalog.Find(name) ?? throw new PipelineNotFoundException(name);

    public async Task<Guid> TriggerAsync(
        string pipelineName,
        string? partition,
        IReadOnlyDictionary<string, string>? parameters,
        string trigger,
        string? idempotencyKey,
        CancellationToken ct,
        Actor? actor = null)
    {
        var pipeline = Pipeline(pipelineName);
        var day = PartitionValidator.Validate(pipeline, partition, clock.GetUtcNow());
        ValidateParameters(parameters);
        var request = new RunLauncher.NewRun(day, parameters ?? new Dictionary<string, string>(), actor);
        return await launcher.LaunchAsync(pipeline, request, trigger, idempotencyKey, ct);
    }

    public Task<BackfillCreated> BackfillAsync(string pipelineName, string? from, string? to, string trigger, CancellationToken ct) =>
        BackfillAsync(pipelineName, from, to, only: null, trigger, ct);

    /// <param name="only">Which days of the range: null for all, or a <see cref="BackfillSelections.ByName"/> word.</param>
    public Task<BackfillCreated> BackfillAsync(string pipelineName, string? from, string? to, string? only, string trigger, CancellationToken ct) =>
        BackfillAsync(pipelineName, from, to, only, trigger, new BackfillSettings(null, null), ct);

    /// <param name="settings">Who asks, and the backfill's own limit on runs at once.</param>
    public async Task<BackfillCreated> BackfillAsync(
        string pipelineName, string? from, string? to, string? only, string trigger, BackfillSettings settings, CancellationToken ct)
    {
        var pipeline = Pipeline(pipelineName);
        var selection = BackfillSelections.Parse(only);
        if (pipeline.Partitioning is not { } partitioning)
            throw new InvalidRequestException("pipeline", $"Pipeline '{pipeline.Name}' is not partitioned, so it cannot be backfilled.");

        var now = clock.GetUtcNow();
        var first = PartitionValidator.ValidateDay(pipeline, partitioning, from, now, "from");
        var last = PartitionValidator.ValidateDay(pipeline, partitioning, to, now, "to");
        if (last < first)
            throw new InvalidRequestException("to", $"'to' ({last:yyyy-MM-dd}) is before 'from' ({first:yyyy-MM-dd}).");
        var days = last.DayNumber - first.DayNumber + 1;
        if (days > options.Value.MaxBackfillDays)
            throw new InvalidRequestException("to", $"The range covers {days} days; a backfill may cover at most {options.Value.MaxBackfillDays}.");

        settings.Validate(pipeline);

        var chosen = selection == BackfillSelection.All
            ? Enumerable.Range(0, days).Select(first.AddDays)
            : (await partitions.DaysAsync(pipeline, first, last, ct)).Where(d => selection.Includes(d))
                .Select(d => DateOnly.ParseExact(d.Partition, PartitionCalendar.Format));
        var requests = chosen.Select(day => new RunLauncher.NewRun(day, new Dictionary<string, string>())).ToList();
        // Recorded even when the selection is empty: the backfill was asked for, and found nothing to do.
        var backfillId = await backfills.CreateAsync(pipeline.Name, first, last, settings, selection == BackfillSelection.All ? null : only, ct);
        var runIds = await launcher.LaunchManyAsync(pipeline, requests, trigger, backfillId, ct);
        return new BackfillCreated(backfillId, runIds);
    }

    private static void ValidateParameters(IReadOnlyDictionary<string, string>? parameters)
    {
        if (parameters is null) return;
        foreach (var (key, value) in parameters)
        {
            if (string.IsNullOrWhiteSpace(key) || key.Length > 100)
                throw new InvalidRequestException("parameters", "Parameter names must be 1 to 100 characters.");
            if (value is null || value.Length > 10_000)
                throw new InvalidRequestException("parameters", $"Parameter '{key}' must have a value of at most 10,000 characters.");
        }
    }
}
