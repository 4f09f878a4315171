namespace Pipeline.Connectors.Lake;

/// <summary>A temporary file that deletes itself when closed: where large objects wait instead of memory.</summary>
internal static class SpoolFile
{
    public static FileStream Create() => new(
        Path.Combine(Path.GetTempPath(), $"pipeline-lake-{Guid.NewGuid():N}.tmp"),
        FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920,
        FileOptions.DeleteOnClose | FileOptions.Asynchronous);

    public static async Task<FileStream> CopyFromAsync(Stream content, CancellationToken cancellationToken)
    {
        var file = Create();
        try
        {
            await content.CopyToAsync(file, cancellationToken);
            file.Position = 0;
            return file;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }
}
