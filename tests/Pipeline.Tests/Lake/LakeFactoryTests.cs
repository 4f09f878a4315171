using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Connectors.Lake;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Lake;

public sealed class LakeFactoryTests
{
    [Fact]
    public void Without_an_endpoint_the_lake_is_a_folder_under_the_data_directory()
    {
        using var data = new TempDirectory();

        var lake = LakeFactory.Create(new LakeOptions(), data.Path, NullLoggerFactory.Instance);

        var folder = Assert.IsType<FolderLake>(lake);
        Assert.Equal(Path.Combine(data.Path, "lake"), folder.Root);
        Assert.Equal($"local folder {folder.Root}", lake.Description);
    }

    [Theory]
    [InlineData("ftp://minio:9000")]
    [InlineData("http://minio:9000/some/path")]
    [InlineData("http://")]
    public void A_malformed_endpoint_stops_start_up_with_a_message_naming_the_setting(string endpoint)
    {
        var refused = Assert.Throws<InvalidOperationException>(() =>
            LakeFactory.Create(new LakeOptions { Endpoint = endpoint }, "unused", NullLoggerFactory.Instance));

        Assert.Contains("Lake:Endpoint", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_S3_gives_up_after_its_bounded_retries_with_a_message_naming_the_object()
    {
        var options = new LakeOptions
        {
            Endpoint = $"http://127.0.0.1:{ClosedPort()}", AccessKey = "k", SecretKey = "s",
            MaxRetries = 2, RetryDelay = TimeSpan.FromMilliseconds(20), RequestTimeout = TimeSpan.FromSeconds(5),
        };
        var bucket = LakeFactory.Create(options, "unused", NullLoggerFactory.Instance).Bucket("unreachable");
        var clock = Stopwatch.StartNew();

        var failed = await Assert.ThrowsAsync<LakeException>(() =>
            bucket.StatAsync("bronze/raw.json", TestContext.Current.CancellationToken));

        Assert.Contains("stat 'unreachable/bronze/raw.json' failed after 3 attempt(s)", failed.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed}");
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
