using System.Globalization;
using Pipeline.Bench;
using Pipeline.Bench.Measuring;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

if (args.Length > 0 && args[0] == "cancel-backfill")
{
    using var interrupt = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) => { e.Cancel = true; interrupt.Cancel(); };
    return await Pipeline.Bench.Controls.CancelBackfillBench.RunAsync(args[1..], Console.Out, interrupt.Token);
}

BenchOptions options;
try
{
    if (args.Contains("--help") || args.Contains("-h"))
    {
        Console.WriteLine(BenchOptions.Usage);
        return 0;
    }
    options = BenchOptions.Parse(args);
}
catch (ArgumentException invalid)
{
    Console.Error.WriteLine($"error: {invalid.Message}");
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

var results = await new BenchRunner(options, Console.Error).RunAsync(stop.Token);
if (options.RssFile is { } rssFile)
    await File.WriteAllTextAsync(rssFile, ProcessMeter.ProcessPeakRssMegabytes().ToString(CultureInfo.InvariantCulture));
var table = MarkdownTable.Render(results, options.Storages);
var floors = FloorsTable.Render(results, new BenchMetrics(options), options);
if (floors.Length > 0)
    table += $"{Environment.NewLine}Floors measured above (median of the repetitions):{Environment.NewLine}{Environment.NewLine}{floors}";
Console.Write(table);
if (options.Output is { } output)
{
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
    await File.WriteAllTextAsync(output, table);
}
return 0;
