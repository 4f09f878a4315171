namespace Pipeline.Tests.Support;

/// <summary>Addresses of the real services that scripts/test.sh starts (scripts/services.sh env).</summary>
public static class TestServices
{
    public static string Kafka => Required("PIPELINE_TEST_KAFKA");

    public static string Redis => Required("PIPELINE_TEST_REDIS");

    public static string RabbitMq => Required("PIPELINE_TEST_RABBITMQ");

    /// <summary>The headless browser the dashboard's browser tests drive.</summary>
    public static string Chromium => Required("PIPELINE_TEST_CHROMIUM");

    /// <summary>The SMTP server (aiosmtpd) and the folder where it writes each message it receives.</summary>
    public static (string Host, int Port) Smtp
    {
        get
        {
            var address = Required("PIPELINE_TEST_SMTP");
            var colon = address.LastIndexOf(':');
            return (address[..colon], int.Parse(address[(colon + 1)..]));
        }
    }

    public static string SmtpFolder => Required("PIPELINE_TEST_SMTP_DIR");

    /// <summary>A name no other test or parallel run uses: topics, groups, queues, key prefixes.</summary>
    public static string UniqueName(string purpose) => $"test-{purpose}-{Guid.NewGuid():N}";

    private static string Required(string variable)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(value))
            throw new InvalidOperationException(
                $"{variable} is not set. Run the tests with ./scripts/test.sh, which starts the services and sets it.");
        return value;
    }
}
