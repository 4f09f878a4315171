using System.Text;
using System.Text.Json;
using MimeKit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Scheduler.Engine.Definitions;
using Pipeline.Tests.Api;
using Pipeline.Tests.Engine;
using Pipeline.Tests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Pipeline.Tests.Notifications;

/// <summary>
/// The real host (embedded) running <see cref="NotificationPipelines"/>, its webhooks served by WireMock (one answering
/// 200, one always 500, one that never answers until the host is disposed) and its mail going to the real SMTP server
/// scripts/services.sh starts. A test that needs the clock in its hands passes a fake one.
/// </summary>
public class NotificationHost : PipelineWebFactory
{
    public const string PublicBaseUrl = "https://pipeline.example.com";
    public static readonly TimeSpan StormWindow = TimeSpan.FromSeconds(5);

    public WireMockServer Hooks { get; } = WireMockServer.Start();

    private readonly TaskCompletionSource _hungCalled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _hungReleased = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the webhook that never answers has been called.</summary>
    public Task HungWebhookCalled => _hungCalled.Task;

    /// <summary>A mailbox no other test uses: the SMTP folder is shared.</summary>
    public string Mailbox { get; } = $"{TestServices.UniqueName("ops")}@example.com";

    /// <summary>The host's clock when a test holds it (see FreshnessTests); null: the real one.</summary>
    protected virtual TimeProvider? Clock => null;

    public NotificationHost()
    {
        Hooks.Given(Request.Create().WithPath("/ops").UsingPost()).RespondWith(Response.Create().WithStatusCode(200));
        Hooks.Given(Request.Create().WithPath("/down").UsingPost()).RespondWith(Response.Create().WithStatusCode(500));
        Hooks.Given(Request.Create().WithPath("/hung").UsingPost()).RespondWith(Response.Create().WithCallback(async _ =>
        {
            _hungCalled.TrySetResult();
            await _hungReleased.Task;
            return new WireMock.ResponseMessage { StatusCode = 503 };
        }));
        var (host, port) = TestServices.Smtp;
        Settings["Notifications:PublicBaseUrl"] = PublicBaseUrl;
        Settings[$"Notifications:Webhooks:{NotificationPipelines.Webhook}"] = Hooks.Url + "/ops";
        Settings[$"Notifications:Webhooks:{NotificationPipelines.DownWebhook}"] = Hooks.Url + "/down";
        Settings[$"Notifications:Webhooks:{NotificationPipelines.HungWebhook}"] = Hooks.Url + "/hung";
        Settings["Notifications:Smtp:Host"] = host;
        Settings["Notifications:Smtp:Port"] = port.ToString();
        Settings["Notifications:Smtp:Security"] = "None";
        Settings["Notifications:StormWindow"] = StormWindow.ToString();
        Settings["Notifications:WebhookRetries"] = "1";
        // A call to the webhook that never answers lasts this long (twice, with the retry): far longer than any test waits for another.
        Settings["Notifications:WebhookTimeout"] = "00:00:30";
        Settings["Notifications:MaxDeliveryAttempts"] = "2";
        Settings["Notifications:RetryDelay"] = "00:00:00.200";
        // Settings override a definition: "retried" notifies nobody in code.
        Settings["Notifications:Pipelines:retried:Events"] = "RetriesExhausted";
        Settings["Notifications:Pipelines:retried:Webhooks:0"] = NotificationPipelines.Webhook;
    }

    public TestProbe Probe => Services.GetRequiredService<TestProbe>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(new PipelineCatalog(NotificationPipelines.All(Mailbox, withFreshness: Clock is not null)));
            services.AddSingleton<TestProbe>();
            if (Clock is not null) services.AddSingleton(Clock);
        });
    }

    /// <summary>The JSON bodies posted to a webhook path, oldest first.</summary>
    public IReadOnlyList<JsonElement> Posted(string path) =>
        Hooks.LogEntries.Where(e => e.RequestMessage.Path == path)
            .OrderBy(e => e.RequestMessage.DateTime)
            .Select(e => JsonDocument.Parse(e.RequestMessage.Body!).RootElement.Clone())
            .ToList();

    public IReadOnlyList<JsonElement> PostedAbout(string pipeline) =>
        Posted("/ops").Where(b => b.GetProperty("pipeline").GetString() == pipeline).ToList();

    /// <summary>GET /api/runs/{id}, as a client reads it.</summary>
    public Task<JsonElement> RunAsync(Guid runId) => CreateClient().GetJsonAsync($"/api/runs/{runId}");

    public Task<JsonElement> WaitForRunAsync(Guid runId, Func<JsonElement, bool> done, string what) =>
        Eventually.ReturnsAsync(() => RunAsync(runId), done, TimeSpan.FromSeconds(60), what);

    /// <summary>The messages the SMTP server received for this host's mailbox (each file: an envelope line, then the message).</summary>
    public IReadOnlyList<MimeMessage> Mail() =>
        Directory.EnumerateFiles(TestServices.SmtpFolder, "*.eml")
            .Select(File.ReadAllBytes)
            .Where(bytes => Encoding.ASCII.GetString(bytes, 0, Math.Min(bytes.Length, 200)).StartsWith($"X-Envelope-To: {Mailbox}\r\n", StringComparison.Ordinal))
            .Select(bytes =>
            {
                var body = Array.IndexOf(bytes, (byte)'\n') + 1;
                return MimeMessage.Load(new MemoryStream(bytes, body, bytes.Length - body));
            })
            .ToList();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _hungReleased.TrySetResult();
        Hooks.Stop();
        Hooks.Dispose();
        GC.SuppressFinalize(this);
    }
}
