using System.Net;
using System.Text;
using System.Text.Json;
using Pipeline.Tests.Api;

namespace Pipeline.Tests.Ingest;

/// <summary>POST /data and POST /send-pokemon-data on the embedded host (SQLite warehouse, folder lake).</summary>
public sealed class IngestApiTests(IngestHost host) : IClassFixture<IngestHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<HttpResponseMessage> PostAsync(string path, string body) =>
        await host.Client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"), Ct);

    [Fact]
    public async Task An_accepted_object_is_in_the_lake_before_the_answer_and_its_run_loads_it_with_extra_fields_kept()
    {
        var before = DateTime.UtcNow.AddSeconds(-1);
        var (runId, file, rows) = await host.PostAcceptedAsync("/data", """{"date": 1700000000, "dados": 42, "sensor": "s-7"}""");

        Assert.Equal(1, rows);
        Assert.StartsWith("raw-data/data/date=", file);
        Assert.True(await host.RawData.ExistsAsync(file["raw-data/".Length..], Ct), "the Parquet file is in the lake when 202 comes");

        var run = await host.WaitForRunAsync(runId);
        Assert.Equal("ingest", run.GetProperty("run").GetProperty("pipeline").GetString());
        Assert.Equal("Succeeded", run.GetProperty("run").GetProperty("state").GetString());
        var row = Assert.Single(await host.RowsOfAsync(file));
        Assert.Equal("data", row.Tag);
        Assert.InRange(row.DataIngestao, before, DateTime.UtcNow.AddSeconds(1));
        using var json = JsonDocument.Parse(row.DadoLinha);
        Assert.Equal(1700000000, json.RootElement.GetProperty("date").GetInt64());
        Assert.Equal(42, json.RootElement.GetProperty("dados").GetInt64());
        Assert.Equal("s-7", json.RootElement.GetProperty("sensor").GetString());
    }

    [Fact]
    public async Task An_array_of_ten_thousand_objects_is_loaded_whole_and_a_second_load_of_the_file_adds_no_rows()
    {
        var body = "[" + string.Join(",", Enumerable.Range(0, 10_000).Select(i => $$"""{"date":{{1700000000 + i}},"dados":{{i}}}""")) + "]";

        var (runId, file, rows) = await host.PostAcceptedAsync("/data", body);
        await host.WaitForRunAsync(runId);

        Assert.Equal(10_000, rows);
        Assert.Equal(10_000, (await host.RowsOfAsync(file)).Count);

        using var again = await host.Client.PostAsync("/api/pipelines/ingest/runs", new StringContent(
            JsonSerializer.Serialize(new { parameters = new { file = file["raw-data/".Length..] } }), Encoding.UTF8, "application/json"), Ct);
        var rerun = (await again.ReadAsync()).GetProperty("runId").GetGuid();
        Assert.Equal("Succeeded", (await host.WaitForRunAsync(rerun)).GetProperty("run").GetProperty("state").GetString());
        var loaded = await host.RowsOfAsync(file);
        Assert.Equal(10_000, loaded.Count);
        Assert.Equal(Enumerable.Range(0, 10_000), loaded.Select(r => r.SourceRow));
    }

    [Theory]
    [InlineData("""{"dados": 1}""", "date")]
    [InlineData("""{"date": 1700000000}""", "dados")]
    [InlineData("""{"date": "yesterday", "dados": 1}""", "date")]
    [InlineData("""{"date": 1700000000.5, "dados": 1}""", "date")]
    [InlineData("""{"date": 99999999999999999, "dados": 1}""", "date")]
    [InlineData("""{"date": 1700000000, "dados": "7"}""", "dados")]
    [InlineData("""{"date": 1700000000, "dados": 7.5}""", "dados")]
    [InlineData("""[{"date": 1700000000, "dados": 1}, {"date": 1700000000, "dados": null}]""", "[1].dados")]
    [InlineData("""[]""", "body")]
    [InlineData("""[1, 2]""", "[0]")]
    [InlineData("""{"date": 1700000000, """, "body")]
    [InlineData("", "body")]
    public async Task A_bad_payload_is_a_400_problem_naming_the_field_and_nothing_is_accepted(string body, string field)
    {
        var filesBefore = await CountFilesAsync();

        using var response = await PostAsync("/data", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadAsync();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), problem.ToString());
        Assert.Contains(field, messages[0].GetString());
        Assert.Equal(filesBefore, await CountFilesAsync());
    }

    [Fact]
    public async Task A_body_over_one_megabyte_is_a_413()
    {
        var big = "{\"date\": 1700000000, \"dados\": 1, \"padding\": \"" + new string('x', 1024 * 1024) + "\"}";

        using var response = await PostAsync("/data", big);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("1 MB", (await response.ReadAsync()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_array_of_more_than_ten_thousand_objects_is_refused()
    {
        var body = "[" + string.Join(",", Enumerable.Repeat("""{"date":1,"dados":1}""", 10_001)) + "]";

        using var response = await PostAsync("/data", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("10,000", (await response.ReadAsync()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_request_sent_again_with_its_Idempotency_Key_answers_the_same_run_and_loads_nothing_twice()
    {
        var key = Guid.NewGuid().ToString();
        const string body = """[{"date": 1700000000, "dados": 1}, {"date": 1700000001, "dados": 2}]""";
        async Task<HttpResponseMessage> Send(string payload)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/data") { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
            request.Headers.Add("Idempotency-Key", key);
            return await host.Client.SendAsync(request, Ct);
        }

        using var first = await Send(body);
        var accepted = await first.ReadAsync();
        await host.WaitForRunAsync(accepted.GetProperty("runId").GetGuid());
        using var retry = await Send(body);
        using var otherBody = await Send("""{"date": 1700000000, "dados": 3}""");

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        var again = await retry.ReadAsync();
        Assert.Equal(accepted.GetProperty("runId").GetGuid(), again.GetProperty("runId").GetGuid());
        Assert.Equal(accepted.GetProperty("file").GetString(), again.GetProperty("file").GetString());
        Assert.Equal(2, (await host.RowsOfAsync(accepted.GetProperty("file").GetString()!)).Count);
        Assert.Equal(HttpStatusCode.Conflict, otherBody.StatusCode);
    }

    [Theory]
    [InlineData("""{"pokemon_id": 1}""")]
    [InlineData("")]
    [InlineData("{}")]
    public async Task A_pokemon_becomes_a_data_payload_tagged_pokemon(string body)
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var (runId, file, rows) = await host.PostAcceptedAsync("/send-pokemon-data", body);
        await host.WaitForRunAsync(runId);

        Assert.Equal(1, rows);
        Assert.StartsWith("raw-data/pokemon/", file);
        var row = Assert.Single(await host.RowsOfAsync(file));
        Assert.Equal("pokemon", row.Tag);
        var json = JsonDocument.Parse(row.DadoLinha).RootElement;
        Assert.Equal(1, json.GetProperty("dados").GetInt64());
        Assert.InRange(json.GetProperty("date").GetInt64(), before, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        Assert.Equal("bulbasaur", json.GetProperty("name").GetString());
        Assert.Equal(64, json.GetProperty("base_experience").GetInt32());
        Assert.Equal(7, json.GetProperty("height").GetInt32());
        Assert.Equal(69, json.GetProperty("weight").GetInt32());
        Assert.Equal(["grass", "poison"], json.GetProperty("types").EnumerateArray().Select(t => t.GetString()));
    }

    [Theory]
    [InlineData("""{"pokemon_id": 0}""", "pokemon_id")]
    [InlineData("""{"pokemon_id": -3}""", "pokemon_id")]
    [InlineData("""{"pokemon_id": 1.5}""", "pokemon_id")]
    [InlineData("""{"pokemon_id": "25"}""", "pokemon_id")]
    [InlineData("""{"pokemon_id": 99999999999}""", "pokemon_id")]
    [InlineData("""[25]""", "body")]
    [InlineData("""{"pokemon_id": """, "body")]
    public async Task A_pokemon_id_that_is_not_a_positive_integer_is_a_400(string body, string field)
    {
        using var response = await PostAsync("/send-pokemon-data", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadAsync()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task An_unknown_pokemon_is_a_404()
    {
        using var response = await PostAsync("/send-pokemon-data", $$"""{"pokemon_id": {{IngestHost.UnknownPokemon}}}""");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains($"no Pokémon with id {IngestHost.UnknownPokemon}", (await response.ReadAsync()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task PokeAPI_failing_is_a_502_that_says_so()
    {
        using var response = await PostAsync("/send-pokemon-data", $$"""{"pokemon_id": {{IngestHost.FailingPokemon}}}""");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("PokeAPI answered HTTP 500", (await response.ReadAsync()).GetProperty("detail").GetString());
    }

    private async Task<int> CountFilesAsync()
    {
        var count = 0;
        await foreach (var _ in host.RawData.ListAsync("data/", Ct)) count++;
        return count;
    }
}
