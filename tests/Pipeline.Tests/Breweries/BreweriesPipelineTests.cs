using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pipeline.Connectors.Lake;
using Pipeline.Connectors.Parquet;
using Pipeline.Jobs.Breweries;
using Pipeline.Scheduler.Engine.Queries;
using Pipeline.Scheduler.Engine.Store;
using Pipeline.Tests.Support;
using SkiaSharp;

namespace Pipeline.Tests.Breweries;

/// <summary>
/// The breweries pipeline end to end: WireMock serves Open Brewery DB pages built from the dump, the real host
/// runs a day, and the lake (the local folder, or s3rver) is checked layer by layer against the dump itself.
/// </summary>
public abstract class BreweriesPipelineTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly BreweryApiStub _api = new();
    private BreweriesHost _host = null!;

    protected BreweryApiStub Api => _api;

    protected BreweriesHost Host => _host;

    protected string BucketName { get; } = S3Server.UniqueBucket("breweries-test");

    protected abstract IEnumerable<KeyValuePair<string, string?>> LakeSettings();

    public ValueTask InitializeAsync()
    {
        _host = new BreweriesHost(_api.BaseUrl, BucketName, LakeSettings());
        return ValueTask.CompletedTask;
    }

    public virtual async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        _api.Dispose();
    }

    [Fact]
    public async Task A_day_goes_through_bronze_silver_gold_and_chart_despite_throttling_and_a_server_error()
    {
        var served = DirtyApiObjects(out var expected);
        _api.Serve(served);
        _api.ThrottleOnce(page: 3, retryAfterSeconds: 1);
        _api.ServerErrorOnce(page: 5);
        var clock = Stopwatch.StartNew();

        var run = await _host.RunDayAsync();

        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"breweries run on {GetType().Name}: {run.Run.DurationSeconds:0.00} s ({string.Join(", ", run.Tasks.Select(t => $"{t.Task} {t.DurationSeconds:0.00} s"))}); {clock.Elapsed.TotalSeconds:0.00} s from trigger to end"));
        Assert.True(run.Run.State == RunState.Succeeded, Describe(run));
        Assert.All(run.Tasks, t => Assert.Equal(TaskState.Succeeded, t.State));

        // The 429 was retried after the Retry-After it asked for; the 500 was retried; both once.
        var page3 = _api.RequestsFor(3);
        Assert.Equal(2, page3.Count);
        Assert.True(page3[1].RequestMessage.DateTime - page3[0].RequestMessage.DateTime >= TimeSpan.FromSeconds(0.95),
            $"retried {page3[1].RequestMessage.DateTime - page3[0].RequestMessage.DateTime} after a 429 asking for 1 s");
        Assert.Equal(2, _api.RequestsFor(5).Count);
        Assert.Single(_api.RequestsFor(_api.PageCount + 1));

        // Bronze: every object as the API sent it, duplicates and all.
        using var bronze = JsonDocument.Parse(await _host.Lake.ReadTextAsync(BreweryKeys.Bronze(BreweriesHost.Day), Ct));
        Assert.Equal(served.Count, bronze.RootElement.GetArrayLength());
        Assert.Equal(served[4].ToJsonString(), bronze.RootElement[4].GetRawText());

        // Silver: one partition per state or province, the drops and repairs counted exactly.
        var silverKeys = await KeysAsync(BreweryKeys.SilverDay(BreweriesHost.Day));
        var states = BreweryDump.All.Select(r => r["state_province"]).Distinct().ToList();
        Assert.Equal(states.Select(s => BreweryKeys.SilverPartition(BreweriesHost.Day, s)).Order(StringComparer.Ordinal), silverKeys);
        var silverRows = 0;
        foreach (var key in silverKeys)
        {
            var rows = await _host.Lake.ReadParquetAsync<SilverBrewery>(key, Ct);
            silverRows += rows.Count;
            Assert.All(rows, r => Assert.Equal(r.BreweryType, r.BreweryType.Trim().ToLowerInvariant()));
        }
        Assert.Equal(BreweryDump.All.Count, silverRows);
        var quality = JsonSerializer.Deserialize<JsonObject>(await _host.Lake.ReadTextAsync(BreweryKeys.Quality(BreweriesHost.Day), Ct))!;
        Assert.Equal(served.Count, (int)quality["bronze_rows"]!);
        Assert.Equal(BreweryDump.All.Count, (int)quality["silver_rows"]!);
        Assert.Equal(3, (int)quality["dropped"]![BreweryCleaner.DuplicateId]!);
        Assert.Equal(1, (int)quality["dropped"]![BreweryCleaner.MissingId]!);
        Assert.Equal(expected.Lowercased, (int)quality["repaired"]![BreweryCleaner.TypeLowercased]!);
        Assert.Equal(expected.Trimmed, (int)quality["repaired"]![BreweryCleaner.Trimmed]!);
        Assert.Equal(expected.Emptied, (int)quality["repaired"]![BreweryCleaner.EmptyToNull]!);
        Assert.Equal(expected.TextCoordinates, (int)quality["repaired"]![BreweryCleaner.CoordinateText]!);

        // Gold: the same counts as an independent count of the dump.
        var gold = await _host.Lake.ReadParquetAsync<GoldBreweryCount>(BreweryKeys.Gold(BreweriesHost.Day), Ct);
        Assert.Equal(BreweryDump.CountByLocationAndType(BreweryDump.All).OrderBy(c => c.Key).ToList(),
            gold.ToDictionary(g => (g.Location, g.BreweryType), g => g.Breweries).OrderBy(c => c.Key).ToList());

        AssertReadableChart(await _host.Lake.ReadBytesAsync(BreweryKeys.Chart(BreweriesHost.Day), Ct));
        Assert.DoesNotContain(await KeysAsync(""), k => k.Contains("/logs/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Running_a_day_again_replaces_its_objects_and_leaves_no_stale_partition()
    {
        // The breweries of a dozen states are enough to show it, at a fraction of the whole dump's objects.
        var states = BreweryDump.All.Select(r => r["state_province"]).Distinct().Take(12).ToHashSet();
        var first = BreweryDump.All.Where(r => states.Contains(r["state_province"])).ToList();
        _api.Serve(first.Select(BreweryDump.ToApiObject).ToList());
        Assert.Equal(RunState.Succeeded, (await _host.RunDayAsync()).Run.State);
        var gone = first[0]["state_province"];
        var goneKey = BreweryKeys.SilverPartition(BreweriesHost.Day, gone);
        Assert.True(await _host.Lake.ExistsAsync(goneKey, Ct));

        var remaining = first.Where(r => r["state_province"] != gone).ToList();
        _api.Serve(remaining.Select(BreweryDump.ToApiObject).ToList());
        var again = await _host.RunDayAsync();

        Assert.True(again.Run.State == RunState.Succeeded, Describe(again));
        Assert.False(await _host.Lake.ExistsAsync(goneKey, Ct), $"{goneKey} is left over from the first run");
        Assert.DoesNotContain(await KeysAsync(""), k => k.Contains($"location={gone}/", StringComparison.Ordinal));
        using var bronze = JsonDocument.Parse(await _host.Lake.ReadTextAsync(BreweryKeys.Bronze(BreweriesHost.Day), Ct));
        Assert.Equal(remaining.Count, bronze.RootElement.GetArrayLength());
        var gold = await _host.Lake.ReadParquetAsync<GoldBreweryCount>(BreweryKeys.Gold(BreweriesHost.Day), Ct);
        Assert.DoesNotContain(gold, g => g.Location == gone);
        Assert.Equal(remaining.Count, gold.Sum(g => g.Breweries));
        Assert.Equal(states.Count - 1, (await KeysAsync(BreweryKeys.SilverDay(BreweriesHost.Day))).Count);
        Assert.Single(await KeysAsync("gold/data/visualizations/"));
    }

    [Fact]
    public async Task A_failed_gate_fails_its_task_with_what_and_how_much_and_leaves_the_error_log_in_the_lake()
    {
        var withoutType = BreweryDump.All.Select(BreweryDump.ToApiObject).ToList();
        foreach (var brewery in withoutType) brewery.Remove("brewery_type");
        _api.Serve(withoutType);

        var run = await _host.RunDayAsync();

        Assert.Equal(RunState.Failed, run.Run.State);
        var silver = run.Tasks.Single(t => t.Task == "build_silver");
        Assert.Equal(TaskState.Failed, silver.State);
        var message = $"lacks required column(s) brewery_type: present in 0 of {withoutType.Count} rows";
        Assert.Contains(message, silver.Error, StringComparison.Ordinal);
        Assert.Equal(TaskState.Succeeded, run.Tasks.Single(t => t.Task == "extract_bronze").State);
        Assert.Equal(TaskState.UpstreamFailed, run.Tasks.Single(t => t.Task == "build_gold").State);

        var logKey = Assert.Single(await KeysAsync(BreweryKeys.ErrorLogs("silver", BreweriesHost.Day)));
        Assert.Matches(@"^silver/logs/date=2025-06-01/build_silver-\d{8}T\d{9}Z-attempt1\.log$", logKey);
        var log = await _host.Lake.ReadTextAsync(logKey, Ct);
        Assert.Contains(message, log, StringComparison.Ordinal);
        Assert.Contains(run.Run.Id.ToString(), log, StringComparison.Ordinal);
        Assert.Contains(await _host.LogsAsync(run.Run.Id, "build_silver"), l => l.Message.Contains(logKey, StringComparison.Ordinal));
        Assert.Empty(await KeysAsync(BreweryKeys.SilverDay(BreweriesHost.Day)));
    }

    [Fact]
    public async Task An_API_that_stays_down_fails_extract_after_bounded_retries_with_an_error_log_in_bronze()
    {
        _api.AlwaysFail();

        var run = await _host.RunDayAsync();

        Assert.Equal(RunState.Failed, run.Run.State);
        var extract = run.Tasks.Single(t => t.Task == "extract_bronze");
        Assert.Equal(TaskState.Failed, extract.State);
        Assert.Contains("503", extract.Error, StringComparison.Ordinal);
        Assert.Equal(4, _api.RequestsFor(1).Count); // the first try and Apis:OpenBreweryDb:MaxRetries = 3
        var logKey = Assert.Single(await KeysAsync(BreweryKeys.ErrorLogs("bronze", BreweriesHost.Day)));
        Assert.Contains("503", await _host.Lake.ReadTextAsync(logKey, Ct), StringComparison.Ordinal);
        Assert.False(await _host.Lake.ExistsAsync(BreweryKeys.Bronze(BreweriesHost.Day), Ct));
    }

    private async Task<List<string>> KeysAsync(string prefix) =>
        (await _host.Lake.ListAsync(prefix, Ct).ToListAsync(Ct)).Select(o => o.Key).ToList();

    private static string Describe(RunDetail run) =>
        $"run {run.Run.State}: " + string.Join("; ", run.Tasks.Select(t => $"{t.Task} {t.State} {t.Error}"));

    /// <summary>The chart decodes as a PNG of the configured size, and is a drawing, not a blank canvas.</summary>
    private static void AssertReadableChart(byte[] png)
    {
        using var bitmap = SKBitmap.Decode(png);
        Assert.NotNull(bitmap);
        Assert.Equal((1200, 800), (bitmap.Width, bitmap.Height));
        var pixels = bitmap.Pixels;
        var background = pixels.GroupBy(p => p).MaxBy(g => g.Count())!.Key;
        var drawn = pixels.Count(p => p != background) / (double)pixels.Length;
        Assert.InRange(drawn, 0.05, 0.95);
        Assert.True(pixels.Distinct().Count() >= 12, "a stacked chart of many types has many colours");
    }

    /// <summary>
    /// The dump as the API would send it, with dirt that silver must clean and count: types in capitals, names
    /// padded with spaces, empty strings for missing values, three duplicate ids and one object without id.
    /// </summary>
    private static List<JsonObject> DirtyApiObjects(out (int Lowercased, int Trimmed, int Emptied, int TextCoordinates) expected)
    {
        var objects = new List<JsonObject>();
        (int lowercased, int trimmed, int emptied, int text) = (0, 0, 0, 0);
        for (var i = 0; i < BreweryDump.All.Count; i++)
        {
            var brewery = BreweryDump.ToApiObject(BreweryDump.All[i], i);
            if (i % 7 == 3) { brewery["brewery_type"] = brewery["brewery_type"]!.GetValue<string>().ToUpperInvariant(); lowercased++; }
            if (i % 10 == 4) { brewery["name"] = $"  {brewery["name"]!.GetValue<string>()}\t"; trimmed++; }
            if (i % 13 == 6) { brewery["address_3"] = ""; emptied++; }
            if (i % 2 == 1 && brewery["longitude"] is not null) text++;
            objects.Add(brewery);
        }
        // Copies of rows that carry no other dirt, so each is counted as nothing but a duplicate.
        foreach (var (copy, at) in new[] { (1, 2500), (2, 6001), (5, 11000) })
            objects.Insert(at, (JsonObject)objects[copy].DeepClone());
        var noId = (JsonObject)objects[8].DeepClone();
        noId["id"] = null;
        objects.Insert(4000, noId);
        expected = (lowercased, trimmed, emptied, text);
        return objects;
    }
}

public sealed class BreweriesOnFolderLakeTests : BreweriesPipelineTests
{
    private readonly TempDirectory _lake = new();

    // The page reads through ILake, whose two implementations pass one contract suite: the folder suffices here.
    [Fact]
    public async Task The_dashboard_page_shows_the_chart_beside_the_gold_table()
    {
        Api.Serve(BreweryDump.All.Select(BreweryDump.ToApiObject).ToList());
        Assert.Equal(RunState.Succeeded, (await Host.RunDayAsync()).Run.State);
        var client = Host.CreateClient();
        var ct = TestContext.Current.CancellationToken;

        var page = await client.GetStringAsync("/hangfire/breweries", ct);

        Assert.Contains(BreweriesHost.Partition, page, StringComparison.Ordinal);
        Assert.Contains($"<img class=\"js-breweries-chart img-responsive\" src=\"/hangfire/breweries/chart?date={BreweriesHost.Partition}\"", page, StringComparison.Ordinal);
        var top = BreweryDump.All.GroupBy(r => r["state_province"]).MaxBy(g => g.Count())!;
        Assert.Contains($"<td>{WebUtility.HtmlEncode(top.Key)}</td>", page, StringComparison.Ordinal);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"<td class=\"text-right\"><strong>{top.Count():N0}</strong></td>"), page, StringComparison.Ordinal);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"{BreweryDump.All.Count:N0} breweries"), page, StringComparison.Ordinal);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"Silver kept {BreweryDump.All.Count:N0} of {BreweryDump.All.Count:N0} bronze rows: dropped 0"), page, StringComparison.Ordinal);

        using var chart = await client.GetAsync($"/hangfire/breweries/chart?date={BreweriesHost.Partition}", ct);
        Assert.Equal(HttpStatusCode.OK, chart.StatusCode);
        Assert.Equal("image/png", chart.Content.Headers.ContentType?.MediaType);
        Assert.Equal(await Host.Lake.ReadBytesAsync(BreweryKeys.Chart(BreweriesHost.Day), ct), await chart.Content.ReadAsByteArrayAsync(ct));

        using var missing = await client.GetAsync("/hangfire/breweries/chart?date=2025-01-02", ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var malformed = await client.GetAsync("/hangfire/breweries?date=yesterday", ct);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
    }

    [Fact]
    public async Task Before_any_run_the_dashboard_page_says_how_to_get_gold_and_the_menu_leads_to_it()
    {
        var client = Host.CreateClient();

        var page = await client.GetStringAsync("/hangfire/breweries", TestContext.Current.CancellationToken);

        Assert.Contains("No gold yet: run the breweries pipeline", page, StringComparison.Ordinal);
        Assert.DoesNotContain("js-breweries-chart", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/hangfire/breweries\"", await client.GetStringAsync("/hangfire/pipelines", TestContext.Current.CancellationToken),
            StringComparison.Ordinal);
    }

    protected override IEnumerable<KeyValuePair<string, string?>> LakeSettings() => [new("Lake:Directory", _lake.Path)];

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _lake.Dispose();
    }
}

public sealed class BreweriesOnS3LakeTests : BreweriesPipelineTests
{
    protected override IEnumerable<KeyValuePair<string, string?>> LakeSettings() => S3Server.HostSettings();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await S3Server.DropBucketAsync(BucketName);
    }
}
