using Microsoft.Extensions.Logging.Console;

namespace Pipeline.Scheduler.Hosting;

/// <summary>
/// What operators expect of an ASP.NET Core host: the listening address from ASPNETCORE_URLS,
/// ASPNETCORE_HTTP_PORTS / HTTPS_PORTS, `--urls` or `Urls`, and the built-in JSON console formatter
/// (Logging:Console:FormatterName=json) carrying the run, task and attempt scope of every task log line.
/// </summary>
public static class HostingConventions
{
    public const string LocalAddress = "http://localhost:5000";

    public static WebApplicationBuilder AddHostingConventions(this WebApplicationBuilder builder)
    {
        // A default in appsettings.json would win over ASPNETCORE_URLS (app settings come after the
        // host's ASPNETCORE_ variables), so the local default is set only when nothing else names an address.
        if (!NamesAnAddress(builder.Configuration)) builder.WebHost.UseUrls(LocalAddress);

        // Scopes are what lets a log search follow a run; on unless the settings say otherwise.
        if (builder.Configuration["Logging:Console:FormatterOptions:IncludeScopes"] is null)
            builder.Services.Configure<JsonConsoleFormatterOptions>(o => o.IncludeScopes = true);
        return builder;
    }

    /// <summary>The keys through which ASP.NET Core (and Kestrel) take a listening address.</summary>
    public static bool NamesAnAddress(IConfiguration configuration) =>
        new[] { "urls", "http_ports", "https_ports" }.Any(key => !string.IsNullOrWhiteSpace(configuration[key]))
        || configuration.GetSection("Kestrel:Endpoints").GetChildren().Any();
}
