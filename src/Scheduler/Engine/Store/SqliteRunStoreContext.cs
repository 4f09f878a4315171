using Microsoft.EntityFrameworkCore;

namespace Pipeline.Scheduler.Engine.Store;

public sealed class SqliteRunStoreContext(DbContextOptions<SqliteRunStoreContext> options) : RunStoreContext(options);
