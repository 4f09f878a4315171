using System.CommandLine;
using Pipeline.Scheduler.Engine;
using Pipeline.Scheduler.Engine.Controls;
using Pipeline.Scheduler.Engine.Definitions;
using Pipeline.Scheduler.Hosting;

namespace Pipeline.Scheduler.Cli;

/// <summary>
/// Gives an operator command its client: the server named by --server (or Cli:Server), else an engine host in this
/// process. The host runs no tasks unless the command watches work (backfill-status), so that pausing or cancelling
/// never starts anything here. Refusals become a message and an exit code, never a stack trace.
/// </summary>
public sealed class OperatorSession(
    TextWriter error,
    Option<string?> serverOption,
    Option<string?> apiKeyOption,
    Func<IConfiguration> configuration,
    Func<bool, IHost> buildHost,
    HttpMessageHandler? handler = null)
{
    public Task<int> RunAsync(ParseResult parse, Func<IOperatorClient, Task<int>> work, CancellationToken ct, bool runWork = false) =>
        CliOutcome.RunAsync(error, "Interrupted.", async () =>
        {
            var server = configuration().GetSection(CliServerOptions.Section).Get<CliServerOptions>() ?? new CliServerOptions();
            if (parse.GetValue(serverOption) is { Length: > 0 } url) server.Server = url;
            if (parse.GetValue(apiKeyOption) is { Length: > 0 } key) server.ApiKey = key;
            if (!string.IsNullOrWhiteSpace(server.Server))
            {
                using var remote = new HttpOperatorClient(server, Actor.CommandLine(), handler);
                return await work(remote);
            }
            return await CliOutcome.WithHostAsync(buildHost(runWork), services => work(new LocalOperatorClient(services, Actor.CommandLine())), ct);
        }, ct);
}
