using System.CommandLine;
using Pipeline.Scheduler.Api;
using Pipeline.Scheduler.Hosting;

namespace Pipeline.Scheduler.Cli;

/// <summary>
/// The command line: `list`, `run`, `backfill` and `seed-source`, and the operator commands (ControlCommands), which
/// talk to a running server when one is named (--server URL or Cli:Server). Other commands run the engine in this process
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
    /// <summary>backfill-status --once: the backfill has not ended yet.</summary>
    public const int StillRunning = 4;

    private static readonly string[] Commands =
    [
        "list", "run", "backfill", "seed-source", "pause", "unpause", "backfills", "backfill-status", "cancel-backfill", "retry-failed", "clear",
        "api-keys", "hash-password",
        "--help", "-h", "-?",
    ];

    public static bool IsCommand(string[] args) => args.Length > 0 && Commands.Contains(args[0]);

    public static Task<int> RunAsync(string[] args) => RunAsync(args, Console.Out, Console.Error, configure: null);

    /// <param name="serverHandler">Carries the operator commands' HTTP calls to a server (tests pass an in-process server's).</param>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, Action<IConfigurationBuilder>? configure,
        HttpMessageHandler? serverHandler = null)
    {
        var root = new RootCommand("Pipeline: DAGs of jobs on Hangfire. Without a command, the server starts.");
        var commands = new CliCommands(output, error, () => BuildHost(configure));
        root.Add(commands.List());
        root.Add(commands.Run());
        root.Add(commands.Backfill());
        root.Add(new SeedSourceCommand(output, error, () => BuildConfiguration(configure)).Create());
        var server = new Option<string?>("--server")
        {
            Description = "A running server's address (http://host:port, with user:password@ if it asks): the operator commands act through its API.",
            Recursive = true,
        };
        root.Options.Add(server);
        var apiKey = new Option<string?>("--api-key")
        {
            Description = "An API key for the --server (pipe_…); also Cli:ApiKey, e.g. the Cli__ApiKey environment variable.",
            Recursive = true,
        };
        root.Options.Add(apiKey);
        root.Add(PasswordHashCommand.Create(output, error));
        var session = new OperatorSession(error, server, apiKey, () => BuildConfiguration(configure), runWork => BuildHost(configure, runWork), serverHandler);
        foreach (var command in new ControlCommands(output, session).All()) root.Add(command);
        root.Add(new ApiKeyCommands(output, session).Create());

        var parsed = root.Parse(args);
        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
    }

    private static IHost BuildHost(Action<IConfigurationBuilder>? configure, bool runWorkers = true)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = ContentRoot.Find() });
        builder.Configuration.AddInMemoryCollection(QuietLogging);
        configure?.Invoke(builder.Configuration);
        // Never the server's port: a loopback port chosen by the OS, for this command's own source API.
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddPipelineEngine(builder.Configuration, runWorkers);
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
