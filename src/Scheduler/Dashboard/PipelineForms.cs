using Hangfire.Dashboard;
using Pipeline.Scheduler.Engine.Queries;
using static Pipeline.Scheduler.Dashboard.DashboardHtml;

namespace Pipeline.Scheduler.Dashboard;

/// <summary>
/// The pipeline page's Run-now and Backfill forms. A refused form comes back with what was typed and the field
/// to fix marked. The partition calendar fills the backfill form's range from a selection.
/// </summary>
public sealed class PipelineForms(RazorPage page, PipelineView pipeline, PartitionDays? days, SubmittedForm? form, PageAlert? alert)
{
    private string Id => DashboardPaths.PipelineAnchor(pipeline.Name);

    public string RunForm()
    {
        var echo = Echo("run");
        var html = "<h3>Run now</h3>" + PausedNote("the run waits in Queued until it is unpaused, or until you start it from its page") +
                   FormStart(page, DashboardPaths.Trigger(pipeline.Name), "js-run-form") +
                   // A fresh key per rendered form: a double click or a resubmitted page starts one run, not two.
                   $"<input type=\"hidden\" name=\"submission\" value=\"{Guid.NewGuid()}\">";
        if (days is not null)
        {
            html += $"<div class=\"form-group form-group-sm{ErrorClass(echo, "partition")}\"><label class=\"control-label\" for=\"{Encode(Id)}-partition\">Partition</label>" +
                    $"<input type=\"text\" class=\"form-control\" id=\"{Encode(Id)}-partition\" name=\"partition\" value=\"{Encode(echo?.Value("partition"))}\" " +
                    $"placeholder=\"{Encode(days.ClosedDay)}\" autocomplete=\"off\">" +
                    $"<span class=\"help-block\">yyyy-MM-dd; empty runs {Encode(days.ClosedDay)}, the day that just closed.</span></div>";
        }
        return html +
               $"<div class=\"form-group form-group-sm{ErrorClass(echo, FormParameters.Field)}\"><label class=\"control-label\" for=\"{Encode(Id)}-parameters\">Parameters</label>" +
               $"<textarea class=\"form-control\" id=\"{Encode(Id)}-parameters\" name=\"{FormParameters.Field}\" rows=\"2\" placeholder=\"name=value, one per line\">" +
               $"{Encode(echo?.Value(FormParameters.Field))}</textarea></div>" +
               "<button type=\"submit\" class=\"btn btn-sm btn-primary\"><span class=\"glyphicon glyphicon-play-circle\"></span> Run now</button></form>";
    }

    /// <summary>From and To bound the range; one button runs every day of it, the other only the days that need it.</summary>
    public string BackfillForm()
    {
        var echo = Echo("backfill");
        var range = days is null ? "" : $" min=\"{Encode(days.First)}\" max=\"{Encode(days.Today)}\"";
        var html = "<h3>Backfill</h3>" + PausedNote("its runs wait in Queued until it is unpaused") +
                   FormStart(page, DashboardPaths.Backfill(pipeline.Name), "js-backfill-form form-inline") + "<p>";
        foreach (var (name, text) in new[] { ("from", "From"), ("to", "to") })
        {
            html += $"<span class=\"form-group form-group-sm{ErrorClass(echo, name)}\"><label class=\"control-label\" for=\"{Encode(Id)}-{name}\">{text}</label> " +
                    $"<input type=\"date\" class=\"form-control js-backfill-{name}\" id=\"{Encode(Id)}-{name}\" name=\"{name}\" value=\"{Encode(echo?.Value(name))}\"{range} required></span> ";
        }
        return html + "</p><p><button type=\"submit\" class=\"btn btn-sm btn-default js-backfill-all\"><span class=\"glyphicon glyphicon-repeat\"></span> Backfill selected</button> " +
               "<button type=\"submit\" name=\"only\" value=\"failed-or-missing\" class=\"btn btn-sm btn-default js-backfill-needed\">" +
               "<span class=\"glyphicon glyphicon-wrench\"></span> Backfill failed and missing in range</button></p>" +
               "<span class=\"help-block\">One run per day, both days included. Select days in the calendar (drag, or click then shift-click) or type them.</span></form>";
    }

    /// <summary>Runs can still be asked for while the pipeline is paused; the form says what will happen to them.</summary>
    private string PausedNote(string what) => pipeline.Paused
        ? $"<p class=\"text-warning js-paused-note\"><span class=\"glyphicon glyphicon-pause\"></span> {Encode(pipeline.Name)} is paused: {Encode(what)}.</p>"
        : "";

    private SubmittedForm? Echo(string action) =>
        form is { } f && f.Pipeline == pipeline.Name && f.Action == action ? f : null;

    private string ErrorClass(SubmittedForm? echo, string field) =>
        echo is not null && alert?.Field == field ? " has-error" : "";
}
