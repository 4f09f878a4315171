namespace Pipeline.Tests.Support;

/// <summary>A directory of its own for one test host, removed afterwards.</summary>
public sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("pipeline-test-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { /* a file still held open by a pool; the OS cleans temp */ }
    }
}
