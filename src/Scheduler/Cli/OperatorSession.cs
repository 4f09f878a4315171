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
    Func<IConfiguration> configuration,
    Func<bool, IHost> buildHost,
    HttpMessageHandler? handler = null)
{
    public async Task<int> RunAsync(ParseResult parse, Func<IOperatorClient, Task<int>> work, CancellationToken ct, bool runWork = false)
    {
        IHost? host = null;
        try
        {
            var server = configuration().GetSection(CliServerOptions.Section).Get<CliServerOptions>() ?? new CliServerOptions();
            if (parse.GetValue(serverOption) is { Length: > 0 } url) server.Server = url;
            if (!string.IsNullOrWhiteSpace(server.Server))
            {
                using var remote = new HttpOperatorClient(server, Actor.CommandLine(), handler);
                return await work(remote);
            }

            host = buildHost(runWork);
            await host.StartAsync(ct);
            return await work(new LocalOperatorClient(host.Services, Actor.CommandLine()));
        }
        catch (CliRefusal refusal)
        {
            error.WriteLine($"error: {refusal.Message}");
            return refusal.ExitCode;
        }
        catch (Exception refused) when (refused is PipelineDefinitionException or EmbeddedStoreBusyException or PipelineNotFoundException)
        {
            error.WriteLine($"error: {refused.Message}");
            return CliApp.BadInput;
        }
        catch (InvalidRequestException invalid)
        {
            error.WriteLine($"error: {invalid.Field}: {invalid.Message}");
            return CliApp.BadInput;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            error.WriteLine("Interrupted.");
            return CliApp.RunFailed;
        }
        catch (Exception unexpected)
        {
            // A server or store that cannot be reached: say what failed, without a stack trace.
            error.WriteLine($"error: {unexpected.GetType().Name}: {unexpected.Message}");
            return CliApp.Unavailable;
        }
        finally
        {
            if (host is not null)
            {
                await host.StopAsync(CancellationToken.None);
                host.Dispose();
            }
        }
    }
}
