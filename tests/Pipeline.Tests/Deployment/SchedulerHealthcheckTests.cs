using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Pipeline.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Pipeline.Tests.Deployment;

/// <summary>
/// The scheduler container's healthcheck (docker-compose.yml and the Dockerfile) cannot run in Docker here,
/// so its command runs as it would inside the container, against a real scheduler started as a process.
/// </summary>
public sealed partial class SchedulerHealthcheckTests
{
    private static readonly string Root = FindRepositoryRoot();

    [Fact]
    public void Compose_and_the_image_probe_the_scheduler_the_same_way_on_health_ready()
    {
        var compose = ComposeCommand();

        Assert.Equal(["CMD", "bash", "-c"], compose[..3]);
        Assert.Contains("/health/ready", compose[3]);
        Assert.Equal(compose[1..], DockerfileCommand());
    }

    [Fact]
    public async Task The_command_passes_against_a_ready_scheduler_and_fails_where_none_answers()
    {
        var script = ComposeCommand()[3];
        await using var host = await ConfiguredSchedulerProcess.StartAsync(new Dictionary<string, string>(), "--urls", "http://127.0.0.1:0");
        var port = host.ListeningAddresses()[0].Port;

        Assert.Equal(0, await RunAsync(script.Replace("/8080", $"/{port}")));
        Assert.NotEqual(0, await RunAsync(script.Replace("/8080", "/9")));
    }

    private static string[] ComposeCommand()
    {
        var compose = ComposeSettingsChecker.Parse(File.ReadAllText(Path.Combine(Root, "docker-compose.yml")));
        var scheduler = ComposeSettingsChecker.Service(compose, "scheduler");
        var healthcheck = Assert.IsType<YamlMappingNode>(scheduler.Children[new YamlScalarNode("healthcheck")]);
        var test = Assert.IsType<YamlSequenceNode>(healthcheck.Children[new YamlScalarNode("test")]);
        return test.Children.Select(node => ((YamlScalarNode)node).Value!).ToArray();
    }

    private static string[] DockerfileCommand()
    {
        var dockerfile = File.ReadAllText(Path.Combine(Root, "Dockerfile"));
        var exec = HealthcheckExecForm().Match(dockerfile);
        Assert.True(exec.Success, "The Dockerfile needs a HEALTHCHECK ... CMD [...] line.");
        return JsonSerializer.Deserialize<string[]>(exec.Groups[1].Value)!;
    }

    private static async Task<int> RunAsync(string script)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        using var process = Process.Start(start)!;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        return process.ExitCode;
    }

    [GeneratedRegex(@"^HEALTHCHECK[^\n]*(?:\\\n[^\n]*)*?CMD (\[.*\])\s*$", RegexOptions.Multiline)]
    private static partial Regex HealthcheckExecForm();

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "docker-compose.yml"))) return dir.FullName;
        throw new InvalidOperationException("docker-compose.yml not found above the test output.");
    }
}
