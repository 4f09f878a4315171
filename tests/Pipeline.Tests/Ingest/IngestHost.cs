using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Connectors.Lake;
using Pipeline.Connectors.Warehouse;
using Pipeline.Tests.Api;
using Pipeline.Tests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Pipeline.Tests.Ingest;

/// <summary>
/// The real host with PokeAPI served by WireMock from the recorded Bulbasaur record (and its failures, by id:
/// 99999 unknown, 500 always failing). Embedded by default; <see cref="OnRealServices"/> puts the run store,
/// Hangfire and the warehouse on PostgreSQL and the lake on the S3 server.
/// </summary>
public class IngestHost : IAsyncLifetime
{
    public const int FailingPokemon = 500;
    public const int UnknownPokemon = 99999;

    private PostgresDatabase? _postgres;

    public WireMockServer PokeApi { get; } = WireMockServer.Start();
    public PipelineWebFactory Factory { get; } = new();
    public HttpClient Client { get; private set; } = null!;

    protected virtual bool OnRealServices => false;

    public async ValueTask InitializeAsync()
    {
        PokeApi.Given(Request.Create().WithPath("/api/v2/pokemon/1").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBody(RecordedData.Read("pokeapi/pokemon-1.json")));
        PokeApi.Given(Request.Create().WithPath($"/api/v2/pokemon/{UnknownPokemon}").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(404).WithBody("Not Found"));
        PokeApi.Given(Request.Create().WithPath($"/api/v2/pokemon/{FailingPokemon}").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(500).WithBody("Internal Server Error"));

        Factory.Settings["Apis:PokeApi:BaseAddress"] = PokeApi.Url;
        Factory.Settings["Apis:PokeApi:RetryDelay"] = "00:00:00.020";
        Factory.Settings["Apis:PokeApi:MaxRetries"] = "2";
        if (OnRealServices)
        {
            _postgres = await PostgresDatabase.CreateAsync("ingest");
            Factory.Settings["ConnectionStrings:Postgres"] = _postgres.ConnectionString;
            Factory.Settings["Engine:QueuePollInterval"] = "00:00:00.050";
            foreach (var (key, value) in S3Server.HostSettings()) Factory.Settings[key] = value;
        }
        Client = Factory.CreateClient();
    }

    public T Get<T>() where T : notnull => Factory.Services.GetRequiredService<T>();

    public ILakeBucket RawData => Get<ILake>().Bucket("raw-data");

    /// <summary>The rows working_data holds for one file (its key as the API answered it, "raw-data/...").</summary>
    public async Task<List<WorkingDataRow>> RowsOfAsync(string file)
    {
        await using var db = await Get<IDbContextFactory<WarehouseContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        return await db.WorkingData.AsNoTracking().Where(r => r.SourceFile == file).OrderBy(r => r.SourceRow)
            .ToListAsync(TestContext.Current.CancellationToken);
    }

    public Task<JsonElement> WaitForRunAsync(Guid runId) =>
        Eventually.ReturnsAsync(() => Client.GetJsonAsync($"/api/runs/{runId}"),
            run => run.GetProperty("run").GetProperty("state").GetString() is "Succeeded" or "Failed" or "Cancelled",
            TimeSpan.FromSeconds(60), $"run {runId} to end");

    public async Task<(Guid RunId, string File, int Rows)> PostAcceptedAsync(string path, string body)
    {
        using var response = await Client.PostAsync(path, new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
            TestContext.Current.CancellationToken);
        var answer = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {answer}");
        var json = JsonDocument.Parse(answer).RootElement;
        Assert.Equal($"/api/runs/{json.GetProperty("runId").GetGuid()}", response.Headers.Location?.OriginalString);
        return (json.GetProperty("runId").GetGuid(), json.GetProperty("file").GetString()!, json.GetProperty("rows").GetInt32());
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
        PokeApi.Dispose();
        if (_postgres is not null) await _postgres.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

public sealed class RealServicesIngestHost : IngestHost
{
    protected override bool OnRealServices => true;
}
