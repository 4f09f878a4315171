using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Pipeline.Connectors.Apis.WindSource;
using Pipeline.Scheduler.Hosting;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Wind;

/// <summary>
/// Where extract finds the source API when none is configured: the host's own address. A host that cannot
/// serve it must say so at once, never leave extract waiting for an address that will not come.
/// </summary>
public sealed class SourceApiAddressTests
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_host_without_an_http_server_refuses_at_once()
    {
        using var data = new TempDirectory();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Engine:DataDirectory"] = data.Path, ["Engine:WorkerCount"] = "0" });
        builder.Services.AddPipelineEngine(builder.Configuration);
        using var host = builder.Build();

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            host.Services.GetRequiredService<ISourceApiAddress>().GetAsync(TestContext.Current.CancellationToken).WaitAsync(Soon, TestContext.Current.CancellationToken));

        Assert.Equal("WindEtl:SourceApi:Url is not set and this host has no HTTP server to serve the source API itself.", refused.Message);
    }

    [Fact]
    public async Task An_in_memory_test_server_refuses_at_once()
    {
        await using var factory = new PipelineWebFactory();
        _ = factory.Server;

        // It reports the configured URL (http://localhost:5000) as its address, yet listens on nothing.
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            factory.Services.GetRequiredService<ISourceApiAddress>().GetAsync(TestContext.Current.CancellationToken).WaitAsync(Soon, TestContext.Current.CancellationToken));

        Assert.Contains("in-memory TestServer with no address to call", refused.Message);
    }

    [Fact]
    public async Task A_configured_url_wins_without_waiting_for_the_host()
    {
        await using var factory = new PipelineWebFactory();
        factory.Settings["WindEtl:SourceApi:Url"] = "http://source.example:8080";

        var address = await factory.Services.GetRequiredService<ISourceApiAddress>().GetAsync(TestContext.Current.CancellationToken).WaitAsync(Soon, TestContext.Current.CancellationToken);

        Assert.Equal(new Uri("http://source.example:8080"), address);
    }
}
