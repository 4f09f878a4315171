using System.Text.Json;
using Microsoft.Extensions.Options;
using Pipeline.Connectors.Alerts;
using Pipeline.Connectors.Cache;

namespace Pipeline.Jobs.AirQuality;

/// <summary>
/// Takes alerts off the queue for a reader, dropping the copies a retried send left: an id already handed out
/// is remembered in the cache (for <see cref="Memory"/>) and its copies are acknowledged and skipped.
/// </summary>
public sealed class AlertInbox(IAlertQueue alerts, ICache cache, IOptions<AirQualityOptions> options)
{
    public static readonly TimeSpan Memory = TimeSpan.FromDays(30);
    private const string SeenPrefix = "alerts:seen:";

    public async Task<IReadOnlyList<SensorAlert>> TakeAsync(int count, CancellationToken ct)
    {
        var taken = new List<SensorAlert>();
        while (taken.Count < count)
        {
            var messages = await alerts.TakeAsync(options.Value.AlertQueue, count - taken.Count, ct);
            if (messages.Count == 0) break;
            foreach (var message in messages)
                if (await cache.AddIfAbsentAsync(SeenPrefix + message.Id, "1", Memory, ct))
                    taken.Add(JsonSerializer.Deserialize<SensorAlert>(message.Body, JsonSerializerOptions.Web)!);
        }
        return taken;
    }
}
