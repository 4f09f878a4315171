using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Connectors.Cache;
using Pipeline.Jobs.AirQuality;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.AirQuality;

/// <summary>The live Sensors page of the dashboard and the status it polls.</summary>
public sealed partial class SensorsPageTests
{
    [Fact]
    public async Task The_page_shows_each_sensors_latest_value_and_alert_state_and_polls_at_least_every_2_s()
    {
        await using var host = new PipelineWebFactory();
        await WriteLatestAsync(host, "2005-04-04T14:00:00", co: "12.5", no2: "", coAlert: true);
        using var client = host.CreateClient();

        var html = await client.GetStringAsync("/hangfire/sensors", TestContext.Current.CancellationToken);

        Assert.Contains("2005-04-04T14:00:00", html);
        Assert.Matches(Row("co", "12.5", "ALERT"), html);
        Assert.Matches(Row("no2", "—", "missing"), html);
        Assert.Matches(Row("temperature", "28.5", "measured"), html);
        var interval = int.Parse(PollInterval().Match(html).Groups[1].Value);
        Assert.InRange(interval, 1, 2000);
        Assert.Contains("/hangfire/sensors/status", html);
    }

    [Fact]
    public async Task The_status_the_page_polls_follows_the_cache()
    {
        await using var host = new PipelineWebFactory();
        using var client = host.CreateClient();
        var ct = TestContext.Current.CancellationToken;

        var before = await client.GetFromJsonAsync<JsonElement>("/hangfire/sensors/status", ct);
        await WriteLatestAsync(host, "2004-03-10T18:00:00", co: "2.6", no2: "250", no2Alert: true);
        var after = await client.GetFromJsonAsync<JsonElement>("/hangfire/sensors/status", ct);

        Assert.Equal(JsonValueKind.Null, before.GetProperty("timestamp").ValueKind);
        Assert.Equal("2004-03-10T18:00:00", after.GetProperty("timestamp").GetString());
        var no2 = after.GetProperty("sensors").EnumerateArray().Single(s => s.GetProperty("key").GetString() == "no2");
        Assert.Equal("250", no2.GetProperty("value").GetString());
        Assert.Equal("alert", no2.GetProperty("state").GetString());
    }

    [Fact]
    public async Task The_page_is_in_the_dashboard_menu_and_closed_to_other_machines_without_credentials()
    {
        await using var host = new PipelineWebFactory();
        using var client = host.CreateClient();
        var ct = TestContext.Current.CancellationToken;

        var pipelines = await client.GetStringAsync("/hangfire/pipelines", ct);
        host.RemoteAddress = IPAddress.Parse("192.0.2.7");
        var remote = await client.GetAsync("/hangfire/sensors/status", ct);

        Assert.Contains("/hangfire/sensors\"", pipelines);
        Assert.Equal(HttpStatusCode.Unauthorized, remote.StatusCode);
    }

    private static Task WriteLatestAsync(PipelineWebFactory host, string timestamp, string co, string no2, bool coAlert = false, bool no2Alert = false) =>
        host.Services.GetRequiredService<ICache>().SetHashesAsync([new CacheHash(SensorCache.LatestKey, new Dictionary<string, string>
        {
            ["timestamp"] = timestamp, ["co"] = co, ["no2"] = no2, ["temperature"] = "28.5", ["relativeHumidity"] = "13.1",
            ["absoluteHumidity"] = "0.5", ["coAlert"] = coAlert ? "true" : "false", ["no2Alert"] = no2Alert ? "true" : "false",
        })], TestContext.Current.CancellationToken);

    private static Regex Row(string sensor, string value, string state) =>
        new($"data-sensor=\"{sensor}\">.*?<td class=\"sensor-value\">{Regex.Escape(value)}</td>.*?<td class=\"sensor-state\"><span[^>]*>{state}</span>");

    [GeneratedRegex(@"setInterval\(refresh, (\d+)\)")]
    private static partial Regex PollInterval();
}
