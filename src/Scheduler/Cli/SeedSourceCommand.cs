using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Connectors.WindSource;
using Pipeline.Connectors.WindSource.Seeding;
using Pipeline.Scheduler.Engine;
using Pipeline.Scheduler.Hosting;

namespace Pipeline.Scheduler.Cli;

/// <summary>
/// `seed-source [--from YYYY-MM-DD --to YYYY-MM-DD] [--csv FILE]`: fills the wind source database, with
/// generated data (the default range is the original case's, 2024-10-01 to 2024-10-22) or with real
/// measurements from a CSV file. Idempotent: each day is replaced in one transaction.
/// </summary>
public sealed class SeedSourceCommand(TextWriter output, TextWriter error, Func<IConfiguration> configuration)
{
    public Command Create()
    {
        var from = new Option<string?>("--from") { Description = "The first day to generate, YYYY-MM-DD (default 2024-10-01)." };
        var to = new Option<string?>("--to") { Description = "The last day to generate, YYYY-MM-DD, inclusive (default 2024-10-22)." };
        var csv = new Option<string?>("--csv") { Description = "Import real measurements from this CSV file instead (timestamp,wind_speed,power,ambient_temperature)." };
        var command = new Command("seed-source", "Fill the wind-etl source database with generated data or a CSV file.") { from, to, csv };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(from), parse.GetValue(to), parse.GetValue(csv), ct));
        return command;
    }

    private async Task<int> RunAsync(string? fromText, string? toText, string? csvPath, CancellationToken ct)
    {
        try
        {
            var config = configuration();
            var dataDirectory = config.GetSection(EngineOptions.Section).Get<EngineOptions>()?.DataDirectory ?? new EngineOptions().DataDirectory;
            var (database, _) = WindEtlServiceCollectionExtensions.ResolveDatabases(config, dataDirectory);
            var store = new WindSourceStore(database);
            var seeder = new SourceSeeder(store, NullLogger<SourceSeeder>.Instance);
            output.WriteLine($"Source: {database.Describe()}");

            long rows;
            if (csvPath is not null)
            {
                if (fromText is not null || toText is not null)
                    throw new InvalidRequestException("--csv", "--csv imports the file's own days; leave out --from and --to.");
                if (!File.Exists(csvPath)) throw new InvalidRequestException("--csv", $"There is no file '{csvPath}'.");
                var readings = await CsvReadings.ReadAsync(csvPath, ct);
                rows = await seeder.ImportAsync(readings, ct);
                output.WriteLine($"Imported {rows} rows from {csvPath}.");
            }
            else
            {
                var first = Day("--from", fromText, WindGenerator.DefaultFrom);
                var last = Day("--to", toText, WindGenerator.DefaultTo);
                if (last < first) throw new InvalidRequestException("--to", $"'--to' ({last:yyyy-MM-dd}) is before '--from' ({first:yyyy-MM-dd}).");
                var days = last.DayNumber - first.DayNumber + 1;
                var progress = new Progress<DateOnly>(day =>
                {
                    var done = day.DayNumber - first.DayNumber + 1;
                    if (done % 30 == 0 || done == days) output.WriteLine($"  {done}/{days} day(s), up to {day:yyyy-MM-dd}");
                });
                rows = await seeder.SeedAsync(first, last, progress, ct);
                output.WriteLine($"Seeded {rows} rows from {first:yyyy-MM-dd} to {last:yyyy-MM-dd}.");
            }
            var summary = await store.SummarizeAsync(ct);
            output.WriteLine($"The source now holds {summary.Rows} rows{(summary.First is { } f ? $", {f:u} to {summary.Last:u}" : "")}.");
            return CliApp.Ok;
        }
        catch (InvalidRequestException invalid)
        {
            error.WriteLine($"error: {invalid.Field}: {invalid.Message}");
            return CliApp.BadInput;
        }
        catch (FormatException malformed)
        {
            error.WriteLine($"error: --csv: {malformed.Message}");
            return CliApp.BadInput;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            error.WriteLine("Interrupted; the days seeded so far are complete, run the command again for the rest.");
            return CliApp.RunFailed;
        }
        catch (Exception unexpected)
        {
            error.WriteLine($"error: {unexpected.GetType().Name}: {unexpected.Message}");
            return CliApp.Unavailable;
        }
    }

    private static DateOnly Day(string option, string? text, DateOnly fallback) =>
        text is null ? fallback
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day
        : throw new InvalidRequestException(option, $"'{text}' is not a date in the form yyyy-MM-dd.");
}
