using System.Net;
using System.Xml.Linq;
using Minio;
using Minio.DataModel.Args;

namespace Pipeline.Connectors.Lake;

/// <summary>
/// Reads an object with one signed GET. The Minio SDK's GetObjectAsync sends HEAD bucket and HEAD object before
/// each GET: three round trips per read, and on s3rver a HEAD bucket lists the whole bucket. A read-heavy task
/// (silver reads back every partition it wrote, gold reads them all again) then spends most of its time on
/// requests that tell it nothing the GET does not.
/// </summary>
internal static class S3ObjectDownload
{
    // The URL is made for one request, sent at once: the expiry only has to outlast clock skew and queueing.
    private const int UrlExpirySeconds = 15 * 60;

    /// <summary>Copies the object into <paramref name="destination"/>; false when there is no such object or bucket.</summary>
    public static async Task<bool> TryCopyToAsync(IMinioClient client, string bucket, string key, Stream destination,
        CancellationToken cancellationToken)
    {
        var url = await client.PresignedGetObjectAsync(new PresignedGetObjectArgs()
            .WithBucket(bucket).WithObject(key).WithExpiry(UrlExpirySeconds));
        using var response = await client.Config.HttpClient.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound) return false;
        if (!response.IsSuccessStatusCode)
            throw await S3ErrorResponseException.ReadAsync(response, cancellationToken);
        await response.Content.CopyToAsync(destination, cancellationToken);
        return true;
    }
}

/// <summary>An S3 error answer (status, and the code and message of its XML body when it has one).</summary>
internal sealed class S3ErrorResponseException(HttpStatusCode status, string? code, string message) : Exception(message)
{
    public HttpStatusCode Status { get; } = status;

    public string? Code { get; } = code;

    public static async Task<S3ErrorResponseException> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        string? code = null, message = null;
        try
        {
            var error = XDocument.Parse(body).Root;
            code = error?.Element("Code")?.Value;
            message = error?.Element("Message")?.Value;
        }
        catch (System.Xml.XmlException)
        {
            // Not S3's XML (a proxy's page, say): the status alone says what happened.
        }
        return new S3ErrorResponseException(response.StatusCode, code,
            message ?? $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
    }
}
