using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Pipeline.Connectors.Alerts;
using Pipeline.Connectors.Cache;
using Pipeline.Connectors.Lake;
using Pipeline.Connectors.Streams;
using Pipeline.Scheduler.Access;
using Pipeline.Scheduler.Engine;
using Pipeline.Scheduler.Hosting;
using YamlDotNet.RepresentationModel;

namespace Pipeline.Tests.Deployment;

/// <summary>
/// Reads a docker-compose document and checks it against the scheduler: which settings a service's
/// environment passes, whether the app reads each of them, and whether every `${VAR}` the document
/// interpolates is defined in an env file. The settings the app reads come from the app itself (its
/// options classes and its appsettings.json), never from a second list kept here.
/// </summary>
public static partial class ComposeSettingsChecker
{
    /// <summary>Host settings ASP.NET Core reads straight from the environment, whatever follows the prefix.</summary>
    private static readonly string[] HostVariablePrefixes = ["ASPNETCORE_", "DOTNET_"];

    /// <summary>Logging levels are per category, an open-ended set of keys the logging framework reads.</summary>
    private const string LogLevelPrefix = "Logging:LogLevel:";

    public static YamlMappingNode Parse(string composeYaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(composeYaml));
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new FormatException("A compose file must be a YAML mapping.");
        return root;
    }

    public static IReadOnlyList<string> ServiceNames(YamlMappingNode compose) =>
        Services(compose).Children.Keys.Select(Text).ToList();

    public static YamlMappingNode Service(YamlMappingNode compose, string name) =>
        Child(Services(compose), name) as YamlMappingNode
        ?? throw new KeyNotFoundException($"The compose file has no service '{name}'.");

    /// <summary>A service's `environment`, in either of its forms (a mapping, or a list of NAME=value).</summary>
    public static IReadOnlyDictionary<string, string?> Environment(YamlMappingNode service)
    {
        var variables = new Dictionary<string, string?>(StringComparer.Ordinal);
        switch (Child(service, "environment"))
        {
            case YamlMappingNode map:
                foreach (var (key, value) in map.Children)
                    variables[Text(key)] = value is YamlScalarNode scalar ? scalar.Value : null;
                break;
            case YamlSequenceNode list:
                foreach (var item in list.Children.Select(Text))
                {
                    var equals = item.IndexOf('=');
                    if (equals < 0) variables[item] = null;
                    else variables[item[..equals]] = item[(equals + 1)..];
                }
                break;
        }
        return variables;
    }

    /// <summary>
    /// The configuration keys the scheduler reads: the public settable properties of its options
    /// classes under their sections, and every key of its appsettings.json (flattened, `:`-separated).
    /// Case-insensitive, as .NET configuration is.
    /// </summary>
    public static IReadOnlySet<string> ReadableKeys(string appSettingsJson)
    {
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        AddOptionKeys(keys, EngineOptions.Section, typeof(EngineOptions));
        AddOptionKeys(keys, AccessOptions.Section, typeof(AccessOptions));
        AddOptionKeys(keys, LakeOptions.Section, typeof(LakeOptions));
        AddOptionKeys(keys, KafkaOptions.Section, typeof(KafkaOptions));
        AddOptionKeys(keys, CacheOptions.Section, typeof(CacheOptions));
        AddOptionKeys(keys, AlertQueueOptions.Section, typeof(AlertQueueOptions));
        using var json = JsonDocument.Parse(appSettingsJson, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        AddJsonKeys(keys, prefix: null, json.RootElement);
        return keys;
    }

    /// <summary>`Engine__WorkerCount` → `Engine:WorkerCount`, as the environment variables provider maps it.</summary>
    public static string ConfigurationKey(string environmentVariable) => environmentVariable.Replace("__", ":", StringComparison.Ordinal);

    public static bool IsRead(string environmentVariable, IReadOnlySet<string> readableKeys)
    {
        if (HostVariablePrefixes.Any(p => environmentVariable.StartsWith(p, StringComparison.OrdinalIgnoreCase))) return true;
        var key = ConfigurationKey(environmentVariable);
        return readableKeys.Contains(key)
               || readableKeys.Any(pattern => pattern.Contains('*') && MatchesPattern(key, pattern))
               || (key.StartsWith(LogLevelPrefix, StringComparison.OrdinalIgnoreCase) && key.Length > LogLevelPrefix.Length);
    }

    /// <summary>
    /// The variables a service passes that the app does not read (a typo, or a setting for code not
    /// written yet). An `env_file` is reported too: what it passes cannot be checked from here.
    /// </summary>
    public static IReadOnlyList<string> UnreadVariables(YamlMappingNode compose, string serviceName, IReadOnlySet<string> readableKeys)
    {
        var service = Service(compose, serviceName);
        var unread = Environment(service).Keys.Where(name => !IsRead(name, readableKeys)).ToList();
        if (Child(service, "env_file") is not null) unread.Add("env_file (its variables cannot be checked)");
        return unread;
    }

    /// <summary>
    /// The names compose interpolates (`${VAR}`, `${VAR:-default}`, `${VAR:?message}`, `$VAR`) in the
    /// document's values; `$$` is compose's escape for a literal `$` and names nothing. Comments are not values.
    /// </summary>
    public static IReadOnlySet<string> InterpolatedVariables(YamlMappingNode compose)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var scalar in Scalars(compose))
        {
            foreach (Match match in Interpolation().Matches(scalar))
            {
                if (match.Groups["name"].Success) names.Add(match.Groups["name"].Value);
            }
        }
        return names;
    }

    /// <summary>The names an env file (`NAME=value` lines, `#` comments) defines.</summary>
    public static IReadOnlySet<string> DefinedVariables(string envFile)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var raw in envFile.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            if (line.StartsWith("export ", StringComparison.Ordinal)) line = line["export ".Length..].TrimStart();
            var equals = line.IndexOf('=');
            names.Add((equals < 0 ? line : line[..equals]).Trim());
        }
        return names;
    }

    public static IReadOnlyList<string> UndefinedVariables(YamlMappingNode compose, string envFile)
    {
        var defined = DefinedVariables(envFile);
        return InterpolatedVariables(compose).Where(name => !defined.Contains(name)).ToList();
    }

    private static YamlMappingNode Services(YamlMappingNode compose) =>
        Child(compose, "services") as YamlMappingNode
        ?? throw new FormatException("The compose file has no 'services' mapping.");

    private static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static string Text(YamlNode node) =>
        node is YamlScalarNode { Value: { } value } ? value : throw new FormatException($"Expected a plain value at {node.Start}.");

    private static IEnumerable<string> Scalars(YamlNode node) => node switch
    {
        YamlScalarNode { Value: { } value } => [value],
        YamlMappingNode map => map.Children.SelectMany(pair => Scalars(pair.Key).Concat(Scalars(pair.Value))),
        YamlSequenceNode list => list.Children.SelectMany(Scalars),
        _ => [],
    };

    /// <summary>
    /// Each settable property, and inside nested settings classes, lists (<c>Name:*</c>) and dictionaries
    /// (<c>Name:*:Inner</c>, any key) the keys the binder would fill.
    /// </summary>
    private static void AddOptionKeys(HashSet<string> keys, string section, Type options)
    {
        foreach (var property in options.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.SetMethod is not { IsPublic: true } || property.GetIndexParameters().Length != 0) continue;
            var key = $"{section}:{property.Name}";
            keys.Add(key);
            var type = property.PropertyType;
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>))
            {
                var value = type.GetGenericArguments()[1];
                if (IsSettingsClass(value)) AddOptionKeys(keys, $"{key}:*", value);
                else keys.Add($"{key}:*");
            }
            else if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>)) keys.Add($"{key}:*");
            else if (IsSettingsClass(type)) AddOptionKeys(keys, key, type);
        }
    }

    private static bool IsSettingsClass(Type type) =>
        type.IsClass && type != typeof(string) && type.Namespace?.StartsWith("Pipeline.", StringComparison.Ordinal) == true;

    private static bool MatchesPattern(string key, string pattern)
    {
        var parts = key.Split(':');
        var wanted = pattern.Split(':');
        return parts.Length == wanted.Length
               && parts.Zip(wanted).All(p => p.Second == "*" || string.Equals(p.First, p.Second, StringComparison.OrdinalIgnoreCase));
    }

    private static void AddJsonKeys(HashSet<string> keys, string? prefix, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                    AddJsonKeys(keys, prefix is null ? property.Name : $"{prefix}:{property.Name}", property.Value);
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                    AddJsonKeys(keys, $"{prefix}:{index++}", item);
                break;
            default:
                if (prefix is not null) keys.Add(prefix);
                break;
        }
    }

    [GeneratedRegex(@"\$(?:\$|\{(?<name>[A-Za-z_][A-Za-z0-9_]*)|(?<name>[A-Za-z_][A-Za-z0-9_]*))")]
    private static partial Regex Interpolation();
}
