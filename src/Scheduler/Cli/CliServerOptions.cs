namespace Pipeline.Scheduler.Cli;

/// <summary>
/// Where the operator commands send their changes (section "Cli", or --server): a running server's base address,
/// with optional credentials for a server on another machine: an API key (ApiKey, or --api-key), or a Basic user (in the
/// URL as user:password@, or Username/Password).
/// </summary>
public sealed class CliServerOptions
{
    public const string Section = "Cli";

    public string? Server { get; set; }
    public string? Username { get; set; }
    public string? Password { get; set; }

    /// <summary>An API key (pipe_…) sent as a bearer token; preferred over Basic credentials when both are set.</summary>
    public string? ApiKey { get; set; }
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public Uri Address =>
        Uri.TryCreate(Server, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? new UriBuilder(uri) { UserName = "", Password = "", Path = uri.AbsolutePath.TrimEnd('/') + "/" }.Uri
            : throw new Engine.InvalidRequestException("--server", $"'{Server}' is not an http:// or https:// address.");

    public string? Credentials()
    {
        if (Uri.TryCreate(Server, UriKind.Absolute, out var uri) && uri.UserInfo.Length > 0)
            return Uri.UnescapeDataString(uri.UserInfo);
        return string.IsNullOrEmpty(Username) ? null : $"{Username}:{Password}";
    }
}
