using Npgsql;
using Pipeline.Scheduler.Engine;
using Pipeline.Scheduler.Hosting;

namespace Pipeline.Tests.Unit;

public sealed class EngineConnectionStringTests
{
    private const string Configured = "Host=db;Port=5432;Username=pipeline;Database=pipeline";

    [Fact]
    public void The_engine_pool_keeps_its_connections_unreset_and_prepares_its_repeated_statements()
    {
        var built = new NpgsqlConnectionStringBuilder(EngineConnectionString.For(Configured, new EngineOptions()));

        Assert.True(built.NoResetOnClose);
        Assert.Equal(64, built.MaxAutoPrepare);
        Assert.Equal(2, built.AutoPrepareMinUsages);
        Assert.Equal(("db", 5432, "pipeline"), (built.Host, built.Port, built.Database));
    }

    [Theory]
    [InlineData("Max Auto Prepare=0", 0, true)]
    [InlineData("MaxAutoPrepare=10;Auto Prepare Min Usages=5", 10, true)]
    [InlineData("No Reset On Close=false", 0, false)]
    public void What_the_operator_set_wins(string setting, int maxAutoPrepare, bool noResetOnClose)
    {
        var built = new NpgsqlConnectionStringBuilder(EngineConnectionString.For($"{Configured};{setting}", new EngineOptions()));

        Assert.Equal(maxAutoPrepare, built.MaxAutoPrepare);
        Assert.Equal(noResetOnClose, built.NoResetOnClose);
        if (maxAutoPrepare == 10) Assert.Equal(5, built.AutoPrepareMinUsages);
    }

    [Fact]
    public void Long_polling_keeps_the_reset_that_ends_its_listen_and_prepares_nothing()
    {
        var configured = EngineConnectionString.For(Configured, new EngineOptions { LongPolling = true });

        Assert.Equal(Configured, configured);
    }
}
