using Pipeline.Scheduler.Access.ApiKeys;
using Pipeline.Scheduler.Api;
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

    public async Task<ApiKeyCreated> CreateApiKeyAsync(string name, string role, DateTime? expiresAt, CancellationToken ct)
    {
        var created = await Keys().CreateAsync(name, role, expiresAt, actor, ct);
        return new ApiKeyCreated(created.Key, created.View);
    }

    public Task<IReadOnlyList<ApiKeyView>> ListApiKeysAsync(CancellationToken ct) => Keys().ListAsync(ct);

    public async Task<ApiKeyView> RevokeApiKeyAsync(string id, CancellationToken ct) =>
        await Keys().RevokeAsync(id, actor, ct) ?? throw new CliRefusal($"There is no API key '{id}'.", CliApp.BadInput);

    // The engine's host has no web side, so no access services: the store needs only the run store and the clock.
    private ApiKeyStore Keys() => ActivatorUtilities.CreateInstance<ApiKeyStore>(services);

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
