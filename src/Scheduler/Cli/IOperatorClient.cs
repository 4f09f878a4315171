using Pipeline.Scheduler.Access.ApiKeys;
using Pipeline.Scheduler.Api;
using Pipeline.Scheduler.Engine.Controls;
using Pipeline.Scheduler.Engine.Queries;

namespace Pipeline.Scheduler.Cli;

/// <summary>
/// The operator commands' one way to the engine: in this process (<see cref="LocalOperatorClient"/>) or through a
/// running server's API (<see cref="HttpOperatorClient"/>, with --server). Both refuse with the same exceptions and
/// messages, so a command prints the same thing either way.
/// </summary>
public interface IOperatorClient
{
    Task<PipelinePauses.PipelineState> PauseAsync(string pipeline, CancellationToken ct);
    Task<PipelinePauses.PipelineState> UnpauseAsync(string pipeline, CancellationToken ct);
    Task<Page<BackfillSummary>> ListBackfillsAsync(string? pipeline, CancellationToken ct);
    Task<BackfillDetail> GetBackfillAsync(Guid id, CancellationToken ct);
    Task<BackfillControl.CancelOutcome> CancelBackfillAsync(Guid id, CancellationToken ct);
    Task<BackfillControl.RetryOutcome> RetryFailedAsync(Guid id, CancellationToken ct);
    Task<TaskClearing.Outcome> ClearAsync(string pipeline, TaskClearing.Request request, CancellationToken ct);
    Task<ApiKeyCreated> CreateApiKeyAsync(string name, string role, DateTime? expiresAt, CancellationToken ct);
    Task<IReadOnlyList<ApiKeyView>> ListApiKeysAsync(CancellationToken ct);
    Task<ApiKeyView> RevokeApiKeyAsync(string id, CancellationToken ct);
}

/// <summary>A refusal the command prints as is, with its exit code (an unknown backfill, a conflict, a refused login).</summary>
public sealed class CliRefusal(string message, int exitCode) : Exception(message)
{
    public int ExitCode { get; } = exitCode;

    public static CliRefusal UnknownBackfill(Guid id) => new($"There is no backfill {id}.", CliApp.BadInput);
}
