using Microsoft.Extensions.Logging;
using System.Runtime.CompilerServices;
using Minio;

namespace Pipeline.Connectors.Lake;

/// <summary>Chooses the lake once, at start-up: S3 when an endpoint is configured, else a local folder.</summary>
public static class LakeFactory
{
    public static ILake Create(LakeOptions options, string dataDirectory, ILoggerFactory loggers)
    {
        if (string.IsNullOrWhiteSpace(options.Endpoint))
        {
            var folder = string.IsNullOrWhiteSpace(options.Directory) ? Path.Combine(dataDirectory, "lake") : options.Directory;
            return new FolderLake(folder);
        }
        return CreateS3(options.Endpoint, options, loggers);
    }

    // Its own method, never inlined, so that a host with a local folder lake never loads Minio: the JIT loads the
    // types a method mentions when it compiles the method (bench/notes.md, "fresh host: ReadyToRun and memory").
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ILake CreateS3(string endpointText, LakeOptions options, ILoggerFactory loggers)
    {
        if (options.MaxRetries < 0) throw new InvalidOperationException("Lake:MaxRetries must be 0 or more.");
        if (options.RequestTimeout <= TimeSpan.Zero) throw new InvalidOperationException("Lake:RequestTimeout must be positive.");
        var endpoint = ParseEndpoint(endpointText);
        var client = new MinioClient()
            .WithEndpoint(endpoint.Host, endpoint.Port)
            .WithSSL(endpoint.Scheme == Uri.UriSchemeHttps)
            .WithCredentials(options.AccessKey ?? "", options.SecretKey ?? "")
            .WithRegion(options.Region)
            // A backstop: each attempt is also bounded by RequestTimeout in S3Lake's own resilience pipeline.
            .WithTimeout((int)Math.Min(int.MaxValue, options.RequestTimeout.TotalMilliseconds * 2))
            .Build();
        return new S3Lake(client, endpoint, options, loggers.CreateLogger<S3Lake>());
    }

    /// <summary>"http://minio:9000", "https://s3.example.com" or "minio:9000" (plain HTTP).</summary>
    private static Uri ParseEndpoint(string endpoint)
    {
        var text = endpoint.Contains("://", StringComparison.Ordinal) ? endpoint : $"http://{endpoint}";
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
            || uri.AbsolutePath is not ("/" or ""))
            throw new InvalidOperationException(
                $"Lake:Endpoint '{endpoint}' is not an S3 endpoint like http://minio:9000 (scheme, host and port only).");
        return uri;
    }
}
