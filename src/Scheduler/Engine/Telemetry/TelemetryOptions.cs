namespace Pipeline.Scheduler.Engine.Telemetry;

/// <summary>Settings of metrics and traces (section "Telemetry"); OTLP export follows the standard OTEL_* variables.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>Off: no metrics, no traces, no scrape endpoint, no counting of run-store changes (what they cost is in docs/benchmarks.md).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the run gauges (queued, running, backfill progress) are read from the run store.</summary>
    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Where Prometheus scrapes the metrics; empty: no scrape endpoint.</summary>
    public string PrometheusPath { get; set; } = "/metrics";
}
