using Microsoft.EntityFrameworkCore;

namespace Pipeline.Scheduler.Engine.Store;

public sealed class PostgresRunStoreContext(DbContextOptions<PostgresRunStoreContext> options) : RunStoreContext(options);
