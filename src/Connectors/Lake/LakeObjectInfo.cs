namespace Pipeline.Connectors.Lake;

/// <summary>An object in a bucket: its key, size in bytes and the time it was last written.</summary>
public sealed record LakeObjectInfo(string Key, long Size, DateTimeOffset LastModified);
