namespace Pipeline.Jobs.WindEtl;

/// <summary>The UTC instants that bound the run's day, which every task of the ETL works on.</summary>
internal static class WindDay
{
    public static (DateTime Start, DateTime End) Of(JobContext context)
    {
        var day = context.Partition
            ?? throw new InvalidOperationException("wind-etl works on one day at a time: run it with a partition.");
        return (day.Start.UtcDateTime, day.End.UtcDateTime);
    }
}
