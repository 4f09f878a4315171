using Microsoft.EntityFrameworkCore;
using Pipeline.Scheduler.Engine.Store;

namespace Pipeline.Tests.Engine.Store;

/// <summary>
/// Every change to the run store's model has its migration, for both providers. The host does not check this at start-up
/// (it runs on the compiled model, and the check would build the model again): a model change without a migration fails here.
/// </summary>
public sealed class RunStoreMigrationTests
{
    [Fact]
    public void The_PostgreSQL_migrations_cover_the_whole_model()
    {
        using var db = new PostgresDesignTimeFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "The run store's model changed: add a migration for PostgresRunStoreContext (README, on migrations).");
    }

    [Fact]
    public void The_SQLite_migrations_cover_the_whole_model()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "The run store's model changed: add a migration for SqliteRunStoreContext (README, on migrations).");
    }
}
