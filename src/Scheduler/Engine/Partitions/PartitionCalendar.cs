using System.Globalization;
using Pipeline.Jobs;
using Pipeline.Scheduler.Engine.Definitions;

namespace Pipeline.Scheduler.Engine.Partitions;

/// <summary>Day arithmetic in a pipeline's time zone: parsing, bounds, windows, and which day just closed.</summary>
public static class PartitionCalendar
{
    public const string Format = "yyyy-MM-dd";

    public static bool TryParse(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>The local calendar day that contains the instant.</summary>
    public static DateOnly DayOf(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    /// <summary>The day that had just ended when the instant came: what a daily schedule runs.</summary>
    public static DateOnly DayClosedBefore(DateTimeOffset instant, TimeZoneInfo zone) => DayOf(instant, zone).AddDays(-1);

    /// <summary>The instants that bound a local day; 23 or 25 hours long on daylight-saving days.</summary>
    public static DailyPartition Window(DateOnly date, TimeZoneInfo zone) =>
        new(date, StartOfDay(date, zone), StartOfDay(date.AddDays(1), zone));

    /// <summary>
    /// The first instant of a local day. Where a zone skips midnight (a daylight-saving change at 00:00,
    /// as in São Paulo until 2019), the day starts at the first local time that exists.
    /// </summary>
    public static DateTimeOffset StartOfDay(DateOnly date, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
            local = local.AddMinutes(1);

        // An ambiguous midnight (clocks going back across 00:00) belongs to its first occurrence: the larger offset.
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }

    /// <summary>The days from the pipeline's first day to today (inclusive) in its time zone.</summary>
    public static (DateOnly First, DateOnly Last) Range(DailyPartitioning partitioning, DateTimeOffset now) =>
        (partitioning.Start, DayOf(now, partitioning.TimeZone));
}
