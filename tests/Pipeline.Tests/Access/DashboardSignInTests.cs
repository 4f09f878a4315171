using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Pipeline.Tests.Access;

/// <summary>
/// A browser on another machine signs in to the dashboard through the OpenID Connect provider (code flow, cookie
/// session); its role decides which forms and which of Hangfire's buttons it may use.
/// </summary>
[Collection(AccessCollection.Name)]
public sealed partial class DashboardSignInTests(AccessHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_operator_signs_in_through_the_provider_runs_a_pipeline_from_its_page_and_is_audited_once()
    {
        using var browser = host.Browser("olga", ["operator"]);
        var page = await browser.GetAsync("/hangfire/pipelines/hello", Ct);
        var html = await page.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(host.RemoteAddress.Authority, page.RequestMessage!.RequestUri!.Authority);
        Assert.Equal("DENY", page.Headers.GetValues("X-Frame-Options").Single());

        var form = RunForm().Match(html);
        Assert.True(form.Success, "the Run-now form");
        using var posted = await browser.PostAsync(form.Groups["action"].Value, new FormUrlEncodedContent(
            Fields().Matches(form.Value).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["value"].Value)
                .Append(new("partition", "2024-07-01")).ToDictionary()), Ct);
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var runId = Guid.Parse(RunLink().Match(posted.RequestMessage!.RequestUri!.AbsolutePath).Groups["id"].Value);

        using var api = host.Local();
        var entry = Assert.Single((await api.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}/audit", Ct)).EnumerateArray());
        Assert.Equal("run.trigger", entry.GetProperty("action").GetString());
        Assert.Equal("dashboard:olga", entry.GetProperty("actor").GetString());
        Assert.Equal(host.RemoteIp.ToString(), entry.GetProperty("address").GetString());

        // Hangfire's own pages: an operator gets their buttons.
        Assert.Contains("/hangfire/recurring/trigger", await browser.GetStringAsync("/hangfire/recurring", Ct));
    }

    [Fact]
    public async Task A_viewer_signed_in_sees_every_page_but_no_form_and_a_post_made_by_hand_is_refused_and_hangfire_is_read_only()
    {
        using var browser = host.Browser("vic", ["viewer"]);
        var html = await browser.GetStringAsync("/hangfire/pipelines/hello", Ct);
        Assert.False(RunForm().IsMatch(html), "a viewer's page has no Run-now form");

        // The page's antiforgery token (Hangfire's meta tag) with a post the page did not offer: the policy still decides.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/hangfire/pipelines/hello/run")
            { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["partition"] = "2024-07-02" }) };
        request.Headers.Add(Meta("csrf-header").Match(html).Groups["value"].Value, Meta("csrf-token").Match(html).Groups["value"].Value);
        using var posted = await browser.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, posted.StatusCode);
        Assert.Contains("you are signed in as vic", await posted.Content.ReadAsStringAsync(Ct));

        Assert.DoesNotContain("/hangfire/recurring/trigger", await browser.GetStringAsync("/hangfire/recurring", Ct));
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/hangfire/api-keys", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_browser_without_a_session_is_sent_to_the_provider_and_a_script_gets_401()
    {
        using var browser = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = host.RemoteAddress };
        browser.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        using var page = await browser.GetAsync("/hangfire/pipelines", Ct);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith($"{host.Issuer.Authority}/authorize?", page.Headers.Location!.ToString());

        using var script = host.Remote();
        Assert.Equal(HttpStatusCode.Unauthorized, (await script.GetAsync("/hangfire/pipelines", Ct)).StatusCode);
    }

    private static Regex Meta(string name) => new($"<meta name=\"{name}\" content=\"(?<value>[^\"]+)\"");

    [GeneratedRegex("<form method=\"post\" action=\"(?<action>[^\"]+/run)\".*?</form>", RegexOptions.Singleline)]
    private static partial Regex RunForm();

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\"")]
    private static partial Regex Fields();

    [GeneratedRegex("/hangfire/pipelines/runs/(?<id>[0-9a-f-]{36})")]
    private static partial Regex RunLink();
}
