namespace Pipeline.Connectors.Lake;

/// <summary>There is no object under the key (or no such bucket).</summary>
public sealed class LakeObjectNotFoundException(string bucket, string key)
    : LakeException($"No object '{key}' in lake bucket '{bucket}'.")
{
    public string Bucket { get; } = bucket;
    public string Key { get; } = key;
}
