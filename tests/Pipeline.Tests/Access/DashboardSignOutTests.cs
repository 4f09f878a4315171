using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Pipeline.Scheduler.Access;

namespace Pipeline.Tests.Access;

/// <summary>
/// A person signed in through the provider signs out from the dashboard: the session cookie is gone, the provider
/// is told (RP-initiated logout) and the next page sends the browser to sign in again. The menu offers Sign out only
/// to such a session, and API keys only to admins.
/// </summary>
[Collection(AccessCollection.Name)]
public sealed partial class DashboardSignOutTests(AccessHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Signing_out_ends_the_session_here_and_at_the_provider_and_the_next_page_asks_to_sign_in_again()
    {
        var cookies = new CookieContainer();
        using var browser = host.Browser("sam", ["viewer"], cookies);
        Assert.Contains("href=\"/hangfire/sign-out\"", await browser.GetStringAsync("/hangfire/pipelines", Ct));
        var page = await browser.GetStringAsync("/hangfire/sign-out", Ct);
        Assert.Contains("Signed in as <strong>sam</strong> (viewer)", page);
        Assert.NotNull(cookies.GetCookies(host.RemoteAddress)[AccessSchemes.SessionCookie]);

        // Step by step from here, with the same cookies.
        using var steps = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = host.RemoteAddress };
        steps.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        var form = SignOutForm().Match(page);
        Assert.True(form.Success, "the Sign-out form");
        var ended = host.Issuer.EndedSessions.Count;
        using var posted = await steps.PostAsync(form.Groups["action"].Value, new FormUrlEncodedContent(
            Fields().Matches(form.Value).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["value"].Value)), Ct);

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var toProvider = posted.Headers.Location!;
        Assert.StartsWith($"{host.Issuer.Authority}/endsession?", toProvider.ToString());
        var query = QueryHelpers.ParseQuery(toProvider.Query);
        Assert.Equal(new Uri(host.RemoteAddress, "/signout-callback-oidc").ToString(), query["post_logout_redirect_uri"].ToString());
        Assert.Null(cookies.GetCookies(host.RemoteAddress)[AccessSchemes.SessionCookie]);

        using var back = await steps.GetAsync(toProvider, Ct);
        Assert.Equal([TestIssuer.ClientId], host.Issuer.EndedSessions.Skip(ended));
        using var landed = await steps.GetAsync(back.Headers.Location, Ct);
        Assert.Equal("/hangfire/", landed.Headers.Location!.OriginalString);
        using var next = await steps.GetAsync("/hangfire/pipelines", Ct);
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.StartsWith($"{host.Issuer.Authority}/authorize?", next.Headers.Location!.ToString());
    }

    [Fact]
    public async Task The_menu_offers_sign_out_to_a_session_only_and_api_keys_to_admins_only()
    {
        using var viewer = host.Browser("vic", ["viewer"]);
        var viewers = await viewer.GetStringAsync("/hangfire/pipelines", Ct);
        Assert.Contains("href=\"/hangfire/sign-out\"", viewers);
        Assert.DoesNotContain("href=\"/hangfire/api-keys\"", viewers);

        using var admin = host.Browser("ada", ["admin"]);
        Assert.Contains("href=\"/hangfire/api-keys\"", await admin.GetStringAsync("/hangfire/pipelines", Ct));

        // Basic credentials go with every request: there is no session to end, so no Sign out.
        using var basic = host.Remote(AccessHost.Basic(AccessHost.BasicAdmin, AccessHost.BasicPassword));
        var basics = await basic.GetStringAsync("/hangfire/pipelines", Ct);
        Assert.Contains("href=\"/hangfire/api-keys\"", basics);
        Assert.DoesNotContain("href=\"/hangfire/sign-out\"", basics);
        Assert.DoesNotContain("js-sign-out-form", await basic.GetStringAsync("/hangfire/sign-out", Ct));
    }

    [GeneratedRegex("<form method=\"post\" action=\"(?<action>[^\"]+/sign-out)\".*?</form>", RegexOptions.Singleline)]
    private static partial Regex SignOutForm();

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\"")]
    private static partial Regex Fields();
}
