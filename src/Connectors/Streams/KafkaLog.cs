using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Pipeline.Connectors.Streams;

/// <summary>librdkafka's own log lines, at their level, through the host's logger.</summary>
internal static class KafkaLog
{
    public static void Write(ILogger logger, LogMessage line)
    {
        var level = line.Level switch
        {
            SyslogLevel.Emergency or SyslogLevel.Alert or SyslogLevel.Critical => LogLevel.Critical,
            SyslogLevel.Error => LogLevel.Error,
            SyslogLevel.Warning => LogLevel.Warning,
            SyslogLevel.Notice or SyslogLevel.Info => LogLevel.Information,
            _ => LogLevel.Debug,
        };
        logger.Log(level, "Kafka {Facility}: {Message}", line.Facility, line.Message);
    }
}
