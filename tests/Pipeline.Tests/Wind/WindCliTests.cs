using Microsoft.Extensions.Configuration;
using Pipeline.Scheduler.Cli;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Wind;

/// <summary>
/// `seed-source` and `run wind-etl` as a user types them, in embedded mode: the run command's own host
/// serves the source API on a loopback port, so no server is needed.
/// </summary>
public sealed class WindCliTests : IDisposable
{
    private readonly TempDirectory _data = new();

    private async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CliApp.RunAsync(args, output, error, config => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Engine:DataDirectory"] = _data.Path,
            ["Engine:SchedulePollingInterval"] = "00:00:00.100",
        }));
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Seed_source_fills_a_range_and_seeding_it_again_changes_nothing()
    {
        var (exit, output, _) = await RunAsync("seed-source", "--from", "2024-11-01", "--to", "2024-11-02");

        Assert.Equal(0, exit);
        Assert.Contains("Seeded 2880 rows from 2024-11-01 to 2024-11-02.", output);
        Assert.Contains("The source now holds 2880 rows, 2024-11-01 00:00:00Z to 2024-11-02 23:59:00Z.", output);

        var (again, second, _) = await RunAsync("seed-source", "--from", "2024-11-01", "--to", "2024-11-02");

        Assert.Equal(0, again);
        Assert.Contains("The source now holds 2880 rows", second);
    }

    [Fact]
    public async Task Seed_source_imports_real_measurements_from_a_csv_file()
    {
        var csv = Path.Combine(_data.Path, "turbine.csv");
        await File.WriteAllLinesAsync(csv,
        [
            "timestamp,wind_speed,power,ambient_temperature",
            "2024-10-01T00:00:00Z,5.2,210.5,11.3",
            "2024-10-01T00:01:00Z,,220,11.2",
            "2024-10-01T02:02:00+02:00,5.4,230.25,",
        ], TestContext.Current.CancellationToken);

        var (exit, output, _) = await RunAsync("seed-source", "--csv", csv);

        Assert.Equal(0, exit);
        Assert.Contains("Imported 3 rows", output);
        Assert.Contains("The source now holds 3 rows, 2024-10-01 00:00:00Z to 2024-10-01 00:02:00Z.", output);
    }

    [Theory]
    [InlineData(new[] { "seed-source", "--from", "2024-13-01" }, "error: --from: '2024-13-01' is not a date in the form yyyy-MM-dd.")]
    [InlineData(new[] { "seed-source", "--from", "2024-10-05", "--to", "2024-10-01" }, "error: --to: '--to' (2024-10-01) is before '--from' (2024-10-05).")]
    [InlineData(new[] { "seed-source", "--csv", "/nonexistent/turbine.csv" }, "error: --csv: There is no file '/nonexistent/turbine.csv'.")]
    public async Task Bad_seed_input_is_a_message_and_exit_code_two(string[] args, string message)
    {
        var (exit, _, error) = await RunAsync(args);

        Assert.Equal(2, exit);
        Assert.Equal(message, error.Trim());
    }

    [Fact]
    public async Task A_malformed_csv_line_is_named_and_nothing_is_imported()
    {
        var csv = Path.Combine(_data.Path, "bad.csv");
        await File.WriteAllLinesAsync(csv,
            ["timestamp,wind_speed,power,ambient_temperature", "2024-10-01T00:00:00Z,5.2,210.5,11.3", "2024-10-01T00:01:00Z,fast,220,11.2"],
            TestContext.Current.CancellationToken);

        var (exit, _, error) = await RunAsync("seed-source", "--csv", csv);

        Assert.Equal(2, exit);
        Assert.Equal($"error: --csv: {csv}, line 3: wind_speed 'fast' is not a number.", error.Trim());
    }

    [Fact]
    public async Task Run_wind_etl_for_a_partition_reads_the_source_through_its_own_api_and_succeeds()
    {
        // No seeding first: the embedded source fills itself with the default range on first use.
        var (exit, output, error) = await RunAsync("run", "wind-etl", "--partition", "2024-10-01");

        Assert.True(exit == 0, output + error);
        Assert.Matches(@"extract\s+Succeeded", output);
        Assert.Matches(@"load\s+Succeeded", output);
        Assert.Matches(@"Run [0-9a-f-]+ Succeeded", output);
    }

    public void Dispose() => _data.Dispose();
}
