using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;
using Pipeline.Scheduler.Engine.Store;

namespace Pipeline.Scheduler.Dashboard;

/// <summary>
/// Markup the pipeline pages share, in Hangfire's Bootstrap 3 vocabulary. Every method encodes the data it is
/// given, so what it returns can be written as it is.
/// </summary>
public static partial class DashboardHtml
{
    public static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");

    public static string Label(RunState state) => Label(state.ToString(), state switch
    {
        RunState.Queued => "info",
        RunState.Running => "primary",
        RunState.Succeeded => "success",
        RunState.Failed => "danger",
        _ => "default",
    });

    public static string Label(TaskState state) => Label(state.ToString(), state switch
    {
        TaskState.Queued => "info",
        TaskState.Running => "primary",
        TaskState.UpForRetry or TaskState.UpstreamFailed => "warning",
        TaskState.Succeeded => "success",
        TaskState.Failed => "danger",
        _ => "default",
    });

    public static string LevelLabel(string level) => Label(level, level switch
    {
        "Critical" or "Error" => "danger",
        "Warning" => "warning",
        "Information" => "info",
        _ => "default",
    });

    public static string Muted(string text) => $"<span class=\"text-muted\">{Encode(text)}</span>";

    public static string Dash => Muted("—");

    public static string Duration(double? seconds)
    {
        if (seconds is not { } s) return Dash;
        var span = TimeSpan.FromSeconds(Math.Max(0, s));
        var text = span.TotalSeconds switch
        {
            < 1 => string.Create(CultureInfo.InvariantCulture, $"{span.TotalMilliseconds:0} ms"),
            < 60 => string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.0} s"),
            < 3600 when span.Seconds == 0 => string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes} m"),
            < 3600 => string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes} m {span.Seconds} s"),
            _ when span.Minutes == 0 => string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours} h"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours} h {span.Minutes} m"),
        };
        return Encode(text);
    }

    /// <summary>A UTC instant, whole; the run store keeps UTC without saying so.</summary>
    public static string Time(DateTime? utc) =>
        utc is { } t ? Encode(t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)) : Dash;

    public static string Time(DateTimeOffset? instant) => Time(instant?.UtcDateTime);

    /// <summary>The time of day, with the whole instant in the tooltip, for tables where the day is known.</summary>
    public static string ClockTime(DateTime? utc, string format = "HH:mm:ss") => utc is { } t
        ? $"<span title=\"{Encode(t.ToString("yyyy-MM-dd HH:mm:ss.fff 'UTC'", CultureInfo.InvariantCulture))}\">{Encode(t.ToString(format, CultureInfo.InvariantCulture))}</span>"
        : Dash;

    /// <summary>
    /// The last 8 hex digits: ids are version-7 GUIDs, whose first digits are the creation time, so every run of a
    /// backfill (and the backfill itself) began with the same 8.
    /// </summary>
    public static string ShortId(Guid id) => id.ToString("N")[^8..];

    public static string Progress(double? fraction)
    {
        if (fraction is not { } f) return Dash;
        var percent = Math.Clamp(f, 0, 1) * 100;
        var text = percent.ToString("0", CultureInfo.InvariantCulture) + "%";
        return "<div class=\"progress\" style=\"margin:0;min-width:60px\">" +
               $"<div class=\"progress-bar\" role=\"progressbar\" style=\"width:{text}\" aria-valuenow=\"{text[..^1]}\" aria-valuemin=\"0\" aria-valuemax=\"100\">{text}</div></div>";
    }

    /// <summary>Beside a paused pipeline's name, wherever it is listed; nothing for one that is not paused.</summary>
    public static string PausedBadge(bool paused) => paused
        ? "<span class=\"label label-warning js-paused\" title=\"Paused: its schedule makes no runs and its queued runs wait until it is unpaused\">" +
          "<span class=\"glyphicon glyphicon-pause\"></span> Paused</span>"
        : "";

    public static string Alert(PageAlert? alert, UrlHelper? url = null)
    {
        if (alert is null) return "";
        var field = alert.Field is null ? "" : $"<strong>{Encode(alert.Field)}:</strong> ";
        var link = alert.Link is { } path && url is not null
            ? $" <a class=\"alert-link\" href=\"{Encode(url.To(path))}\">{Encode(alert.LinkText ?? "Open")}</a>"
            : "";
        return $"<div class=\"alert alert-{Encode(alert.Kind)}\" role=\"alert\">{field}{Encode(alert.Message)}{link}</div>";
    }

    /// <summary>
    /// Opens a POST form with the antiforgery token Hangfire issued for this request: Hangfire refuses any
    /// dashboard POST without it (403), which is what keeps other sites from pressing our buttons.
    /// </summary>
    public static string FormStart(RazorPage page, string dashboardPath, string cssClass = "")
    {
        var html = $"<form method=\"post\" action=\"{Encode(page.Url.To(dashboardPath))}\" class=\"{Encode(cssClass)}\">";
        if (page.Context.AntiforgeryToken is { } token)
        {
            var field = page.Context.GetHttpContext().RequestServices.GetRequiredService<IOptions<AntiforgeryOptions>>().Value.FormFieldName;
            html += $"<input type=\"hidden\" name=\"{Encode(field)}\" value=\"{Encode(token)}\">";
        }
        return html;
    }

    /// <summary>"UpForRetry" reads "Up for retry".</summary>
    public static string Words(string pascalCase) =>
        WordStart().Replace(pascalCase, m => " " + m.Value.ToLowerInvariant());

    private static string Label(string text, string kind) =>
        $"<span class=\"label label-{kind}\">{Encode(Words(text))}</span>";

    [GeneratedRegex("(?<=[a-z])[A-Z]")]
    private static partial Regex WordStart();
}
