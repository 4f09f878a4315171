using System.Diagnostics.Metrics;
using Pipeline.Scheduler.Engine.Telemetry;

namespace Pipeline.Bench.AirQuality;

/// <summary>
/// Completes when the host's engine counts a run's end: its <c>pipeline.runs.ended</c> counter, which it records once the
/// end has committed. The bench waits on it and then reads the run once, instead of reading the run store every 20 ms in
/// the measured process while the run goes on (a query a real observer, in another process, would not make there).
/// </summary>
public sealed class RunEndSignal : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <param name="hostMeters">The host's meter factory: only its engine's instruments are listened to.</param>
    public RunEndSignal(IMeterFactory hostMeters)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Scope == hostMeters && instrument.Meter.Name == PipelineMetrics.MeterName && instrument.Name == "pipeline.runs.ended")
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((_, _, _, _) => _ended.TrySetResult());
        _listener.Start();
    }

    /// <summary>Completes at the first run's end counted after this signal was made.</summary>
    public Task Ended => _ended.Task;

    public void Dispose() => _listener.Dispose();
}
