namespace Pipeline.Bench.Webhooks;

/// <summary>`bench/webhook-latency.sh [--runs N] [--storage embedded|postgres|both] [--set KEY=VALUE ...]`.</summary>
/// <param name="DeadWebhook">The failing pipeline also notifies a second webhook that never answers (each call waits out the host's timeout).</param>
public sealed record LatencyOptions(int Runs, bool Embedded, bool Postgres, bool DeadWebhook, IReadOnlyDictionary<string, string?> Settings)
{
    public const string Usage =
        "usage: bench/webhook-latency.sh [--runs N (failing runs per setup, default 50)] [--storage embedded|postgres|both (default both)] " +
        "[--dead-webhook (the failing pipeline also notifies a webhook that never answers)] " +
        "[--set KEY=VALUE (a host setting, e.g. Notifications:PollInterval=00:00:05; repeatable)]";

    public static LatencyOptions Parse(string[] args)
    {
        var runs = 50;
        var storage = "both";
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var deadWebhook = false;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--dead-webhook")
            {
                deadWebhook = true;
                continue;
            }
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.\n{Usage}");
            switch (args[i])
            {
                case "--runs" when int.TryParse(value, out var n) && n >= 1:
                    runs = n;
                    break;
                case "--storage" when value is "embedded" or "postgres" or "both":
                    storage = value;
                    break;
                case "--set" when value.IndexOf('=') > 0:
                    settings[value[..value.IndexOf('=')]] = value[(value.IndexOf('=') + 1)..];
                    break;
                default:
                    throw new ArgumentException($"Bad option {args[i]} {value}.\n{Usage}");
            }
            i++;
        }
        return new LatencyOptions(runs, storage is "embedded" or "both", storage is "postgres" or "both", deadWebhook, settings);
    }
}
