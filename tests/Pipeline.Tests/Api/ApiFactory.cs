using Pipeline.Tests.Support;

namespace Pipeline.Tests.Api;

/// <summary>The host as the API tests need it: a small backfill limit, so the limit can be tested cheaply.</summary>
public sealed class ApiFactory : PipelineWebFactory
{
    public const int MaxBackfillDays = 31;

    public ApiFactory() => Settings["Engine:MaxBackfillDays"] = MaxBackfillDays.ToString();
}
