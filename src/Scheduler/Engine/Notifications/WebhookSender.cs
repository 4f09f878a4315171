using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Pipeline.Scheduler.Engine.Notifications;

/// <summary>
/// Posts a notification as JSON to a named webhook. The HttpClient ("notifications") carries the timeouts and quick
/// retries with backoff (Microsoft.Extensions.Http.Resilience); what still fails is returned for the outbox to retry later.
/// </summary>
public sealed class WebhookSender(IHttpClientFactory clients, IOptions<NotificationOptions> options)
{
    public const string ClientName = "notifications";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<string?> SendAsync(string webhook, NotificationMessage message, CancellationToken ct)
    {
        if (!options.Value.Webhooks.TryGetValue(webhook, out var url))
            return $"Webhook '{webhook}' is not in Notifications:Webhooks.";
        try
        {
            using var response = await clients.CreateClient(ClientName).PostAsJsonAsync(url, message, Json, ct);
            return response.IsSuccessStatusCode
                ? null
                : $"Webhook '{webhook}' answered {(int)response.StatusCode} {response.ReasonPhrase}.";
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException
                                       || (ex is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return $"Webhook '{webhook}' could not be reached: {ex.Message}";
        }
    }
}
