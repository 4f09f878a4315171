namespace Pipeline.Jobs;

/// <summary>
/// A pipeline's first-use code, run once on a small sample in memory while the host starts, so that the first run on a
/// freshly started host does not wait for the JIT to compile it (and for serializers to build their per-type code) on
/// its way. A warm-up touches no service and writes nothing anywhere: it only calls the pipeline's own code.
/// </summary>
public interface IWarmUp
{
    Task WarmUpAsync(CancellationToken ct);
}
