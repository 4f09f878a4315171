using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Connectors.Lake;
using Pipeline.Connectors.Parquet;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Lake;

/// <summary>
/// What every lake promises, run against each implementation: the local folder of embedded mode and the
/// real S3 server (s3rver). A key that works on one works on the other.
/// </summary>
public abstract class LakeContractTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract ILake Lake { get; }

    protected string BucketName { get; } = S3Server.UniqueBucket("lake-contract");

    private ILakeBucket Bucket => Lake.Bucket(BucketName);

    public virtual ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task An_object_put_is_read_back_byte_for_byte_and_stat_gives_its_size()
    {
        var content = Encoding.UTF8.GetBytes("{\"name\": \"Brauerei Zür Mühle\"}");
        var before = DateTimeOffset.UtcNow.AddMinutes(-5);

        await Bucket.PutBytesAsync("bronze/data/date=2024-10-01/raw.json", content, Ct);

        Assert.Equal(content, await Bucket.ReadBytesAsync("bronze/data/date=2024-10-01/raw.json", Ct));
        var stat = await Bucket.StatAsync("bronze/data/date=2024-10-01/raw.json", Ct);
        Assert.NotNull(stat);
        Assert.Equal(content.Length, stat.Size);
        Assert.InRange(stat.LastModified, before, DateTimeOffset.UtcNow.AddMinutes(5));
        Assert.True(await Bucket.ExistsAsync("bronze/data/date=2024-10-01/raw.json", Ct));
    }

    [Fact]
    public async Task A_missing_object_is_not_found_and_a_missing_bucket_is_empty()
    {
        var never = Lake.Bucket(S3Server.UniqueBucket("never-written"));
        Assert.Empty(await never.ListAsync("", Ct).ToListAsync(Ct));
        Assert.False(await never.ExistsAsync("a.json", Ct));
        await Assert.ThrowsAsync<LakeObjectNotFoundException>(() => never.OpenReadAsync("a.json", Ct));

        await Bucket.PutTextAsync("present.txt", "here", Ct);
        Assert.False(await Bucket.ExistsAsync("absent.txt", Ct));
        Assert.Null(await Bucket.StatAsync("absent.txt", Ct));
        var missing = await Assert.ThrowsAsync<LakeObjectNotFoundException>(() => Bucket.OpenReadAsync("absent.txt", Ct));
        Assert.Equal("absent.txt", missing.Key);
        Assert.Equal(BucketName, missing.Bucket);
    }

    [Fact]
    public async Task Putting_again_replaces_the_object()
    {
        await Bucket.PutTextAsync("gold/summary.json", "first, and longer", Ct);
        await Bucket.PutTextAsync("gold/summary.json", "second", Ct);

        Assert.Equal("second", await Bucket.ReadTextAsync("gold/summary.json", Ct));
        Assert.Equal(6, (await Bucket.StatAsync("gold/summary.json", Ct))!.Size);
        Assert.Single(await Bucket.ListAsync("gold/", Ct).ToListAsync(Ct));
    }

    [Fact]
    public async Task Listing_by_prefix_finds_objects_at_every_depth_in_key_order()
    {
        string[] keys = ["a/x.json", "a/b/y.json", "a/b/c/z.json", "a/b/c/d/deep.json", "ab/w.json", "b/v.json", "top.json"];
        foreach (var key in keys) await Bucket.PutTextAsync(key, key, Ct);

        Assert.Equal(["a/b/c/d/deep.json", "a/b/c/z.json", "a/b/y.json", "a/x.json"], await KeysAsync("a/"));
        Assert.Equal(["a/b/c/d/deep.json", "a/b/c/z.json", "a/b/y.json", "a/x.json", "ab/w.json"], await KeysAsync("a"));
        Assert.Equal(["a/b/c/d/deep.json", "a/b/c/z.json"], await KeysAsync("a/b/c/"));
        Assert.Equal(keys.Order(StringComparer.Ordinal), await KeysAsync(""));
        Assert.Empty(await KeysAsync("nothing/here/"));
        var listed = await Bucket.ListAsync("a/b/y", Ct).ToListAsync(Ct);
        Assert.Equal("a/b/y.json".Length, Assert.Single(listed).Size);
    }

    [Fact]
    public async Task Delete_removes_one_object_and_deleting_a_missing_one_is_harmless()
    {
        await Bucket.PutTextAsync("logs/date=2024-10-01/one.log", "1", Ct);
        await Bucket.PutTextAsync("logs/date=2024-10-01/two.log", "2", Ct);

        await Bucket.DeleteAsync("logs/date=2024-10-01/one.log", Ct);
        await Bucket.DeleteAsync("logs/date=2024-10-01/one.log", Ct);
        await Bucket.DeleteAsync("never/was.log", Ct);

        Assert.False(await Bucket.ExistsAsync("logs/date=2024-10-01/one.log", Ct));
        Assert.Equal(["logs/date=2024-10-01/two.log"], await KeysAsync("logs/"));
    }

    [Fact]
    public async Task Delete_prefix_removes_exactly_what_is_under_it()
    {
        // Many sibling folders under one parent: s3rver's multi-object delete fails on exactly that.
        string[] day1 = [.. Enumerable.Range(0, 12).Select(i => $"silver/date=2024-10-01/location=State {i}/part-0.parquet"),
                         "silver/date=2024-10-01/location=Ohio/sub/part-1.parquet"];
        string[] kept = ["silver/date=2024-10-02/location=Texas/part-0.parquet", "silver/date=2024-10-011/x.parquet", "bronze/date=2024-10-01/raw.json"];
        foreach (var key in day1.Concat(kept)) await Bucket.PutTextAsync(key, "x", Ct);

        var deleted = await Bucket.DeletePrefixAsync("silver/date=2024-10-01/", Ct);

        Assert.Equal(13, deleted);
        Assert.Empty(await KeysAsync("silver/date=2024-10-01/"));
        Assert.Equal(kept.Order(StringComparer.Ordinal), await KeysAsync(""));
        Assert.Equal(0, await Bucket.DeletePrefixAsync("silver/date=2024-10-01/", Ct));
        await Assert.ThrowsAsync<InvalidLakeKeyException>(() => Bucket.DeletePrefixAsync("", Ct));
    }

    [Fact]
    public async Task A_large_object_from_a_stream_that_cannot_seek_round_trips()
    {
        var content = RandomNumberGenerator.GetBytes(9 * 1024 * 1024); // above S3's 5 MiB multipart threshold

        await using (var source = new ForwardOnlyStream(content))
            await Bucket.PutAsync("big/blob.bin", source, Ct);

        await using var read = await Bucket.OpenReadAsync("big/blob.bin", Ct);
        Assert.True(read.CanSeek);
        Assert.Equal(content.Length, read.Length);
        Assert.Equal(SHA256.HashData(content), await SHA256.HashDataAsync(read, Ct));
    }

    [Fact]
    public async Task Empty_objects_and_keys_with_spaces_and_non_ascii_letters_work()
    {
        await Bucket.PutBytesAsync("empty/marker", ReadOnlyMemory<byte>.Empty, Ct);
        await Bucket.PutTextAsync("silver/location=São Paulo/état 1.json", "ok", Ct);

        Assert.Equal(0, (await Bucket.StatAsync("empty/marker", Ct))!.Size);
        Assert.Empty(await Bucket.ReadBytesAsync("empty/marker", Ct));
        Assert.Equal("ok", await Bucket.ReadTextAsync("silver/location=São Paulo/état 1.json", Ct));
        Assert.Equal(["silver/location=São Paulo/état 1.json"], await KeysAsync("silver/location=São"));
    }

    [Fact]
    public async Task Rows_written_as_parquet_are_read_back_equal()
    {
        var rows = Enumerable.Range(0, 2500).Select(i => new SampleRow
        {
            Id = $"id-{i}", Name = i % 7 == 0 ? null : $"Brewery “{i}”", Latitude = i % 5 == 0 ? null : i / 100.0,
            Seen = new DateTime(2024, 10, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(i),
        }).ToList();

        await Bucket.PutParquetAsync("silver/rows.parquet", rows, Ct);
        var read = await Bucket.ReadParquetAsync<SampleRow>("silver/rows.parquet", Ct);

        Assert.Equal(rows, read);
    }

    [Theory]
    [InlineData("../escape.json")]
    [InlineData("a/../../escape.json")]
    [InlineData("a/./b.json")]
    [InlineData("/etc/passwd")]
    [InlineData("a//b.json")]
    [InlineData("folder/")]
    [InlineData("")]
    [InlineData("a\\b.json")]
    [InlineData("line\nbreak")]
    public async Task Invalid_keys_are_refused_before_anything_is_touched(string key)
    {
        await Assert.ThrowsAsync<InvalidLakeKeyException>(() => Bucket.PutTextAsync(key, "x", Ct));
        await Assert.ThrowsAsync<InvalidLakeKeyException>(() => Bucket.OpenReadAsync(key, Ct));
        await Assert.ThrowsAsync<InvalidLakeKeyException>(() => Bucket.StatAsync(key, Ct));
        await Assert.ThrowsAsync<InvalidLakeKeyException>(() => Bucket.DeleteAsync(key, Ct));
        var refused = await Assert.ThrowsAsync<InvalidLakeKeyException>(() => Bucket.ExistsAsync(key, Ct));

        Assert.Equal("key", refused.ParamName);
        Assert.Contains(key, refused.Message, StringComparison.Ordinal);
        Assert.Empty(await KeysAsync(""));
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("/abs/")]
    [InlineData("a//")]
    public async Task Invalid_prefixes_are_refused(string prefix)
    {
        await Assert.ThrowsAsync<InvalidLakeKeyException>(() => Bucket.ListAsync(prefix, Ct).ToListAsync(Ct).AsTask());
        await Assert.ThrowsAsync<InvalidLakeKeyException>(() => Bucket.DeletePrefixAsync(prefix, Ct));
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("Upper-Case")]
    [InlineData("under_score")]
    [InlineData("-starts-with-dash")]
    [InlineData("two..dots")]
    [InlineData(".staging")]
    public void Invalid_bucket_names_are_refused(string name)
    {
        var refused = Assert.Throws<InvalidLakeKeyException>(() => Lake.Bucket(name));
        Assert.Equal("bucket", refused.ParamName);
    }

    private async Task<List<string>> KeysAsync(string prefix) =>
        (await Bucket.ListAsync(prefix, Ct).ToListAsync(Ct)).Select(i => i.Key).ToList();

    public sealed record SampleRow
    {
        public string Id { get; set; } = "";
        public string? Name { get; set; }
        public double? Latitude { get; set; }
        public DateTime Seen { get; set; }
    }

    /// <summary>A stream that only reads forward, like a network response body.</summary>
    private sealed class ForwardOnlyStream(byte[] content) : MemoryStream(content, writable: false)
    {
        public override bool CanSeek => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override long Seek(long offset, SeekOrigin loc) => throw new NotSupportedException();
    }
}

