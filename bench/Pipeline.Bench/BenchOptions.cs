using System.Globalization;
using Pipeline.Bench.Hosting;

namespace Pipeline.Bench;

/// <summary>The command line of the bench; every scenario size can be set, so it can be smoke-tested quickly.</summary>
public sealed record BenchOptions
{
    public const string Usage = """
        usage: Pipeline.Bench [options]
          --repeat N               repetitions of every scenario (3)
          --quick                  smoke sizes: 100 runs, 1000 large runs, 400 jobs, 100 hello runs, 20 serial runs, 30 wind days, 1 repetition
          --runs N                 runs in the diamond backfill (1000)
          --large-runs N           runs in the scaling diamond backfill, on PostgreSQL only (10000; 0 skips it)
          --large-repeat N         repetitions of the scaling backfill (1), each paired with that repetition's diamond
          --jobs N                 no-op jobs in the raw Hangfire scenario (4000)
          --hello-runs N           runs in the hello backfill (1000; 0 skips it)
          --hello-repeat N         repetitions of the hello backfill (same as --repeat)
          --serial-runs N          runs of the one-at-a-time diamond, for unloaded latency (50; 0 skips it)
          --workers N              Hangfire workers (10)
          --max-concurrent-runs N  the diamond pipeline's limit (20)
          --queue-poll-ms N        Engine:QueuePollInterval (200, as shipped)
          --schedule-poll-ms N     Engine:SchedulePollingInterval (1000, as shipped)
          --wind-days N            days in the wind-etl backfill, on PostgreSQL only (365; 0 skips it)
          --wind-max-concurrent-runs N  wind-etl's limit of running runs (as shipped: WindEtl:MaxConcurrentRuns)
          --wind-only              run only the wind-etl backfill (with --storage postgres)
          --long-polling on|off    Engine:LongPolling (off, as shipped)
          --inline on|off          Engine:RunReadyTasksInline (on, as shipped)
          --storage S              embedded, postgres or both (both)
          --host-start-ms LIST     comma-separated host start times measured by run.sh, added as a row
          --timeout-minutes N      give up on one scenario after this long (60)
          --rss-alone              after the repetitions, run each scenario once more alone in a fresh process of its own
                                   and report that process's peak RSS (what a host running that one workload holds)
          --only SCENARIO          run only diamond, large, raw or wind, once per storage (what --rss-alone starts)
          --rss-file FILE          write the process's peak RSS (MB) to FILE at the end (with --only)
          --output FILE            also write the table to FILE
        """;

    public int Repeat { get; init; } = 3;
    public int Runs { get; init; } = 1000;
    public int LargeRuns { get; init; } = 10_000;
    public int LargeRepeat { get; init; } = 1;
    public int Jobs { get; init; } = 4000;
    public int HelloRuns { get; init; } = 1000;
    public int? HelloRepeat { get; init; }
    public int SerialRuns { get; init; } = 50;
    public int Workers { get; init; } = 10;
    public int MaxConcurrentRuns { get; init; } = 20;
    public int QueuePollMs { get; init; } = 200;
    public int SchedulePollMs { get; init; } = 1000;
    public int WindDays { get; init; } = 365;
    public int? WindMaxConcurrentRuns { get; init; }
    public bool WindOnly { get; init; }
    public bool LongPolling { get; init; }
    public bool RunReadyTasksInline { get; init; } = true;
    public IReadOnlyList<StorageKind> Storages { get; init; } = [StorageKind.Embedded, StorageKind.Postgres];
    public IReadOnlyList<double> HostStartMs { get; init; } = [];
    public int TimeoutMinutes { get; init; } = 60;
    public string? Output { get; init; }
    public bool RssAlone { get; init; }
    public BenchScenario? Only { get; init; }
    public string? RssFile { get; init; }

    /// <summary>The command line as given, from which <c>--rss-alone</c> builds each fresh process's.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    public int HelloRepetitions => HelloRepeat ?? Repeat;
    public TimeSpan Timeout => TimeSpan.FromMinutes(TimeoutMinutes);

    public EngineSettings Engine => new(Workers, MaxConcurrentRuns,
        TimeSpan.FromMilliseconds(QueuePollMs), TimeSpan.FromMilliseconds(SchedulePollMs), LongPolling, RunReadyTasksInline);

