using System.Collections.Concurrent;

namespace Pipeline.Scheduler.Engine.Notifications;

/// <summary>
/// This host's deliveries in flight, one lane per channel: channels are delivered to side by side, so a receiver that
/// hangs until its timeout (or a slow mail server) holds up only its own notifications, not every other channel's
/// behind it. A channel has at most one delivery in flight here; the outbox claims nothing for a busy channel (what it
/// claims starts at once, well inside its lease) and is woken when a lane frees.
/// </summary>
public sealed class NotificationLanes(NotificationSignal signal)
{
    private readonly ConcurrentDictionary<string, Task> _busy = new(StringComparer.Ordinal);

    /// <summary>The channels a delivery is in flight to.</summary>
    public IReadOnlyList<string> BusyChannels => _busy.Keys.ToList();

    /// <summary>Starts delivering to a free channel; the delivery handles its own errors.</summary>
    public void Start(string channel, Func<Task> deliver)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_busy.TryAdd(channel, done.Task))
            throw new InvalidOperationException($"A delivery to {channel} is already in flight.");
        _ = Task.Run(async () =>
        {
            try
            {
                await deliver();
            }
            finally
            {
                _busy.TryRemove(channel, out _);
                done.SetResult();
                signal.Raise(); // what waited for this channel may go now
            }
        });
    }

    /// <summary>Waits for every delivery in flight (on shutdown, after their cancellation).</summary>
    public Task DrainAsync() => Task.WhenAll(_busy.Values);
}
