using Pipeline.Scheduler.Access;
using Pipeline.Scheduler.Engine;
using Pipeline.Scheduler.Hosting;
using YamlDotNet.RepresentationModel;

namespace Pipeline.Tests.Deployment;

/// <summary>
/// docker-compose.yml cannot be run on the build machines (no Docker engine), so it is checked as a
/// document: the stack it declares, that the scheduler is only given settings it reads, and that
/// .env.example defines every variable it interpolates.
/// </summary>
public sealed class ComposeFileTests
{
    private static readonly string Root = FindRepositoryRoot();
    private static readonly string ComposeText = File.ReadAllText(Path.Combine(Root, "docker-compose.yml"));
    private static readonly YamlMappingNode Compose = ComposeSettingsChecker.Parse(ComposeText);

    private static IReadOnlySet<string> ReadableKeys() =>
        ComposeSettingsChecker.ReadableKeys(File.ReadAllText(Path.Combine(Root, "src", "Scheduler", "appsettings.json")));

    [Fact]
    public void Declares_the_whole_stack()
    {
        var services = ComposeSettingsChecker.ServiceNames(Compose);

        foreach (var expected in new[] { "postgres", "kafka", "redis", "rabbitmq", "minio", "scheduler" })
            Assert.Contains(expected, services);
    }

    [Fact]
    public void Kafka_runs_in_KRaft_mode_without_ZooKeeper_and_is_reachable_at_kafka_9092()
    {
        Assert.DoesNotContain(ComposeSettingsChecker.ServiceNames(Compose),
            name => name.Contains("zookeeper", StringComparison.OrdinalIgnoreCase));

        var kafka = ComposeSettingsChecker.Environment(ComposeSettingsChecker.Service(Compose, "kafka"));
        Assert.False(string.IsNullOrWhiteSpace(kafka.GetValueOrDefault("KAFKA_PROCESS_ROLES")), "KAFKA_PROCESS_ROLES must be set (KRaft).");
        Assert.Contains("controller", kafka["KAFKA_PROCESS_ROLES"]!, StringComparison.Ordinal);
        Assert.DoesNotContain(kafka.Keys, name => name.Contains("ZOOKEEPER", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("://kafka:9092", kafka.GetValueOrDefault("KAFKA_ADVERTISED_LISTENERS") ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public void Scheduler_waits_for_a_healthy_postgres()
    {
        var postgres = ComposeSettingsChecker.Service(Compose, "postgres");
        Assert.True(postgres.Children.ContainsKey(new YamlScalarNode("healthcheck")), "postgres needs a healthcheck.");

        var scheduler = ComposeSettingsChecker.Service(Compose, "scheduler");
        var dependsOn = Assert.IsType<YamlMappingNode>(scheduler.Children[new YamlScalarNode("depends_on")]);
        var onPostgres = Assert.IsType<YamlMappingNode>(dependsOn.Children[new YamlScalarNode("postgres")]);
        Assert.Equal("service_healthy", onPostgres.Children[new YamlScalarNode("condition")].ToString());
    }

    [Fact]
    public void Readable_keys_come_from_the_options_classes_and_appsettings()
    {
        var keys = ReadableKeys();

        // OrphanAfter is not in appsettings.json: only the options class can contribute it.
        Assert.Contains($"{EngineOptions.Section}:{nameof(EngineOptions.OrphanAfter)}", keys);
        Assert.Contains($"{AccessOptions.Section}:{nameof(AccessOptions.AllowAnonymousRemote)}", keys);
        // Nested settings and dictionaries of them: any user name fits the pattern.
        Assert.Contains($"{AccessOptions.Section}:{nameof(AccessOptions.Users)}:*:{nameof(BasicUserOptions.PasswordHash)}", keys);
        Assert.True(ComposeSettingsChecker.IsRead("Access__Users__ops__Role", keys));
        Assert.True(ComposeSettingsChecker.IsRead("Access__Oidc__Authority", keys));
        Assert.Contains("ConnectionStrings:Postgres", keys);
        Assert.Contains("logging:loglevel:default", keys);
    }

    [Fact]
    public void Scheduler_is_given_only_settings_the_app_reads()
    {
        var environment = ComposeSettingsChecker.Environment(ComposeSettingsChecker.Service(Compose, "scheduler"));
        Assert.Contains("ConnectionStrings__Postgres", environment.Keys);

        var unread = ComposeSettingsChecker.UnreadVariables(Compose, "scheduler", ReadableKeys());

        Assert.True(unread.Count == 0, $"The scheduler does not read: {string.Join(", ", unread)}");
    }

    [Fact]
    public void A_setting_the_app_does_not_read_is_reported()
    {
        var compose = ComposeSettingsChecker.Parse("""
            services:
              scheduler:
                image: pipeline-scheduler
                environment:
                  - engine__workercount=4
                  - Engine__NoSuchSetting=1
                  - ASPNETCORE_ENVIRONMENT=Production
                  - Logging__LogLevel__Pipeline=Debug
                  - Mongo__Url=mongodb://mongo:27017
              other:
                image: busybox
                environment:
                  NOT_FOR_THE_SCHEDULER: "1"
            """);

        var unread = ComposeSettingsChecker.UnreadVariables(compose, "scheduler", ReadableKeys());

        Assert.Equal(["Engine__NoSuchSetting", "Mongo__Url"], unread);
    }

    [Fact]
    public void Every_interpolated_variable_is_in_env_example()
    {
        var envExample = File.ReadAllText(Path.Combine(Root, ".env.example"));
        Assert.Contains("POSTGRES_PASSWORD", ComposeSettingsChecker.InterpolatedVariables(Compose));

        var undefined = ComposeSettingsChecker.UndefinedVariables(Compose, envExample);

        Assert.True(undefined.Count == 0, $".env.example does not define: {string.Join(", ", undefined)}");
    }

    [Fact]
    public void An_interpolated_variable_missing_from_the_env_file_is_reported()
    {
        var compose = ComposeSettingsChecker.Parse("""
            services:
              db:
                image: postgres:16
                # ${IN_A_COMMENT} is not interpolated
                environment:
                  PASSWORD: ${DEFINED:?required}
                  USER: ${WITH_DEFAULT:-${NESTED}}
                  PLAIN: $UNBRACED
                  ESCAPED: $$NOT_A_VARIABLE
            """);
        const string envFile = """
            # a comment
            DEFINED=secret
            export WITH_DEFAULT=x
            """;

        var undefined = ComposeSettingsChecker.UndefinedVariables(compose, envFile);

        Assert.Equal(["NESTED", "UNBRACED"], undefined);
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Pipeline.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException($"No Pipeline.sln above {AppContext.BaseDirectory}.");
    }
}
