using System.Globalization;
using Pipeline.Bench.Chaos;

// bench/chaos.sh: K rounds of random kills of one of three hosts during wind-etl backfills and air-quality runs on
// the real services, checking after each round that every run succeeded and every output equals a clean round's.
ChaosOptions options;
try
{
    options = ChaosOptions.Parse(args);
}
catch (ArgumentException bad)
{
    Console.Error.WriteLine($"error: {bad.Message}");
    return 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
var random = new Random(options.Seed);
if (options.Embedded)
{
    Console.WriteLine($"chaos, embedded mode: {options.Rounds} rounds of kill and restart during a hello backfill, seed {options.Seed}");
    return await EmbeddedRestarts.RunAsync(options, random, stop.Token);
}
Console.WriteLine($"chaos: {options.Rounds} rounds, {options.Days} wind-etl days a round, seed {options.Seed}; three hosts on PostgreSQL, Kafka, Redis, RabbitMQ, S3");

await using var stack = new ChaosStack();
await stack.StartAsync(options.Days, stop.Token);
var (cleanRound, clean) = await new ChaosRound(stack, random, options.Days, null).RunAsync(0, stop.Token);
Console.WriteLine($"clean round: {clean.TargetRows.Count} wind rows, {clean.AlertIds.Count} alerts, {clean.CachedReadings} cached readings in {cleanRound.RoundSeconds:0.0} s");
if (cleanRound.RunsNotSucceeded > 0) throw new InvalidOperationException("The clean round did not succeed; nothing to compare with.");

var results = new List<RoundResult>();
for (var round = 1; round <= options.Rounds; round++)
{
    var (result, _) = await new ChaosRound(stack, random, options.Days, clean).RunAsync(round, stop.Token);
    results.Add(result);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"round {round}: killed {result.Victim} during {result.During}; {result.LostAttempts} lost attempt(s) ran again after " +
        $"{string.Join(", ", result.SecondsToRunAgain.Select(s => s.ToString("0.0", CultureInfo.InvariantCulture)))} s; " +
        $"not succeeded {result.RunsNotSucceeded}, rows lost/dup {result.RowsLost}/{result.RowsDuplicated}, " +
        $"alerts lost/dup {result.AlertsLost}/{result.AlertsDuplicated}, cache lost {result.CachedReadingsLost} ({result.RoundSeconds:0} s)"));
}

Console.WriteLine();
Console.WriteLine(ChaosTable.Markdown(results));
return results.Any(r => r.RunsNotSucceeded + r.RowsLost + r.RowsDuplicated + r.AlertsLost + r.AlertsDuplicated + r.CachedReadingsLost > 0) ? 1 : 0;
