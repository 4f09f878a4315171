using Microsoft.EntityFrameworkCore;
using Pipeline.Scheduler.Engine.Store;

namespace Pipeline.Scheduler.Engine.Notifications;

/// <summary>Composes a batch's message and hands it to its channel; returns why it could not be delivered, or null.</summary>
public sealed class NotificationDelivery(
    IDbContextFactory<RunStoreContext> store,
    NotificationComposer composer,
    WebhookSender webhooks,
    EmailSender email)
{
    public async Task<string?> DeliverAsync(IReadOnlyList<NotificationRecord> batch, CancellationToken ct)
    {
        NotificationMessage message;
        await using (var db = await store.CreateDbContextAsync(ct))
            message = await composer.ComposeAsync(db, batch, ct);

        var channel = batch[0].Channel;
        if (NotificationChannel.IsWebhook(channel, out var webhook)) return await webhooks.SendAsync(webhook, message, ct);
        if (NotificationChannel.IsEmail(channel, out var address)) return await email.SendAsync(address, message, ct);
        return $"Unknown channel '{channel}'.";
    }
}
