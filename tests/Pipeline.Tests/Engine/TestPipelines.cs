using Pipeline.Scheduler.Engine.Definitions;

namespace Pipeline.Tests.Engine;

/// <summary>The small DAGs the engine tests run.</summary>
public static class TestPipelines
{
    public static readonly RetryPolicy NoRetry = RetryPolicy.None;

    public static IEnumerable<PipelineDefinition> All() =>
    [
        new PipelineBuilder("diamond").MaxConcurrentRuns(5).DefaultRetry(NoRetry)
            .Task<RecordJob>("start")
            .Task<BarrierJob>("left", after: ["start"])
            .Task<BarrierJob>("right", after: ["start"])
            .Task<RecordJob>("join", after: ["left", "right"])
            .Build(),

        new PipelineBuilder("ordered").MaxConcurrentRuns(3).DefaultRetry(NoRetry)
            .Task<HoldableJob>("first")
            .Task<RecordJob>("second", after: ["first"])
            .Build(),

        new PipelineBuilder("retrying").MaxConcurrentRuns(10)
            .Task<FailingJob>("flaky", retry: new RetryPolicy(4, TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(500)))
            .Build(),

        new PipelineBuilder("failing").MaxConcurrentRuns(10)
            .DefaultRetry(new RetryPolicy(2, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100)))
            .Task<RecordJob>("a")
            .Task<FailingJob>("b", after: ["a"])
            .Task<RecordJob>("c", after: ["b"])
            .Task<RecordJob>("d", after: ["a"])
            .Build(),

        // b's only upstream is a, so b always runs inline in a's Hangfire job (Engine:RunReadyTasksInline). The wait
        // before b's retry is long enough for a test to see it waiting, even on a loaded machine.
        new PipelineBuilder("chain-retry").MaxConcurrentRuns(10)
            .DefaultRetry(new RetryPolicy(2, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3)))
            .Task<RecordJob>("a")
            .Task<FailingJob>("b", after: ["a"])
            .Build(),

        new PipelineBuilder("unbuildable").MaxConcurrentRuns(10)
            .DefaultRetry(new RetryPolicy(2, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100)))
            .Task<UnbuildableJob>("broken")
            .Task<RecordJob>("after", after: ["broken"])
            .Build(),

        new PipelineBuilder("blocking").MaxConcurrentRuns(10).DefaultRetry(NoRetry)
            .Task<BlockingJob>("hold")
            .Task<RecordJob>("after", after: ["hold"])
            .Build(),

        // Three siblings between a root and a join: on a host whose workers are all busy, one job runs them one after another.
        new PipelineBuilder("fan").MaxConcurrentRuns(10).DefaultRetry(NoRetry)
            .Task<RecordJob>("root")
            .Task<RecordJob>("x", after: ["root"])
            .Task<RecordJob>("y", after: ["root"])
            .Task<RecordJob>("z", after: ["root"])
            .Task<RecordJob>("join", after: ["x", "y", "z"])
            .Build(),

        // Two siblings that wait on the probe's gate: one runs inline in root's job, and the kept one must go to another worker.
        new PipelineBuilder("fan-gated").MaxConcurrentRuns(10).DefaultRetry(NoRetry)
            .Task<RecordJob>("root")
            .Task<GatedJob>("p", after: ["root"])
            .Task<GatedJob>("q", after: ["root"])
            .Build(),

        // Two siblings that each fail their first attempt (parameter "failures" = 1).
        new PipelineBuilder("fan-retry").MaxConcurrentRuns(10)
            .DefaultRetry(new RetryPolicy(2, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100)))
            .Task<RecordJob>("root")
            .Task<FailingJob>("a", after: ["root"])
            .Task<FailingJob>("b", after: ["root"])
            .Build(),

        // One run at a time, two tasks in a chain: a backfill's runs follow each other.
        new PipelineBuilder("serial").PartitionedDaily(new DateOnly(2024, 1, 1)).MaxConcurrentRuns(1).DefaultRetry(NoRetry)
            .Task<RecordJob>("first")
            .Task<RecordJob>("second", after: ["first"])
            .Build(),

        new PipelineBuilder("daily").PartitionedDaily(new DateOnly(2024, 1, 1)).MaxConcurrentRuns(2).DefaultRetry(NoRetry)
            .Task<GatedJob>("gated")
            .Build(),

        // UTC+14: the local day differs from UTC's for most of the day, so a UTC slip shows.
        new PipelineBuilder("scheduled").PartitionedDaily(new DateOnly(2020, 1, 1), "Pacific/Kiritimati").Schedule("0 1 * * *")
            .MaxConcurrentRuns(10).DefaultRetry(NoRetry)
            .Task<RecordJob>("only")
            .Build(),

        // The operator controls' tests: a day's transform fails while the probe marks the day failing; report is a
        // sibling branch of transform, so clearing transform with its downstream must leave it alone.
        new PipelineBuilder("controlled").PartitionedDaily(new DateOnly(2024, 1, 1)).MaxConcurrentRuns(3).DefaultRetry(NoRetry)
            .Task<RecordJob>("extract")
            .Task<DayFailingJob>("transform", after: ["extract"])
            .Task<RecordJob>("load", after: ["transform"])
            .Task<RecordJob>("report", after: ["extract"])
            .Build(),
    ];
}
