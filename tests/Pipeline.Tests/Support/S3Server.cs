using Minio;
using Minio.DataModel.Args;
using Minio.Exceptions;
using Pipeline.Connectors.Lake;

namespace Pipeline.Tests.Support;

/// <summary>
/// The S3 server that scripts/test.sh starts (s3rver), reached through the same settings a user gives
/// (Lake:Endpoint, Lake:AccessKey, Lake:SecretKey). Tests isolate themselves with a bucket of their own.
/// </summary>
public static class S3Server
{
    public const string EndpointVariable = "PIPELINE_TEST_S3_ENDPOINT";

    public static LakeOptions Options() => new()
    {
        Endpoint = Environment.GetEnvironmentVariable(EndpointVariable) is { Length: > 0 } endpoint
            ? endpoint
            : throw new InvalidOperationException(
                $"{EndpointVariable} is not set. Run the tests with ./scripts/test.sh, which starts s3rver and sets it."),
        AccessKey = Environment.GetEnvironmentVariable("PIPELINE_TEST_S3_ACCESS_KEY"),
        SecretKey = Environment.GetEnvironmentVariable("PIPELINE_TEST_S3_SECRET_KEY"),
        RequestTimeout = TimeSpan.FromSeconds(30),
        MaxRetries = 2,
        RetryDelay = TimeSpan.FromMilliseconds(50),
    };

    /// <summary>The settings a host needs to put its lake on this server.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> HostSettings()
    {
        var options = Options();
        yield return new("Lake:Endpoint", options.Endpoint);
        yield return new("Lake:AccessKey", options.AccessKey);
        yield return new("Lake:SecretKey", options.SecretKey);
    }

    /// <summary>A bucket name no other test (nor another worktree's run) uses.</summary>
    public static string UniqueBucket(string purpose) => $"{purpose}-{Guid.NewGuid():N}"[..Math.Min(63, purpose.Length + 33)];

    /// <summary>Whether the bucket exists, as a user listing the server would see it.</summary>
    public static async Task<bool> BucketExistsAsync(string bucket)
    {
        using var client = Client();
        return await client.BucketExistsAsync(new BucketExistsArgs().WithBucket(bucket));
    }

    /// <summary>Removes a test's bucket and everything in it.</summary>
    public static async Task DropBucketAsync(string bucket)
    {
        using var client = Client();
        if (!await client.BucketExistsAsync(new BucketExistsArgs().WithBucket(bucket))) return;
        var keys = new List<string>();
        await foreach (var item in client.ListObjectsEnumAsync(new ListObjectsArgs().WithBucket(bucket).WithRecursive(true)))
            keys.Add(item.Key);
        try
        {
            foreach (var batch in keys.Chunk(1000))
                await client.RemoveObjectsAsync(new RemoveObjectsArgs().WithBucket(bucket).WithObjects(batch));
        }
        catch (MinioException)
        {
            // s3rver's multi-object delete fails when objects share a folder: one at a time then.
            foreach (var key in keys)
                await client.RemoveObjectAsync(new RemoveObjectArgs().WithBucket(bucket).WithObject(key));
        }
        await client.RemoveBucketAsync(new RemoveBucketArgs().WithBucket(bucket));
    }

    /// <summary>A client of this server of the tests' own, apart from the lake under test.</summary>
    private static IMinioClient Client()
    {
        var options = Options();
        var uri = new Uri(options.Endpoint!);
        return new MinioClient().WithEndpoint(uri.Host, uri.Port)
            .WithCredentials(options.AccessKey, options.SecretKey).WithSSL(false).Build();
    }
}
