using System.Diagnostics;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Pipeline.Connectors.Cache;
using Pipeline.Jobs.AirQuality;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.AirQuality;

/// <summary>
/// The Sensors page in a real (headless) browser: it must follow the cache by itself, without a reload, within 2.5 s
/// on the clock, so the class runs alone (<see cref="WallClockCollection"/>).
/// </summary>
[Collection(WallClockCollection.Name)]
public sealed class SensorsPageBrowserTests
{
    private static readonly string[] BrowserArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    [Fact]
    public async Task The_page_shows_a_new_reading_and_its_alert_within_2_s_without_reloading()
    {
        await using var host = new PipelineWebFactory();
        host.UseKestrel(0);
        host.StartServer();
        var address = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var cache = host.Services.GetRequiredService<ICache>();
        var ct = TestContext.Current.CancellationToken;
        await WriteLatestAsync(cache, "2005-04-04T13:00:00", co: "2.1", coAlert: false, ct);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = TestServices.Chromium,
            Args = BrowserArgs,
        });
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"{address}/hangfire/sensors");
        var co = page.Locator("tr[data-sensor='co']");
        Assert.Equal("2.1", await co.Locator(".sensor-value").TextContentAsync());
        Assert.Equal("OK", await co.Locator(".sensor-state").TextContentAsync());
        // A mark on the window: a reload would wipe it.
        await page.EvaluateAsync("() => { window.sensorsTestMark = 'still here'; }");

        await WriteLatestAsync(cache, "2005-04-04T14:00:00", co: "12.5", coAlert: true, ct);
        var clock = Stopwatch.StartNew();
        await page.WaitForFunctionAsync(
            "() => document.querySelector(\"tr[data-sensor='co'] .sensor-value\").textContent === '12.5'",
            null, new PageWaitForFunctionOptions { Timeout = 2500, PollingInterval = 50 });
        var took = clock.Elapsed;

        Assert.True(took <= TimeSpan.FromSeconds(2.5), $"the page took {took.TotalSeconds:0.0} s to show the new reading");
        Assert.Equal("ALERT", await co.Locator(".sensor-state").TextContentAsync());
        Assert.Equal("2005-04-04T14:00:00", await page.Locator("#sensors-timestamp").TextContentAsync());
        Assert.Equal("still here", await page.EvaluateAsync<string>("() => window.sensorsTestMark"));
    }

    private static Task WriteLatestAsync(ICache cache, string timestamp, string co, bool coAlert, CancellationToken ct) =>
        cache.SetHashesAsync([new CacheHash(SensorCache.LatestKey, new Dictionary<string, string>
        {
            ["timestamp"] = timestamp, ["co"] = co, ["no2"] = "150", ["temperature"] = "20", ["relativeHumidity"] = "40",
            ["absoluteHumidity"] = "0.9", ["coAlert"] = coAlert ? "true" : "false", ["no2Alert"] = "false",
        })], ct);
}
