using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Minio;
using Pipeline.Connectors.Lake;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Lake;

/// <summary>
/// What reading from S3 costs in requests, seen on the wire to s3rver. A task that reads a few hundred objects
/// (silver's read-back, gold) paid three round trips a read when the SDK checked the bucket and the object first.
/// </summary>
public sealed class S3ReadRequestsTests : IAsyncDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly string _bucketName = S3Server.UniqueBucket("lake-reads");
    private readonly RecordingHandler _wire = new();
    private readonly IMinioClient _client;
    private readonly ILakeBucket _bucket;

    public S3ReadRequestsTests()
    {
        var options = S3Server.Options();
        var endpoint = new Uri(options.Endpoint!);
        _client = new MinioClient().WithEndpoint(endpoint.Host, endpoint.Port).WithSSL(false)
            .WithCredentials(options.AccessKey, options.SecretKey).WithRegion(options.Region)
            .WithHttpClient(new HttpClient(_wire), disposeHttpClient: true).Build();
        _bucket = new S3Lake(_client, endpoint, options, NullLogger<S3Lake>.Instance).Bucket(_bucketName);
    }

    [Fact]
    public async Task Reading_an_object_or_finding_it_missing_is_one_GET()
    {
        await _bucket.PutTextAsync("silver/location=Oregon/breweries.json", "[1, 2, 3]", Ct);
        _wire.Sent.Clear();

        Assert.Equal("[1, 2, 3]", await _bucket.ReadTextAsync("silver/location=Oregon/breweries.json", Ct));
        await Assert.ThrowsAsync<LakeObjectNotFoundException>(() => _bucket.OpenReadAsync("silver/location=Utah/breweries.json", Ct));

        Assert.Equal([$"GET /{_bucketName}/silver/location=Oregon/breweries.json", $"GET /{_bucketName}/silver/location=Utah/breweries.json"],
            _wire.Sent.ToArray());
    }

    [Fact]
    public async Task A_read_answered_with_SlowDown_is_retried_and_a_refused_one_is_not()
    {
        await _bucket.PutTextAsync("bronze/raw.json", "{}", Ct);
        _wire.Sent.Clear();

        _wire.AnswerNextGet(HttpStatusCode.ServiceUnavailable, "SlowDown", "Please reduce your request rate.");
        Assert.Equal("{}", await _bucket.ReadTextAsync("bronze/raw.json", Ct));
        Assert.Equal(2, _wire.Sent.Count);

        _wire.AnswerNextGet(HttpStatusCode.Forbidden, "AccessDenied", "Access Denied.");
        var refused = await Assert.ThrowsAsync<LakeException>(() => _bucket.ReadTextAsync("bronze/raw.json", Ct));
        Assert.Equal(3, _wire.Sent.Count);
        Assert.Contains($"get '{_bucketName}/bronze/raw.json' failed: AccessDenied: Access Denied.", refused.Message, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await S3Server.DropBucketAsync(_bucketName);
    }

    /// <summary>Records each request sent to s3rver; can answer the next GET itself, as an overloaded or refusing S3 would.</summary>
    private sealed class RecordingHandler() : DelegatingHandler(new SocketsHttpHandler())
    {
        private (HttpStatusCode Status, string Code, string Message)? _nextGet;

        public ConcurrentQueue<string> Sent { get; } = new();

        public void AnswerNextGet(HttpStatusCode status, string code, string message) => _nextGet = (status, code, message);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Sent.Enqueue($"{request.Method} {Uri.UnescapeDataString(request.RequestUri!.AbsolutePath)}");
            if (request.Method == HttpMethod.Get && _nextGet is { } answer)
            {
                _nextGet = null;
                return new HttpResponseMessage(answer.Status)
                {
                    Content = new StringContent(
                        $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>{answer.Code}</Code><Message>{answer.Message}</Message></Error>",
                        Encoding.UTF8, "application/xml"),
                };
            }
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
