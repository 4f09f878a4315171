using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pipeline.Scheduler.Access;

namespace Pipeline.Tests.Cli;

/// <summary>
/// hash-password as the docs tell a user to run it: the built scheduler as a process, the password piped in. What it
/// prints is a hash the start-up check takes and the Basic user check matches; no password is a message and exit 2.
/// </summary>
public sealed class HashPasswordTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_printed_hash_configured_for_a_basic_user_lets_that_password_in_and_no_other()
    {
        var (exit, output, error) = await RunAsync("correct horse battery staple\n");

        Assert.True(exit == 0, $"exit {exit}: {error}");
        var hash = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        using var services = new ServiceCollection()
            .AddSingleton<IValidateOptions<AccessOptions>, AccessOptionsValidator>()
            .AddSingleton<BasicCredentials>()
            .Configure<AccessOptions>(o => o.Users["ana"] = new BasicUserOptions { PasswordHash = hash, Role = "operator" })
            .BuildServiceProvider();
        // The options are built, and so checked by the start-up validator, when the credentials first read them:
        // a hash it would refuse throws there.
        var credentials = services.GetRequiredService<BasicCredentials>();

        Assert.Equal(RoleGrant.Operator, credentials.Check("ana", "correct horse battery staple"));
        Assert.Null(credentials.Check("ana", "correct horse battery stapler"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n")]
    public async Task No_password_on_standard_input_is_a_message_and_exit_two(string input)
    {
        var (exit, output, error) = await RunAsync(input);

        Assert.Equal(2, exit);
        Assert.Equal("", output.Trim());
        Assert.StartsWith("error: give the password on standard input", error.Trim());
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(string input)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path ? path : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Pipeline.Scheduler.dll"));
        start.ArgumentList.Add("hash-password");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(Ct);
        var error = process.StandardError.ReadToEndAsync(Ct);
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw;
        }
        return (process.ExitCode, await output, await error);
    }
}
