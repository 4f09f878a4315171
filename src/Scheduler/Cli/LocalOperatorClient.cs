using Pipeline.Scheduler.Engine;
using Pipeline.Scheduler.Engine.Controls;
using Pipeline.Scheduler.Engine.Queries;

namespace Pipeline.Scheduler.Cli;

/// <summary>The operator commands against the engine in this process (the run store this host's settings name).</summary>
public sealed class LocalOperatorClient(IServiceProvider services, Actor actor) : IOperatorClient
{
    public Task<PipelinePauses.PipelineState> PauseAsync(string pipeline, CancellationToken ct) =>
        services.GetRequiredService<PipelinePauses>().PauseAsync(pipeline, actor, ct);

    public Task<PipelinePauses.PipelineState> UnpauseAsync(string pipeline, CancellationToken ct) =>
        services.GetRequiredService<PipelinePauses>().UnpauseAsync(pipeline, actor, ct);

    public Task<Page<BackfillSummary>> ListBackfillsAsync(string? pipeline, CancellationToken ct) =>
        services.GetRequiredService<BackfillQueries>().ListAsync(pipeline, 1, RunQueries.MaxPageSize, ct);

    public async Task<BackfillDetail> GetBackfillAsync(Guid id, CancellationToken ct) =>
        await services.GetRequiredService<BackfillQueries>().GetAsync(id, ct) ?? throw CliRefusal.UnknownBackfill(id);

    public async Task<BackfillControl.CancelOutcome> CancelBackfillAsync(Guid id, CancellationToken ct) =>
        await Conflicts(() => services.GetRequiredService<BackfillControl>().CancelAsync(id, actor, ct)) ?? throw CliRefusal.UnknownBackfill(id);

    public async Task<BackfillControl.RetryOutcome> RetryFailedAsync(Guid id, CancellationToken ct) =>
        await Conflicts(() => services.GetRequiredService<BackfillControl>().RetryFailedAsync(id, actor, ct)) ?? throw CliRefusal.UnknownBackfill(id);

    public Task<TaskClearing.Outcome> ClearAsync(string pipeline, TaskClearing.Request request, CancellationToken ct) =>
        services.GetRequiredService<TaskClearing>().ClearAsync(pipeline, request, actor, ct);

    private static async Task<T> Conflicts<T>(Func<Task<T>> work)
    {
        try
        {
            return await work();
        }
        catch (RunConflictException conflict)
        {
            throw new CliRefusal(conflict.Message, CliApp.RunFailed);
        }
    }
}
