using System.Globalization;
using System.Text;
using Hangfire.Dashboard;
using Pipeline.Scheduler.Dashboard.Grid;
using Pipeline.Scheduler.Engine.Partitions;
using Pipeline.Scheduler.Engine.Queries;
using static Pipeline.Scheduler.Dashboard.DashboardHtml;

namespace Pipeline.Scheduler.Dashboard.Calendar;

/// <summary>
/// Every day of a partitioned pipeline as a small square, a year per row with a column per week (Monday on top),
/// coloured by the day's state. pipelines.js turns a drag or a click and shift-click into the Backfill form's
/// range; Enter on a day opens its latest run. Without script the form's date fields do the same job.
/// </summary>
public static class PartitionCalendarHtml
{
    private static readonly PartitionState[] Legend =
        [PartitionState.Succeeded, PartitionState.Failed, PartitionState.Running, PartitionState.Queued, PartitionState.Late, PartitionState.Cancelled, PartitionState.NeverRun];

    /// <summary>Writes the calendar piece by piece to <paramref name="write"/> (the page's own output): three years of days are
    /// 300 KB of HTML, and a string of them built first was two more copies of it on the large-object heap per page.</summary>
    public static void Render(IReadOnlyList<PartitionStatus> days, UrlHelper url, Action<string> write)
    {
        write("<div class=\"partition-calendar\" id=\"partition-calendar\" role=\"grid\" aria-label=\"Partitions by day: arrows move, space selects, shift extends, enter opens the run\">");
        // A day's square differs from another's only by its state, day and run: the rest is made once per state.
        var looks = new Dictionary<PartitionState, DayLook>();
        // A run's link is the same path but for the run's id at its end (ids need no encoding).
        var runPath = Encode(url.To(DashboardPaths.Run(Guid.Empty)));
        var runPrefix = runPath[..^Guid.Empty.ToString().Length];
        var months = new StringBuilder();
        foreach (var year in days.GroupBy(d => d.Partition[..4]))
        {
            var first = DateOnly.ParseExact(year.First().Partition, PartitionCalendar.Format);
            var januaryFirst = new DateOnly(first.Year, 1, 1);
            // Every year's grid starts at its 1 January, so weeks line up from one year to the next.
            var pad = Monday(januaryFirst) + (first.DayNumber - januaryFirst.DayNumber);
            write($"<div class=\"calendar-year\" role=\"row\"><span class=\"calendar-year-label\">{year.Key}</span><div class=\"calendar-weeks\">");
            months.Clear();
            Months(months, januaryFirst, first, DateOnly.ParseExact(year.Last().Partition, PartitionCalendar.Format));
            months.Append("<div class=\"calendar-days\">");
            months.Insert(months.Length, "<span class=\"cal-pad\"></span>", pad);
            write(months.ToString());
            foreach (var day in year)
            {
                if (!looks.TryGetValue(day.Status, out var look)) looks[day.Status] = look = new DayLook(day.Status);
                write(look.Start);
                if (day.LatestRunId is { } run)
                {
                    write(" href=\"");
                    write(runPrefix);
                    write(run.ToString());
                    write("\"");
                }
                write(" role=\"gridcell\" tabindex=\"-1\" data-day=\"");
                write(day.Partition);
                write(look.Middle);
                write(Encode(day.Partition));
                write(look.End);
            }
            write("</div></div></div>");
        }
        var legend = new StringBuilder("</div><p class=\"calendar-legend\">");
        foreach (var state in Legend)
            legend.Append($"<span class=\"cal-day state-{RunGridHtml.Css(state.ToString())}\"></span> {Encode(Words(state.ToString()).ToLowerInvariant())} ");
        legend.Append("<span class=\"calendar-selection text-muted\" id=\"calendar-selection\" aria-live=\"polite\"></span></p>");
        write(legend.ToString());
    }

    /// <summary>The parts of a day's square that follow from its state: before its link, between its day and title, after its title.</summary>
    private sealed class DayLook(PartitionState status)
    {
        public string Start { get; } = $"<a class=\"cal-day state-{RunGridHtml.Css(status.ToString())}\"";
        public string Middle { get; } = $"\" data-state=\"{status}\" title=\"";
        public string End { get; } = Encode($" · {Words(status.ToString()).ToLowerInvariant()}") + "\"></a>";
    }

    /// <summary>
    /// The months' names above the weeks they start in, on the same columns as the days. The month of a first day that is
    /// not a 1st is named too when its weeks leave room before the next month's name.
    /// </summary>
    private static void Months(StringBuilder html, DateOnly januaryFirst, DateOnly first, DateOnly last)
    {
        html.Append("<div class=\"calendar-months\" aria-hidden=\"true\">");
        for (var month = new DateOnly(first.Year, first.Month, 1); month <= last; month = month.AddMonths(1))
        {
            var shown = month < first ? first : month;
            if (shown != month && Week(januaryFirst, month.AddMonths(1)) - Week(januaryFirst, shown) < MonthLabelWeeks) continue;
            html.Append($"<span style=\"grid-column:{Week(januaryFirst, shown) + 1}\">{shown.ToString("MMM", CultureInfo.InvariantCulture)}</span>");
        }
        html.Append("</div>");
    }

    /// <summary>Weeks a month's name needs so as not to run into the next one's.</summary>
    private const int MonthLabelWeeks = 3;

    /// <summary>The column of a day's week in its year's grid, from 0.</summary>
    private static int Week(DateOnly januaryFirst, DateOnly day) => (Monday(januaryFirst) + day.DayNumber - januaryFirst.DayNumber) / 7;

    /// <summary>Days since the Monday of the day's week: 0 for a Monday.</summary>
    private static int Monday(DateOnly day) => ((int)day.DayOfWeek + 6) % 7;
}
