using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Access;

/// <summary>
/// The pipeline pages draw a form only for a caller the form's policy lets through: a viewer sees the state and no
/// button, an operator of one pipeline sees that pipeline's buttons only, an operator of all sees them everywhere.
/// </summary>
[Collection(AccessCollection.Name)]
public sealed partial class DashboardFormsByRoleTests(AccessHost host)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_viewer_sees_no_operator_form_an_operator_of_hello_sees_hello_s_only_and_an_operator_sees_them_all()
    {
        var (run, backfill) = await CancelledRunAndBackfillAsync();
        string[] hello = ["/hangfire/pipelines/hello", $"/hangfire/pipelines/runs/{run}", $"/hangfire/pipelines/backfills/{backfill}"];

        using (var viewer = host.Browser("vic", ["viewer"]))
        {
            foreach (var page in hello.Append("/hangfire/pipelines").Append("/hangfire/pipelines/breweries"))
                Assert.Empty(PostForms(await viewer.GetStringAsync(page, Ct)));
            var pipeline = await viewer.GetStringAsync("/hangfire/pipelines/hello", Ct);
            Assert.Contains("js-read-only", pipeline);
            Assert.Contains("data-state=\"Cancelled\"", await viewer.GetStringAsync(hello[1], Ct));
        }

        using (var helloOperator = host.Browser("otto", ["operator:hello"]))
        {
            Assert.Equal(["/pause", "/backfill", "/run"], Endings(await helloOperator.GetStringAsync(hello[0], Ct)));
            Assert.Equal(["/resume"], Endings(await helloOperator.GetStringAsync(hello[1], Ct)));
            Assert.Equal(["/retry-failed"], Endings(await helloOperator.GetStringAsync(hello[2], Ct)));
            Assert.Empty(PostForms(await helloOperator.GetStringAsync("/hangfire/pipelines/breweries", Ct)));
            Assert.Equal(["/hangfire/pipelines/hello/run"], PostForms(await helloOperator.GetStringAsync("/hangfire/pipelines", Ct)));
        }

        using var anyOperator = host.Browser("olga", ["operator"]);
        Assert.Equal(["/pause", "/backfill", "/run"], Endings(await anyOperator.GetStringAsync("/hangfire/pipelines/breweries", Ct)));
        var overview = PostForms(await anyOperator.GetStringAsync("/hangfire/pipelines", Ct));
        Assert.Contains("/hangfire/pipelines/breweries/run", overview);
        Assert.Contains("/hangfire/pipelines/hello/run", overview);
    }

    /// <summary>A run of hello and a backfill of it, both cancelled: their pages then offer Resume and Retry failed.</summary>
    private async Task<(Guid Run, Guid Backfill)> CancelledRunAndBackfillAsync()
    {
        using var api = host.Local();
        var run = (await PostAsync(api, "/api/pipelines/hello/runs", new { partition = "2024-08-01", parameters = new { team = "absent" } }))
            .GetProperty("runId").GetGuid();
        await PostAsync(api, $"/api/runs/{run}/cancel", null);
        var backfill = (await PostAsync(api, "/api/pipelines/hello/backfills", new { from = "2024-08-02", to = "2024-08-03", maxConcurrentRuns = 1 }))
            .GetProperty("backfillId").GetGuid();
        await PostAsync(api, $"/api/backfills/{backfill}/cancel", null);
        await Eventually.ReturnsAsync(() => api.GetFromJsonAsync<JsonElement>($"/api/runs/{run}", Ct),
            r => r.GetProperty("run").GetProperty("state").GetString() == "Cancelled", Deadline, "the run to be cancelled");
        await Eventually.ReturnsAsync(() => api.GetFromJsonAsync<JsonElement>($"/api/backfills/{backfill}", Ct),
            b => b.GetProperty("backfill").GetProperty("state").GetString() == "Cancelled", Deadline, "the backfill to be cancelled");
        return (run, backfill);
    }

    private static async Task<JsonElement> PostAsync(HttpClient client, string url, object? body)
    {
        using var response = await client.PostAsync(url, body is null ? null : JsonContent.Create(body), Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"POST {url} answered {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Where each form of the page that changes something posts to, in page order.</summary>
    private static List<string> PostForms(string html) => PostForm().Matches(html).Select(m => m.Groups["action"].Value).ToList();

    /// <summary>The last segment of each post form's address: what it does.</summary>
    private static List<string> Endings(string html) => PostForms(html).Select(a => a[a.LastIndexOf('/')..]).ToList();

    [GeneratedRegex("<form method=\"post\" action=\"(?<action>[^\"]+)\"")]
    private static partial Regex PostForm();
}
