using Pipeline.Connectors.Streams;

// Usage: Pipeline.KafkaMockBroker [--brokers N] [--address-file PATH]
// Starts librdkafka's mock Kafka cluster, prints its bootstrap address (and writes it to PATH once it
// accepts connections), and serves until SIGTERM or Ctrl+C. All data lives in memory.
var brokers = 1;
string? addressFile = null;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--brokers" when i + 1 < args.Length && int.TryParse(args[i + 1], out var n) && n >= 1:
            brokers = n;
            i++;
            break;
        case "--address-file" when i + 1 < args.Length:
            addressFile = args[++i];
            break;
        default:
            Console.Error.WriteLine($"error: unknown or incomplete argument '{args[i]}'. Usage: Pipeline.KafkaMockBroker [--brokers N] [--address-file PATH]");
            return 2;
    }
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(
    System.Runtime.InteropServices.PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });

using var cluster = new MockKafkaCluster(brokers);
Console.WriteLine(cluster.BootstrapServers);
if (addressFile is not null)
{
    // Written whole and then renamed, so a reader never sees half an address.
    var temporary = addressFile + ".tmp";
    await File.WriteAllTextAsync(temporary, cluster.BootstrapServers);
    File.Move(temporary, addressFile, overwrite: true);
}

try { await Task.Delay(Timeout.Infinite, stop.Token); }
catch (OperationCanceledException) { }
if (addressFile is not null) File.Delete(addressFile);
return 0;
