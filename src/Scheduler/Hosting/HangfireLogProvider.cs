using HangfireLog = Hangfire.Logging;

namespace Pipeline.Scheduler.Hosting;

/// <summary>
/// Hangfire logs through one process-wide provider, set by whichever host was configured last. When that
/// host is disposed while another lives on (a CLI command next to tests, several test hosts), its logger
/// factory throws; this provider then drops the line instead of failing Hangfire's own work.
/// </summary>
public sealed class HangfireLogProvider(ILoggerFactory loggers) : HangfireLog.ILogProvider
{
    public HangfireLog.ILog GetLogger(string name)
    {
        try
        {
            return new ForwardingLog(loggers.CreateLogger(name));
        }
        catch (ObjectDisposedException)
        {
            return new ForwardingLog(null);
        }
    }

    private sealed class ForwardingLog(ILogger? logger) : HangfireLog.ILog
    {
        public bool Log(HangfireLog.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            if (logger is null) return false;
            var level = logLevel switch
            {
                HangfireLog.LogLevel.Trace => LogLevel.Trace,
                HangfireLog.LogLevel.Debug => LogLevel.Debug,
                HangfireLog.LogLevel.Info => LogLevel.Information,
                HangfireLog.LogLevel.Warn => LogLevel.Warning,
                HangfireLog.LogLevel.Error => LogLevel.Error,
                _ => LogLevel.Critical,
            };
            try
            {
                // Hangfire asks with a null message whether the level is enabled.
                if (messageFunc is null) return logger.IsEnabled(level);
                logger.Log(level, exception, "{Message}", messageFunc());
                return true;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }
}
