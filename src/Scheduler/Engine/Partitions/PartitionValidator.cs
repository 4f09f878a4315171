using Pipeline.Scheduler.Engine.Definitions;

namespace Pipeline.Scheduler.Engine.Partitions;

/// <summary>Turns a user's partition text into a day the pipeline accepts, or an error that names the field.</summary>
public static class PartitionValidator
{
    public static DateOnly? Validate(PipelineDefinition pipeline, string? partition, DateTimeOffset now, string field = "partition")
    {
        if (pipeline.Partitioning is null)
        {
            if (!string.IsNullOrEmpty(partition))
                throw new InvalidRequestException(field, $"Pipeline '{pipeline.Name}' is not partitioned; leave '{field}' out.");
            return null;
        }

        // Without a partition, run the day that just closed: what the daily schedule would run now.
        if (string.IsNullOrEmpty(partition))
            partition = PartitionCalendar.DayClosedBefore(now, pipeline.Partitioning.TimeZone).ToString(PartitionCalendar.Format);

        return ValidateDay(pipeline, pipeline.Partitioning, partition, now, field);
    }

    public static DateOnly ValidateDay(PipelineDefinition pipeline, DailyPartitioning partitioning, string? text, DateTimeOffset now, string field)
    {
        if (!PartitionCalendar.TryParse(text, out var date))
            throw new InvalidRequestException(field, $"'{text}' is not a date in the form {PartitionCalendar.Format}.");

        var (first, last) = PartitionCalendar.Range(partitioning, now);
        if (date < first)
            throw new InvalidRequestException(field,
                $"{date:yyyy-MM-dd} is before the first partition of '{pipeline.Name}', {first:yyyy-MM-dd}.");
        if (date > last)
            throw new InvalidRequestException(field,
                $"{date:yyyy-MM-dd} is in the future: today in {partitioning.TimeZone.Id} is {last:yyyy-MM-dd}.");
        return date;
    }
}
