using System.CommandLine;
using Pipeline.Scheduler.Hosting;

namespace Pipeline.Scheduler.Cli;

/// <summary>
/// The command line: `list`, `run` and `backfill`. Commands run the engine in this process (with the
/// same settings as the server), show progress, and exit non-zero on bad input or a failed run.
/// </summary>
public static class CliApp
{
    public const int Ok = 0;
    public const int RunFailed = 1;
    public const int BadInput = 2;
    public const int Unavailable = 3;

    private static readonly string[] Commands = ["list", "run", "backfill", "--help", "-h", "-?"];

    public static bool IsCommand(string[] args) => args.Length > 0 && Commands.Contains(args[0]);

    public static Task<int> RunAsync(string[] args) => RunAsync(args, Console.Out, Console.Error, configure: null);

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, Action<IConfigurationBuilder>? configure)
    {
        var root = new RootCommand("Pipeline: DAGs of jobs on Hangfire. Without a command, the server starts.");
        var commands = new CliCommands(output, error, () => BuildHost(configure));
        root.Add(commands.List());
        root.Add(commands.Run());
        root.Add(commands.Backfill());

        var parsed = root.Parse(args);
        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
    }

    private static IHost BuildHost(Action<IConfigurationBuilder>? configure)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = ContentRoot.Find() });
        // The command prints its own progress; task lines stay in the run's log.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Pipeline.Tasks"] = "None",
            ["Logging:LogLevel:Hangfire"] = "Error",
        });
        configure?.Invoke(builder.Configuration);
        builder.Services.AddPipelineEngine(builder.Configuration);
        return builder.Build();
    }
}
