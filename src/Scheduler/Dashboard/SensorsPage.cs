using Hangfire.Dashboard;
using Hangfire.Dashboard.Pages;
using static Pipeline.Scheduler.Dashboard.DashboardHtml;

namespace Pipeline.Scheduler.Dashboard;

/// <summary>
/// The air-quality station's sensors: each one's latest reading and alert state, from the cache. A small script
/// fetches the status every second and updates the table in place, so the page stays live without reloading.
/// </summary>
public sealed class SensorsPage(SensorsView view) : RazorPage
{
    public const int RefreshMilliseconds = 1000;

    public override void Execute()
    {
        Layout = new LayoutPage("Sensors");
        WriteLiteral("<div class=\"row\"><div class=\"col-md-12\"><h1 class=\"page-header\">Sensors</h1>");
        WriteLiteral("<p>The latest reading of the air-quality station (pipeline <code>air-quality</code>), from the cache. " +
                     $"Updated every {RefreshMilliseconds / 1000.0:0.#} s.</p>");
        WriteLiteral($"<p>Reading of <strong id=\"sensors-timestamp\">{Encode(view.Timestamp ?? "—")}</strong> " +
                     "<span id=\"sensors-updated\" class=\"text-muted\"></span></p>");
        WriteLiteral("<table class=\"table table-striped\" id=\"sensors\"><thead><tr><th>Sensor</th><th>Latest value</th>" +
                     "<th>Unit</th><th>Alert above</th><th>State</th></tr></thead><tbody>");
        foreach (var sensor in view.Sensors)
        {
            WriteLiteral($"<tr data-sensor=\"{Encode(sensor.Key)}\"><td>{Encode(sensor.Label)}</td>" +
                         $"<td class=\"sensor-value\">{Encode(sensor.Value ?? "—")}</td><td>{Encode(sensor.Unit)}</td>" +
                         $"<td>{Encode(sensor.AlertAbove ?? "—")}</td><td class=\"sensor-state\">{StateLabel(sensor.State)}</td></tr>");
        }
        WriteLiteral("</tbody></table></div></div>");
        WriteScript();
    }

    private static string StateLabel(string state) => state switch
    {
        "alert" => "<span class=\"label label-danger\">ALERT</span>",
        "ok" => "<span class=\"label label-success\">OK</span>",
        "missing" => "<span class=\"label label-default\">missing</span>",
        _ => "<span class=\"label label-info\">measured</span>",
    };

    private void WriteScript()
    {
        var statusUrl = Url.To(DashboardPaths.SensorsStatus);
        WriteLiteral($$"""
            <script>
            (function () {
              var labels = {
                alert: '<span class="label label-danger">ALERT</span>',
                ok: '<span class="label label-success">OK</span>',
                missing: '<span class="label label-default">missing</span>',
                measured: '<span class="label label-info">measured</span>'
              };
              function refresh() {
                fetch('{{Encode(statusUrl)}}', { cache: 'no-store', credentials: 'same-origin' })
                  .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
                  .then(function (view) {
                    document.getElementById('sensors-timestamp').textContent = view.timestamp || '—';
                    view.sensors.forEach(function (s) {
                      var row = document.querySelector('tr[data-sensor="' + s.key + '"]');
                      if (!row) return;
                      row.querySelector('.sensor-value').textContent = s.value === null ? '—' : s.value;
                      row.querySelector('.sensor-state').innerHTML = labels[s.state] || labels.measured;
                    });
                    document.getElementById('sensors-updated').textContent = '(checked ' + new Date().toLocaleTimeString() + ')';
                  })
                  .catch(function () {
                    document.getElementById('sensors-updated').textContent = '(status unavailable, retrying)';
                  });
              }
              setInterval(refresh, {{RefreshMilliseconds}});
            })();
            </script>
            """);
    }
}
