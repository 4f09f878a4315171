using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Dashboard;

/// <summary>
/// The dashboard as a browser sees it: cookies kept between requests, redirects not followed (so tests see
/// them), and forms filled in from the page that was fetched, hidden fields included.
/// </summary>
public sealed partial class DashboardSession(HttpClient client) : IDisposable
{
    public static DashboardSession Open(PipelineWebFactory factory) =>
        new(factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    public HttpClient Client => client;

    public async Task<Page> GetAsync(string path)
    {
        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        return await Page.ReadAsync(response);
    }

    public async Task<Page> PostAsync(string path, IEnumerable<KeyValuePair<string, string>> fields)
    {
        using var response = await client.PostAsync(path, new FormUrlEncodedContent(fields), TestContext.Current.CancellationToken);
        return await Page.ReadAsync(response);
    }

    /// <summary>Submits the form of <paramref name="page"/> whose action is <paramref name="action"/>, as a user would.</summary>
    public Task<Page> SubmitAsync(Page page, string action, params (string Name, string Value)[] typed)
    {
        var fields = page.HiddenFields(action);
        foreach (var (name, value) in typed) fields[name] = value;
        return PostAsync(action, fields);
    }

    public void Dispose() => client.Dispose();

    public sealed record Page(HttpStatusCode Status, string Html, Uri? Location, IReadOnlyList<string> SetCookies, AuthenticationHeaderValue? Challenge)
    {
        public static async Task<Page> ReadAsync(HttpResponseMessage response) => new(
            response.StatusCode,
            await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken),
            response.Headers.Location,
            response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies.ToList() : [],
            response.Headers.WwwAuthenticate.FirstOrDefault());

        /// <summary>The hidden inputs of the form posting to <paramref name="action"/>: the antiforgery token among them.</summary>
        public Dictionary<string, string> HiddenFields(string action)
        {
            var form = FormPattern().Matches(Html).FirstOrDefault(m => WebUtility.HtmlDecode(m.Groups["action"].Value) == action)
                ?? throw new InvalidOperationException($"The page has no form posting to {action}.");
            return HiddenPattern().Matches(form.Groups["body"].Value)
                .ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        }
    }

    [GeneratedRegex("<form[^>]*action=\"(?<action>[^\"]*)\"[^>]*>(?<body>.*?)</form>", RegexOptions.Singleline)]
    private static partial Regex FormPattern();

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]*)\" value=\"(?<value>[^\"]*)\">")]
    private static partial Regex HiddenPattern();
}
