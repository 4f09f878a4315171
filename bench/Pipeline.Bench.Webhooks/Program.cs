using Pipeline.Bench.Webhooks;

// bench/webhook-latency.sh: N failing runs per setup (embedded, PostgreSQL with one and with two hosts), each run's
// webhook timed from the run's FinishedAt to its arrival at a local receiver; ends with a Markdown table.
LatencyOptions options;
try
{
    options = LatencyOptions.Parse(args);
}
catch (ArgumentException bad)
{
    Console.Error.WriteLine($"error: {bad.Message}");
    return 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
var postgres = Environment.GetEnvironmentVariable("PIPELINE_TEST_POSTGRES");
if (options.Postgres && string.IsNullOrWhiteSpace(postgres))
{
    Console.Error.WriteLine("error: PIPELINE_TEST_POSTGRES is not set: run the bench with bench/webhook-latency.sh, which starts PostgreSQL.");
    return 2;
}

var setups = new List<LatencySetup>();
var dead = options.DeadWebhook ? ", beside a dead webhook" : "";
if (options.Embedded) setups.Add(new LatencySetup($"embedded (SQLite, Hangfire in memory){dead}", 1, null, options.DeadWebhook, options.Settings));
if (options.Postgres)
{
    setups.Add(new LatencySetup($"PostgreSQL{dead}", 1, postgres, options.DeadWebhook, options.Settings));
    setups.Add(new LatencySetup($"PostgreSQL{dead}", 2, postgres, options.DeadWebhook, options.Settings));
}

Console.WriteLine($"webhook latency: {options.Runs} failing breweries runs per setup, one after the other" +
                  (options.Settings.Count == 0 ? "" : $"; settings {string.Join(", ", options.Settings.Select(s => $"{s.Key}={s.Value}"))}"));
await using var receiver = await WebhookReceiver.StartAsync(stop.Token);
var results = new List<SetupResult>();
foreach (var setup in setups)
{
    var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
    var result = await setup.RunAsync(options.Runs, receiver, stop.Token);
    results.Add(result);
    Console.WriteLine($"{setup.Name}, {result.Hosts} host(s): done (1-minute load {load} before, {File.ReadAllText("/proc/loadavg").Split(' ')[0]} after)");
}

Console.WriteLine();
Console.WriteLine(LatencyTable.Markdown(results));
return results.Any(r => r.Missed > 0 || r.Seconds.Any(s => s > LatencyTable.Floor.TotalSeconds)) ? 1 : 0;
