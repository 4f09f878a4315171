using Pipeline.Scheduler.Engine;
using Pipeline.Scheduler.Engine.Definitions;
using Pipeline.Scheduler.Hosting;

namespace Pipeline.Scheduler.Cli;

/// <summary>
/// What every command shares: an engine host of its own for the command's length, and refusals and failures turned
/// into a message and an exit code, never a stack trace.
/// </summary>
public static class CliOutcome
{
    public static async Task<int> RunAsync(TextWriter error, string interrupted, Func<Task<int>> command, CancellationToken ct)
    {
        try
        {
            return await command();
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
            error.WriteLine(interrupted);
            return CliApp.RunFailed;
        }
        catch (Exception unexpected)
        {
            // A server, store or broker that cannot be reached: say what failed, without a stack trace.
            error.WriteLine($"error: {unexpected.GetType().Name}: {unexpected.Message}");
            return CliApp.Unavailable;
        }
    }

    /// <summary>Starts the host, runs the work on its services, and stops it again whatever happens.</summary>
    public static async Task<int> WithHostAsync(IHost host, Func<IServiceProvider, Task<int>> work, CancellationToken ct)
    {
        try
        {
            await host.StartAsync(ct);
            return await work(host.Services);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
            host.Dispose();
        }
    }
}