public sealed class FolderLakeContractTests : LakeContractTests
{
    private readonly TempDirectory _root = new();

    public FolderLakeContractTests() => Lake = new FolderLake(_root.Path);

    protected override ILake Lake { get; }

    [Fact]
    public async Task Objects_are_plain_files_under_the_bucket_folder_and_deletes_leave_no_empty_folders()
    {
        var bucket = Lake.Bucket(BucketName);
        await bucket.PutTextAsync("silver/date=2024-10-01/location=Ohio/part-0.parquet", "x", TestContext.Current.CancellationToken);
        Assert.True(File.Exists(Path.Combine(_root.Path, BucketName, "silver", "date=2024-10-01", "location=Ohio", "part-0.parquet")));

        await bucket.DeletePrefixAsync("silver/date=2024-10-01/", TestContext.Current.CancellationToken);

        Assert.False(Directory.Exists(Path.Combine(_root.Path, BucketName, "silver")));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_root.Path, FolderLake.StagingFolder)));
    }

    // xUnit v3 calls only DisposeAsync on a class that has both, so an IDisposable here left every test's folder behind.
    public override ValueTask DisposeAsync()
    {
        _root.Dispose();
        return ValueTask.CompletedTask;
    }
}

public sealed class S3LakeContractTests : LakeContractTests
{
    protected override ILake Lake { get; } = LakeFactory.Create(S3Server.Options(), "unused", NullLoggerFactory.Instance);

    public override async ValueTask DisposeAsync() => await S3Server.DropBucketAsync(BucketName);

    [Fact]
    public void The_lake_is_S3_when_an_endpoint_is_configured()
    {
        Assert.IsType<S3Lake>(Lake);
        Assert.StartsWith("S3 at http://127.0.0.1:", Lake.Description, StringComparison.Ordinal);
    }
}
