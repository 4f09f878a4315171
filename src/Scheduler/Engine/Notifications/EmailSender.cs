using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;
using Polly;
using Polly.Retry;

namespace Pipeline.Scheduler.Engine.Notifications;

/// <summary>Mails a notification through the configured SMTP server (MailKit), with a timeout and quick retries with backoff.</summary>
public sealed class EmailSender(IOptions<NotificationOptions> options, TimeProvider clock)
{
    private readonly ResiliencePipeline _retry = new ResiliencePipelineBuilder { TimeProvider = clock }
        .AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = 2,
            Delay = TimeSpan.FromMilliseconds(500),
            BackoffType = DelayBackoffType.Exponential,
            ShouldHandle = new PredicateBuilder().Handle<IOException>().Handle<SmtpProtocolException>()
                .Handle<System.Net.Sockets.SocketException>().Handle<SmtpCommandException>(e => (int)e.StatusCode >= 400 && (int)e.StatusCode < 500),
        })
        .Build();

    public async Task<string?> SendAsync(string address, NotificationMessage message, CancellationToken ct)
    {
        var smtp = options.Value.Smtp;
        if (string.IsNullOrWhiteSpace(smtp.Host)) return "Notifications:Smtp:Host is not set.";
        var mail = new MimeMessage();
        mail.From.Add(MailboxAddress.Parse(smtp.From));
        mail.To.Add(MailboxAddress.Parse(address));
        mail.Subject = message.Subject;
        mail.Body = new TextPart("plain") { Text = Body(message) };
        try
        {
            await _retry.ExecuteAsync(async token =>
            {
                using var client = new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds };
                await client.ConnectAsync(smtp.Host, smtp.Port, smtp.Security, token);
                if (smtp.UserName.Length > 0) await client.AuthenticateAsync(smtp.UserName, smtp.Password, token);
                await client.SendAsync(mail, token);
                await client.DisconnectAsync(true, token);
            }, ct);
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return $"Mail to {address} via {smtp.Host}:{smtp.Port} failed: {ex.Message}";
        }
    }

    /// <summary>The plain-text body: the message's line, then one line per run with its link.</summary>
    private static string Body(NotificationMessage message)
    {
        var lines = new List<string> { message.Text, "" };
        foreach (var run in message.Runs)
        {
            lines.Add($"{message.Pipeline}{(run.Partition is null ? "" : " " + run.Partition)}: {run.RunUrl}");
            if (run.FailedTasks.Count > 0) lines.Add($"  failed tasks: {string.Join(", ", run.FailedTasks)}");
            if (run.Error is not null) lines.Add($"  error: {run.Error}");
        }
        if (message.Count > message.Runs.Count) lines.Add($"... and {message.Count - message.Runs.Count} more.");
        return string.Join("\n", lines);
    }
}