    /// <summary>Parses the arguments; throws <see cref="ArgumentException"/> with a message for the user.</summary>
    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        // --quick first, so explicit sizes given with it still win.
        var options = args.Contains("--quick")
            ? new BenchOptions { Repeat = 1, Runs = 100, LargeRuns = 1000, Jobs = 400, HelloRuns = 100, SerialRuns = 20, WindDays = 30 }
            : new BenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name == "--quick") continue;
            if (name is "--wind-only" or "--rss-alone")
            {
                options = name == "--wind-only" ? options with { WindOnly = true } : options with { RssAlone = true };
                continue;
            }
            if (i + 1 >= args.Count) throw new ArgumentException($"'{name}' needs a value (or is unknown).");
            var value = args[++i];
            options = name switch
            {
                "--repeat" => options with { Repeat = Positive(name, value) },
                "--runs" => options with { Runs = Positive(name, value) },
                "--large-runs" => options with { LargeRuns = NonNegative(name, value) },
                "--large-repeat" => options with { LargeRepeat = NonNegative(name, value) },
                "--jobs" => options with { Jobs = Positive(name, value) },
                "--hello-runs" => options with { HelloRuns = NonNegative(name, value) },
                "--hello-repeat" => options with { HelloRepeat = NonNegative(name, value) },
                "--serial-runs" => options with { SerialRuns = NonNegative(name, value) },
                "--workers" => options with { Workers = Positive(name, value) },
                "--max-concurrent-runs" => options with { MaxConcurrentRuns = Positive(name, value) },
                "--queue-poll-ms" => options with { QueuePollMs = Positive(name, value) },
                "--schedule-poll-ms" => options with { SchedulePollMs = Positive(name, value) },
                "--long-polling" => options with { LongPolling = OnOff(name, value) },
                "--inline" => options with { RunReadyTasksInline = OnOff(name, value) },
                "--storage" => options with { Storages = ParseStorage(value) },
                "--wind-days" => options with { WindDays = NonNegative(name, value) },
                "--wind-max-concurrent-runs" => options with { WindMaxConcurrentRuns = Positive(name, value) },
                "--host-start-ms" => options with { HostStartMs = ParseList(name, value) },
                "--timeout-minutes" => options with { TimeoutMinutes = Positive(name, value) },
                "--output" => options with { Output = value },
                "--only" => options with { Only = ParseScenario(value) },
                "--rss-file" => options with { RssFile = value },
                _ => throw new ArgumentException($"Unknown option '{name}'."),
            };
        }
        if (options.Only is BenchScenario.Large or BenchScenario.Wind && !options.Storages.Contains(StorageKind.Postgres))
            throw new ArgumentException($"'--only {options.Only.Value.ToString().ToLowerInvariant()}' runs on PostgreSQL only: give --storage postgres.");
        return options with { Arguments = [.. args] };
    }

    private static int Positive(string name, string value) =>
        int.TryParse(value, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n : throw new ArgumentException($"'{name}' needs a whole number above 0, not '{value}'.");

    private static bool OnOff(string name, string value) => value switch
    {
        "on" => true,
        "off" => false,
        _ => throw new ArgumentException($"'{name}' needs on or off, not '{value}'."),
    };

    private static int NonNegative(string name, string value) =>
        int.TryParse(value, CultureInfo.InvariantCulture, out var n) && n >= 0
            ? n : throw new ArgumentException($"'{name}' needs a whole number of 0 or more, not '{value}'.");

    private static IReadOnlyList<StorageKind> ParseStorage(string value) => value switch
    {
        "embedded" => [StorageKind.Embedded],
        "postgres" => [StorageKind.Postgres],
        "both" => [StorageKind.Embedded, StorageKind.Postgres],
        _ => throw new ArgumentException($"'--storage' is embedded, postgres or both, not '{value}'."),
    };

    private static BenchScenario ParseScenario(string value) =>
        Enum.TryParse<BenchScenario>(value, ignoreCase: true, out var scenario) && Enum.IsDefined(scenario)
            ? scenario : throw new ArgumentException($"'--only' is diamond, large, raw or wind, not '{value}'.");

    private static IReadOnlyList<double> ParseList(string name, string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(v => double.TryParse(v, CultureInfo.InvariantCulture, out var d) && d >= 0
                ? d : throw new ArgumentException($"'{name}' needs comma-separated numbers, not '{value}'."))
            .ToList();
}
