using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Pipeline.Tests.Support;

/// <summary>
/// The real host (Program) in embedded mode with its own data directory. Requests come from loopback
/// unless <see cref="RemoteAddress"/> says otherwise, as a browser on another machine would.
/// </summary>
public class PipelineWebFactory : WebApplicationFactory<Program>
{
    /// <summary>A loopback port nothing listens on (the discard port): a call fails at once, offline.</summary>
    private const string UnreachableApi = "http://127.0.0.1:9";

    private readonly TempDirectory _data = new();

    public IPAddress RemoteAddress { get; set; } = IPAddress.Loopback;

    public Dictionary<string, string?> Settings { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Engine:DataDirectory", _data.Path);
        builder.UseSetting("Engine:SchedulePollingInterval", "00:00:00.100");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Pipeline.Tasks", "None");
        builder.UseSetting("Logging:LogLevel:Hangfire", "Error");
        // Schedules stay registered (some tests read them), so a scheduled run may start in any test host:
        // it must never reach a public API. A test that needs one points it at its WireMock server.
        foreach (var api in new[] { "PokeApi", "CoinGecko", "OpenBreweryDb" })
            builder.UseSetting($"Apis:{api}:BaseAddress", UnreachableApi);
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new RemoteAddressFilter(() => RemoteAddress)));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _data.Dispose();
    }

    private sealed class RemoteAddressFilter(Func<IPAddress> address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext context, RequestDelegate nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = address();
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
