using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Internal;
using Pipeline.Scheduler.Engine.Store;
using Pipeline.Scheduler.Engine.Store.CompiledModels.Postgres;
using Pipeline.Scheduler.Engine.Store.CompiledModels.Sqlite;

namespace Pipeline.Tests.Engine.Store;

/// <summary>
/// The host runs on the compiled run-store models (Engine/Store/CompiledModels), which are generated code: a change to the
/// entities or to OnModelCreating that is not followed by `dotnet ef dbcontext optimize` would ship the old model. These
/// tests compare it with the model each context builds from its entities and OnModelCreating, and fail on any difference.
/// </summary>
public sealed class CompiledRunStoreModelTests
{
    private const string Regenerate =
        "The compiled run-store model is stale: run `dotnet ef dbcontext optimize --project src/Scheduler --context {0} " +
        "--output-dir Engine/Store/CompiledModels/{1} --namespace Pipeline.Scheduler.Engine.Store.CompiledModels.{1}` (README, on migrations). Differences:\n{2}";

    [Fact]
    public void The_compiled_PostgreSQL_model_matches_the_model_the_context_builds()
    {
        using var db = new PostgresDesignTimeFactory().CreateDbContext([]);
        AssertSame(db, PostgresRunStoreContextModel.Instance, nameof(PostgresRunStoreContext), "Postgres");
    }

    [Fact]
    public void The_compiled_SQLite_model_matches_the_model_the_context_builds()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);
        AssertSame(db, SqliteRunStoreContextModel.Instance, nameof(SqliteRunStoreContext), "Sqlite");
    }

    private static void AssertSame(DbContext db, IModel compiled, string context, string folder)
    {
        // The context finds the compiled model by itself (its assembly attribute); the model its OnModelCreating builds is
        // the design-time model, whose read-optimized form EF Core keeps beside it.
#pragma warning disable EF1001 // The annotation's name is internal to EF Core: were it renamed, this fails rather than passing.
        var built = db.GetService<IDesignTimeModel>().Model.FindRuntimeAnnotationValue(CoreAnnotationNames.ReadOnlyModel) as IModel;
#pragma warning restore EF1001
        Assert.NotNull(built);
        // What the runtime sees (entity types, CLR types, properties and their nullability, keys, navigations, converters,
        // query filters), then what the database sees (tables, columns with their types and nullability, keys, indexes).
        Assert.Multiple(
            () => AssertSameText(WithoutAdHocTypes(built.ToDebugString(MetadataDebugStringOptions.LongDefault)),
                WithoutAdHocTypes(compiled.ToDebugString(MetadataDebugStringOptions.LongDefault)), context, folder),
            () => AssertSameText(built.GetRelationalModel().ToDebugString(MetadataDebugStringOptions.LongDefault),
                compiled.GetRelationalModel().ToDebugString(MetadataDebugStringOptions.LongDefault), context, folder));
    }

    private static void AssertSameText(string built, string compiled, string context, string folder) =>
        Assert.True(built == compiled, string.Format(Regenerate, context, folder, FirstDifference(built, compiled)));

    /// <summary>
    /// The model's section of ad-hoc entity types, dropped: a host adds one to the (shared, static) compiled model on its first
    /// <c>Database.SqlQuery&lt;T&gt;</c> of each type, so it depends on what other tests in the process ran, not on the model.
    /// </summary>
    private static string WithoutAdHocTypes(string debugView)
    {
        var kept = new List<string>();
        int? skipDeeperThan = null;
        foreach (var line in debugView.Split('\n'))
        {
            var indent = line.Length - line.TrimStart().Length;
            if (skipDeeperThan is { } section && indent > section) continue;
            skipDeeperThan = null;
            if (line.Trim() == "Ad-hoc entity types:") skipDeeperThan = indent;
            else kept.Add(line);
        }
        return string.Join('\n', kept);
    }

    private static string FirstDifference(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
            if (i >= e.Length || i >= a.Length || e[i] != a[i])
                return $"line {i + 1}: built '{(i < e.Length ? e[i].Trim() : "")}', compiled '{(i < a.Length ? a[i].Trim() : "")}'";
        return "";
    }
}
