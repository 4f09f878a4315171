using System.Reflection;
using System.Runtime.InteropServices;

namespace Pipeline.Connectors.Streams;

/// <summary>
/// The few librdkafka functions that Confluent.Kafka does not expose: those of its built-in mock cluster,
/// a real Kafka-protocol broker that runs inside the calling process.
/// </summary>
internal static partial class LibRdKafka
{
    private const string Library = "librdkafka";

    static LibRdKafka() => NativeLibrary.SetDllImportResolver(typeof(LibRdKafka).Assembly, Resolve);

    /// <summary>
    /// librdkafka.redist ships several builds side by side. The default one needs libsasl2.so.3, which Debian
    /// lacks, so fall back to the CentOS 8 build beside it (Confluent.Kafka's own loader does the same).
    /// A build keeps them under runtimes/RID/native; a publish for one runtime (`-r linux-x64`, as the Dockerfile
    /// does) puts them next to the app, where the default one alone was found and failed to load.
    /// </summary>
    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != Library) return IntPtr.Zero;
        var folders = new[] { Path.Combine(AppContext.BaseDirectory, "runtimes", RuntimeId(), "native"), AppContext.BaseDirectory };
        foreach (var folder in folders)
        foreach (var file in new[] { "librdkafka.so", "centos8-librdkafka.so", "alpine-librdkafka.so", "librdkafka.dylib", "librdkafka.dll" })
        {
            var path = Path.Combine(folder, file);
            if (File.Exists(path) && NativeLibrary.TryLoad(path, out var handle)) return handle;
        }
        return NativeLibrary.TryLoad(Library, assembly, searchPath, out var fallback) ? fallback : IntPtr.Zero;
    }

    private static string RuntimeId()
    {
        var os = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux";
        var arch = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? "arm64" : "x64";
        return $"{os}-{arch}";
    }

    [LibraryImport(Library)]
    internal static partial IntPtr rd_kafka_conf_new();

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int rd_kafka_conf_set(IntPtr conf, string name, string value, byte[] errstr, nuint errstrSize);

    [LibraryImport(Library)]
    internal static partial IntPtr rd_kafka_new(int type, IntPtr conf, byte[] errstr, nuint errstrSize);

    [LibraryImport(Library)]
    internal static partial void rd_kafka_destroy(IntPtr rk);

    [LibraryImport(Library)]
    internal static partial IntPtr rd_kafka_mock_cluster_new(IntPtr rk, int brokerCount);

    [LibraryImport(Library)]
    internal static partial void rd_kafka_mock_cluster_destroy(IntPtr cluster);

    [LibraryImport(Library)]
    internal static partial IntPtr rd_kafka_mock_cluster_bootstraps(IntPtr cluster);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int rd_kafka_mock_topic_create(IntPtr cluster, string topic, int partitionCount, int replicationFactor);

    [LibraryImport(Library)]
    internal static partial int rd_kafka_mock_set_controller_id(IntPtr cluster, int brokerId);

    [LibraryImport(Library)]
    internal static partial void rd_kafka_mock_group_initial_rebalance_delay_ms(IntPtr cluster, int delayMs);
}
