using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Pipeline.Connectors.Sql;

/// <summary>
/// EF Core's migrations of a context, found without loading every type of the assembly that holds them. EF's own
/// <see cref="IMigrationsAssembly"/> lists all the assembly's types to find the migrations and the model snapshot, which
/// loads each of them (1,044 in the scheduler, 308 in the connectors) and, through their base types and interfaces,
/// libraries the host otherwise never touches (MVC, OpenAPI, RabbitMQ, StackExchange.Redis, Parquet). This one reads the
/// type names from the assembly's metadata and loads only the top-level classes that derive from
/// <see cref="Migration"/> or <see cref="ModelSnapshot"/> directly, as <c>dotnet ef migrations add</c> writes them.
/// </summary>
public sealed class MetadataMigrationsAssembly : IMigrationsAssembly
{
    private const string MigrationBase = "Microsoft.EntityFrameworkCore.Migrations.Migration";
    private const string SnapshotBase = "Microsoft.EntityFrameworkCore.Infrastructure.ModelSnapshot";

    private readonly Type _contextType;
    private readonly IMigrationsIdGenerator _idGenerator;
    private readonly Lazy<IReadOnlyList<Type>> _candidates;
    private readonly Lazy<IReadOnlyDictionary<string, TypeInfo>> _migrations;
    private readonly Lazy<ModelSnapshot?> _snapshot;

    public MetadataMigrationsAssembly(ICurrentDbContext currentContext, IDbContextOptions options, IMigrationsIdGenerator idGenerator)
    {
        _contextType = currentContext.Context.GetType();
        _idGenerator = idGenerator;
        var assemblyName = RelationalOptionsExtension.Extract(options).MigrationsAssembly;
        Assembly = assemblyName is null ? _contextType.Assembly : Assembly.Load(new AssemblyName(assemblyName));
        _candidates = new(() => Candidates(Assembly));
        _migrations = new(FindMigrations);
        _snapshot = new(() => _candidates.Value
            .Where(t => t.IsSubclassOf(typeof(ModelSnapshot)) && IsForThisContext(t))
            .Select(t => (ModelSnapshot)Activator.CreateInstance(t)!)
            .FirstOrDefault());
    }

    public Assembly Assembly { get; }

    public IReadOnlyDictionary<string, TypeInfo> Migrations => _migrations.Value;

    public ModelSnapshot? ModelSnapshot => _snapshot.Value;

    public string? FindMigrationId(string nameOrId) => Migrations.Keys.FirstOrDefault(_idGenerator.IsValidId(nameOrId)
        ? id => string.Equals(id, nameOrId, StringComparison.OrdinalIgnoreCase)
        : id => string.Equals(_idGenerator.GetName(id), nameOrId, StringComparison.OrdinalIgnoreCase));

    public Migration CreateMigration(TypeInfo migrationClass, string activeProvider)
    {
        var migration = (Migration)Activator.CreateInstance(migrationClass.AsType())!;
        migration.ActiveProvider = activeProvider;
        return migration;
    }

    private SortedList<string, TypeInfo> FindMigrations()
    {
        var migrations = new SortedList<string, TypeInfo>(StringComparer.Ordinal);
        foreach (var type in _candidates.Value.Where(t => t.IsSubclassOf(typeof(Migration)) && IsForThisContext(t)))
        {
            if (type.GetCustomAttribute<MigrationAttribute>()?.Id is { } id) migrations.Add(id, type.GetTypeInfo());
        }
        return migrations;
    }

    private bool IsForThisContext(Type type) => type.GetCustomAttribute<DbContextAttribute>()?.ContextType == _contextType;

    /// <summary>The assembly's top-level, non-abstract classes whose base class is Migration or ModelSnapshot, by name.</summary>
    private static Type[] Candidates(Assembly assembly)
    {
        // An assembly without a file (single-file publish, in memory) has no metadata to read here: list its types as EF does.
        if (assembly.Location.Length == 0)
            return assembly.GetTypes().Where(t => !t.IsAbstract && (t.IsSubclassOf(typeof(Migration)) || t.IsSubclassOf(typeof(ModelSnapshot)))).ToArray();

        using var pe = new PEReader(File.OpenRead(assembly.Location));
        var reader = pe.GetMetadataReader();
        var names = new List<string>();
        foreach (var handle in reader.TypeDefinitions)
        {
            var type = reader.GetTypeDefinition(handle);
            if (!type.GetDeclaringType().IsNil || (type.Attributes & TypeAttributes.Abstract) != 0) continue;
            if (type.BaseType.Kind != HandleKind.TypeReference) continue;
            var baseType = reader.GetTypeReference((TypeReferenceHandle)type.BaseType);
            var baseName = $"{reader.GetString(baseType.Namespace)}.{reader.GetString(baseType.Name)}";
            if (baseName is not (MigrationBase or SnapshotBase)) continue;
            var ns = reader.GetString(type.Namespace);
            names.Add(ns.Length == 0 ? reader.GetString(type.Name) : $"{ns}.{reader.GetString(type.Name)}");
        }
        return names.Select(name => assembly.GetType(name, throwOnError: true)!).ToArray();
    }
}
