using System.Text;

namespace Pipeline.Connectors.Lake;

/// <summary>
/// The rules every lake follows, so a key that works on the local folder works on S3 and cannot escape
/// its bucket: keys are relative, '/'-separated, with no empty, '.' or '..' segment, no backslash and no
/// control character, at most 1024 UTF-8 bytes. Bucket names follow S3's rules.
/// </summary>
public static class LakeKeys
{
    private const int MaxKeyBytes = 1024;

    public static string ValidateKey(string key) => Validate(key, nameof(key), allowTrailingSlash: false);

    /// <summary>A prefix may be empty (the whole bucket) or end with '/' (a folder).</summary>
    public static string ValidatePrefix(string prefix) =>
        prefix.Length == 0 ? prefix : Validate(prefix, nameof(prefix), allowTrailingSlash: true);

    public static string ValidateBucket(string bucket)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        if (bucket.Length is < 3 or > 63)
            throw new InvalidLakeKeyException(nameof(bucket), bucket, "a bucket name has 3 to 63 characters.");
        if (!bucket.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '.'))
            throw new InvalidLakeKeyException(nameof(bucket), bucket, "a bucket name has only lowercase letters, digits, '-' and '.'.");
        if (!char.IsAsciiLetterOrDigit(bucket[0]) || !char.IsAsciiLetterOrDigit(bucket[^1]))
            throw new InvalidLakeKeyException(nameof(bucket), bucket, "a bucket name starts and ends with a letter or digit.");
        if (bucket.Contains("..", StringComparison.Ordinal))
            throw new InvalidLakeKeyException(nameof(bucket), bucket, "a bucket name has no '..'.");
        return bucket;
    }

    /// <summary>Joins segments with '/', e.g. Combine("silver", "date=2024-10-01", "x.parquet").</summary>
    public static string Combine(params string[] segments) => string.Join('/', segments.Select(s => s.Trim('/')));

    private static string Validate(string value, string name, bool allowTrailingSlash)
    {
        ArgumentNullException.ThrowIfNull(value, name);
        if (value.Length == 0)
            throw new InvalidLakeKeyException(name, value, "it is empty.");
        if (value[0] == '/')
            throw new InvalidLakeKeyException(name, value, "it is absolute (starts with '/'); keys are relative to the bucket.");
        if (value.Contains('\\'))
            throw new InvalidLakeKeyException(name, value, "it contains '\\'; segments are separated by '/'.");
        if (value.Any(char.IsControl))
            throw new InvalidLakeKeyException(name, value, "it contains a control character.");
        if (Encoding.UTF8.GetByteCount(value) > MaxKeyBytes)
            throw new InvalidLakeKeyException(name, value, $"it is longer than {MaxKeyBytes} UTF-8 bytes.");

        var body = allowTrailingSlash && value.EndsWith('/') ? value[..^1] : value;
        foreach (var segment in body.Split('/'))
        {
            if (segment.Length == 0)
                throw new InvalidLakeKeyException(name, value, "it has an empty segment ('//' or a trailing '/').");
            if (segment is "." or "..")
                throw new InvalidLakeKeyException(name, value, $"it has a '{segment}' segment.");
        }
        return value;
    }
}
