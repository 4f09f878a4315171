namespace Pipeline.Scheduler.Dashboard;

/// <summary>A message shown at the top of a page; <see cref="Field"/> names the form input to blame, if any.</summary>
/// <param name="Kind">A Bootstrap alert kind: success, info, warning or danger.</param>
/// <param name="Link">A dashboard path the message leads to (e.g. the backfill just made), shown after it as <see cref="LinkText"/>.</param>
public sealed record PageAlert(string Kind, string Message, string? Field = null, string? Link = null, string? LinkText = null)
{
    public static PageAlert Error(string message, string? field = null) => new("danger", message, field);

    public static PageAlert Success(string message) => new("success", message);
}
