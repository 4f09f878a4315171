using System.Net;
using System.Net.Http.Headers;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Scheduler.Access;
using Pipeline.Scheduler.Access.ApiKeys;
using Pipeline.Scheduler.Engine.Controls;
using Pipeline.Scheduler.Hosting;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Access;

/// <summary>
/// The real host on real Kestrel, listening on loopback and on a non-loopback address of this machine, so that a
/// "remote" caller is one in fact (its address is not loopback), with every scheme configured: OpenID Connect and JWT
/// from a <see cref="TestIssuer"/>, a Basic admin, API keys; 127.0.0.1 is a known proxy.
/// </summary>
public sealed class AccessHost : IAsyncLifetime
{
    public const string BasicAdmin = "root";
    public const string BasicPassword = "a-long-basic-password";
    public const int IngestPermits = 4;

    private readonly TempDirectory _data = new();
    private WebApplication? _app;

    public TestIssuer Issuer { get; private set; } = null!;
    public Uri LocalAddress { get; private set; } = null!;
    public Uri RemoteAddress { get; private set; } = null!;

    /// <summary>The address other machines' requests come from here: this machine's own non-loopback address.</summary>
    public IPAddress RemoteIp { get; } = NonLoopbackAddress();

    public IServiceProvider Services => _app!.Services;

    /// <summary>For a host of a test's own: settings over (or, as null, removing) the shared host's.</summary>
    public IReadOnlyDictionary<string, string?> Overrides { get; init; } = new Dictionary<string, string?>();

    public string EnvironmentName { get; init; } = "Testing";

    /// <summary>For a host of a test's own: the clock the host reads (a FakeTimeProvider the test moves); null: the real one.</summary>
    public TimeProvider? Clock { get; init; }

    public async ValueTask InitializeAsync()
    {
        Issuer = await TestIssuer.StartAsync();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = ContentRoot.Find(), EnvironmentName = EnvironmentName });
        var settings = Settings();
        foreach (var (key, value) in Overrides)
        {
            if (value is null) settings.Remove(key);
            else settings[key] = value;
        }
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls($"http://127.0.0.1:0;http://{RemoteIp}:0");
        if (Clock is not null) builder.Services.AddSingleton(Clock);
        builder.AddPipelineWeb();
        _app = builder.Build();
        _app.MapPipelineWeb();
        await _app.StartAsync();
        var addresses = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a)).ToList();
        LocalAddress = addresses.Single(a => a.Host == "127.0.0.1");
        RemoteAddress = addresses.Single(a => a.Host == RemoteIp.ToString());
    }

    private Dictionary<string, string?> Settings() => new()
    {
        ["Engine:DataDirectory"] = _data.Path,
        ["Engine:SchedulePollingInterval"] = "00:00:00.100",
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:Pipeline.Tasks"] = "None",
        ["Logging:LogLevel:Hangfire"] = "Error",
        ["Apis:PokeApi:BaseAddress"] = "http://127.0.0.1:9",
        ["Apis:CoinGecko:BaseAddress"] = "http://127.0.0.1:9",
        ["Apis:OpenBreweryDb:BaseAddress"] = "http://127.0.0.1:9",
        ["Access:Oidc:Authority"] = Issuer.Authority,
        ["Access:Oidc:ClientId"] = TestIssuer.ClientId,
        ["Access:Oidc:ClientSecret"] = TestIssuer.ClientSecret,
        ["Access:Oidc:RequireHttpsMetadata"] = "false",
        [$"Access:Users:{BasicAdmin}:PasswordHash"] = PasswordHashes.Hash(BasicPassword),
        [$"Access:Users:{BasicAdmin}:Role"] = "admin",
        ["Access:KnownProxies:0"] = "127.0.0.1",
        ["Access:IngestRateLimit:PermitLimit"] = IngestPermits.ToString(),
        ["Access:IngestRateLimit:Window"] = "00:10:00",
        ["Access:Hsts"] = "true",
    };

    /// <summary>A client on another machine (as far as the host can tell); the handler keeps no cookies and follows no redirects.</summary>
    public HttpClient Remote(AuthenticationHeaderValue? credentials = null)
    {
        var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = RemoteAddress };
        http.DefaultRequestHeaders.Authorization = credentials;
        return http;
    }

    /// <summary>
    /// A browser on another machine that follows redirects and keeps its cookies (in <paramref name="cookies"/> when
    /// given): its first page request goes through the provider's sign-in, as <paramref name="user"/>.
    /// </summary>
    public HttpClient Browser(string user, string[] roles, CookieContainer? cookies = null)
    {
        Issuer.NextUser = (user, roles);
        var browser = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies ?? new CookieContainer(), AllowAutoRedirect = true })
            { BaseAddress = RemoteAddress };
        browser.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        return browser;
    }

    public HttpClient Local() => new(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = LocalAddress };

    public static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    public static AuthenticationHeaderValue Bearer(string token) => new("Bearer", token);

    public async Task<string> CreateKeyAsync(string name, string role, DateTime? expiresAt = null) =>
        (await Services.GetRequiredService<ApiKeyStore>().CreateAsync(name, role, expiresAt, new Actor("test:setup"), CancellationToken.None)).Key;

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        if (Issuer is not null) await Issuer.DisposeAsync();
        _data.Dispose();
    }

    private static IPAddress NonLoopbackAddress() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
        ?? throw new InvalidOperationException("This machine has no non-loopback IPv4 address to play the remote caller from.");
}

[CollectionDefinition(Name)]
public sealed class AccessCollection : ICollectionFixture<AccessHost>
{
    public const string Name = "access";
}
