namespace Pipeline.Connectors.Streams;

/// <summary>Kafka's own rules for topic and group names, checked before a request can fail obscurely.</summary>
internal static class KafkaNames
{
    public static void ValidateTopic(string topic)
    {
        if (string.IsNullOrEmpty(topic) || topic.Length > 249 || topic is "." or ".."
            || !topic.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            throw new ArgumentException($"'{topic}' is not a valid Kafka topic name (1-249 of a-z, A-Z, 0-9, '.', '_', '-').", nameof(topic));
    }

    public static void ValidateGroup(string group)
    {
        if (string.IsNullOrWhiteSpace(group))
            throw new ArgumentException("A consumer group needs a name.", nameof(group));
    }
}
