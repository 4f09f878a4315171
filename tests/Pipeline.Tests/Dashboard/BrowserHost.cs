using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Dashboard;

/// <summary>
/// The real host listening on a loopback port, and one headless Chromium for a test class: pages open at
/// 1280x800, the smallest window the dashboard promises to fit without scrolling sideways.
/// </summary>
public class BrowserHost : IAsyncLifetime
{
    private static readonly string[] BrowserArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public PipelineWebFactory Host { get; } = new();
    public IServiceProvider Services => Host.Services;
    public string Address { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        Configure(Host);
        Host.UseKestrel(0);
        Host.StartServer();
        Address = Host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = TestServices.Chromium, Args = BrowserArgs });
    }

    /// <summary>Settings for the host before it starts.</summary>
    protected virtual void Configure(PipelineWebFactory host)
    {
    }

    public async Task<IPage> OpenAsync(string dashboardPath)
    {
        var page = await _browser!.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        await page.GotoAsync($"{Address}/hangfire{dashboardPath}");
        return page;
    }

    /// <summary>
    /// Presses a key that opens a link, and waits for the navigation to the address to commit. The wait starts before the
    /// key: Playwright's WaitForURLAsync compares the page's address, then listens for the next navigation, and
    /// Keyboard.PressAsync returns without waiting for the navigation it starts; a navigation that commits between the
    /// two is never seen, and the wait times out on a page that did navigate (seen on a loaded machine, 1 run in 7).
    /// </summary>
    public static async Task PressAndFollowAsync(IPage page, string key, string url)
    {
        var navigated = page.WaitForURLAsync(url, new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
        await page.Keyboard.PressAsync(key);
        await navigated;
    }

    /// <summary>Whether the page is wider than the window: a horizontal scroll bar.</summary>
    public static Task<bool> ScrollsSidewaysAsync(IPage page) =>
        page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth");

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        await Host.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
