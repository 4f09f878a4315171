using Pipeline.Connectors.Cache;

namespace Pipeline.Tests.Connectors;

public sealed class InProcessCacheTests : CacheContract
{
    protected override ICache Cache { get; } = new InProcessCache(TimeProvider.System);
}
