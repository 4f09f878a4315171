namespace Pipeline.Scheduler.Dashboard;

/// <summary>
/// The days a partitioned pipeline's forms offer, in its time zone: the first partition, the one a run without
/// a partition gets (the day that just closed), and today, the last that may be asked for.
/// </summary>
public sealed record PartitionDays(string First, string ClosedDay, string Today);
