namespace Pipeline.Connectors.Alerts;

internal static class AlertQueueNames
{
    /// <summary>AMQP's limit, and no names reserved by the broker.</summary>
    public static void Validate(string queue)
    {
        if (string.IsNullOrWhiteSpace(queue) || queue.Length > 255 || queue.StartsWith("amq.", StringComparison.Ordinal))
            throw new ArgumentException($"'{queue}' is not a usable queue name (1-255 characters, not starting with 'amq.').", nameof(queue));
    }
}
