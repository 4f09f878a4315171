using Pipeline.Jobs;

namespace Pipeline.Tests.Engine;

/// <summary>Succeeds at once, counting its executions.</summary>
public sealed class RecordJob(TestProbe probe) : IJob
{
    public Task<JobResult> RunAsync(JobContext context)
    {
        probe.Executed(context.RunId, context.Task);
        return Task.FromResult(new JobResult(context.Task));
    }
}

/// <summary>Waits for its sibling in the same run, so both finish at the same moment.</summary>
public sealed class BarrierJob(TestProbe probe) : IJob
{
    public Task<JobResult> RunAsync(JobContext context)
    {
        probe.Executed(context.RunId, context.Task);
        if (!probe.BarrierFor(context.RunId).SignalAndWait(TimeSpan.FromSeconds(60), context.CancellationToken))
            throw new TimeoutException("The sibling task never arrived at the barrier.");
        return Task.FromResult(new JobResult(context.Task));
    }
}

/// <summary>Fails its first N attempts (parameter "failures"), or every attempt while its run's key (parameter "failing") is marked failing.</summary>
public sealed class FailingJob(TestProbe probe) : IJob
{
    public Task<JobResult> RunAsync(JobContext context)
    {
        probe.Executed(context.RunId, context.Task);
        var failures = int.Parse(context.Parameters.GetValueOrDefault("failures", "0"));
        if (context.Attempt <= failures
            || context.Parameters.TryGetValue("failing", out var key) && probe.FailingKeys.ContainsKey(key))
            throw new InvalidOperationException($"planned failure on attempt {context.Attempt}");
        return Task.FromResult(new JobResult($"succeeded on attempt {context.Attempt}"));
    }
}

/// <summary>Runs until cancelled, and records that its token fired.</summary>
public sealed class BlockingJob(TestProbe probe) : IJob
{
    public async Task<JobResult> RunAsync(JobContext context)
    {
        probe.Executed(context.RunId, context.Task);
        probe.StartedSignal(context.RunId).TrySetResult();
        try
        {
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
        }
        catch (OperationCanceledException)
        {
            probe.SawCancellation[context.RunId] = true;
            throw;
        }
        return JobResult.Empty;
    }
}

/// <summary>Holds its run open until the test opens the gate, counting how many are held at once.</summary>
public sealed class GatedJob(TestProbe probe) : IJob
{
    public async Task<JobResult> RunAsync(JobContext context)
    {
        probe.Executed(context.RunId, context.Task);
        probe.EnterGate();
        try
        {
            await probe.Gate.WaitAsync(context.CancellationToken);
        }
        finally
        {
            probe.LeaveGate();
        }
        return new JobResult(context.Partition?.ToString());
    }
}

/// <summary>Waits for the probe's gate when its run has the parameter <c>hold</c>, so a test can line up work behind it.</summary>
public sealed class HoldableJob(TestProbe probe) : IJob
{
    public async Task<JobResult> RunAsync(JobContext context)
    {
        probe.Executed(context.RunId, context.Task);
        if (context.Parameters.ContainsKey("hold")) await probe.Gate.WaitAsync(context.CancellationToken);
        return JobResult.Empty;
    }
}

/// <summary>Needs a service nobody registered, so it cannot be constructed: a wiring mistake in a real pipeline.</summary>
public sealed class UnbuildableJob(UnbuildableJob.MissingService missing) : IJob
{
    public sealed class MissingService;

    public Task<JobResult> RunAsync(JobContext context) => Task.FromResult(new JobResult(missing.ToString()));
}

/// <summary>Fails while the probe marks its run's day failing: a bug in a transform, fixed later.</summary>
public sealed class DayFailingJob(TestProbe probe) : IJob
{
    public Task<JobResult> RunAsync(JobContext context)
    {
        probe.Executed(context.RunId, context.Task);
        if (context.Partition is { } day && probe.FailingDays.ContainsKey(day.Date))
            throw new InvalidOperationException($"planned failure on {day}");
        return Task.FromResult(new JobResult($"{context.Task} {context.Partition}"));
    }
}
