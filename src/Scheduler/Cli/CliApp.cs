using System.CommandLine;
using Pipeline.Scheduler.Api;
using Pipeline.Scheduler.Hosting;

namespace Pipeline.Scheduler.Cli;

/// <summary>
/// The command line: `list`, `run`, `backfill` and `seed-source`. Commands run the engine in this process
/// (with the same settings as the server), show progress, and exit non-zero on bad input or a failed run.
/// The engine's host also serves the source API on a loopback port of its own, so that a wind-etl run
/// started here reads its source through HTTP exactly as on the server, with no server running.
/// </summary>
public static class CliApp
{
    public const int Ok = 0;
    public const int RunFailed = 1;
    public const int BadInput = 2;
    public const int Unavailable = 3;

    private static readonly string[] Commands = ["list", "run", "backfill", "seed-source", "--help", "-h", "-?"];

    public static bool IsCommand(string[] args) => args.Length > 0 && Commands.Contains(args[0]);

    public static Task<int> RunAsync(string[] args) => RunAsync(args, Console.Out, Console.Error, configure: null);

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, Action<IConfigurationBuilder>? configure)
    {
        var root = new RootCommand("Pipeline: DAGs of jobs on Hangfire. Without a command, the server starts.");
        var commands = new CliCommands(output, error, () => BuildHost(configure));
        root.Add(commands.List());
        root.Add(commands.Run());
        root.Add(commands.Backfill());
        root.Add(new SeedSourceCommand(output, error, () => BuildConfiguration(configure)).Create());

        var parsed = root.Parse(args);
        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
    }

    private static IHost BuildHost(Action<IConfigurationBuilder>? configure)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = ContentRoot.Find() });
        builder.Configuration.AddInMemoryCollection(QuietLogging);
        configure?.Invoke(builder.Configuration);
        // Never the server's port: a loopback port chosen by the OS, for this command's own source API.
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddPipelineEngine(builder.Configuration);
        var app = builder.Build();
        app.MapSourceApi();
        return app;
    }

    private static IConfiguration BuildConfiguration(Action<IConfigurationBuilder>? configure)
    {
        var builder = new ConfigurationBuilder()
            .SetBasePath(ContentRoot.Find())
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables();
        configure?.Invoke(builder);
        return builder.Build();
    }

    // The command prints its own progress; task lines stay in the run's log.
    private static readonly Dictionary<string, string?> QuietLogging = new()
    {
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:Pipeline.Tasks"] = "None",
        ["Logging:LogLevel:Hangfire"] = "Error",
    };
}
