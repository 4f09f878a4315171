using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Jobs.Ingest;
using Pipeline.Tests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Pipeline.Tests.Apis;

/// <summary>The PokeAPI client against WireMock serving the recorded Bulbasaur record and the API's failures.</summary>
public sealed class PokeApiClientTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly WireMockServer _server = WireMockServer.Start();

    private PokemonLookup Lookup(ServiceProvider services) =>
        ActivatorUtilities.CreateInstance<PokemonLookup>(services);

    [Fact]
    public async Task The_recorded_record_is_read_and_unknown_fields_are_ignored()
    {
        _server.Given(Request.Create().WithPath("/api/v2/pokemon/1").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json; charset=utf-8")
                .WithBody(RecordedData.Read("pokeapi/pokemon-1.json")));
        await using var services = ApiClientHost.Create(_server.Url!);

        var result = await Lookup(services).FindAsync(1, Ct);

        var pokemon = Assert.IsType<PokemonLookupResult.Found>(result).Pokemon;
        Assert.Equal((1, "bulbasaur", 64, 7, 69), (pokemon.Id, pokemon.Name, pokemon.BaseExperience, pokemon.Height, pokemon.Weight));
        Assert.Equal(["grass", "poison"], pokemon.Types.OrderBy(t => t.Slot).Select(t => t.Type.Name));
    }

    [Fact]
    public async Task An_unknown_pokemon_is_not_found_and_not_retried()
    {
        _server.Given(Request.Create().WithPath("/api/v2/pokemon/99999").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(404).WithBody("Not Found"));
        await using var services = ApiClientHost.Create(_server.Url!);

        var result = await Lookup(services).FindAsync(99999, Ct);

        Assert.Equal(99999, Assert.IsType<PokemonLookupResult.NotFound>(result).Id);
        Assert.Single(_server.LogEntries);
    }

    [Fact]
    public async Task Transient_server_errors_are_retried_until_the_answer_comes()
    {
        _server.Given(Request.Create().WithPath("/api/v2/pokemon/1").UsingGet()).InScenario("flaky").WillSetStateTo("failed once")
            .RespondWith(Response.Create().WithStatusCode(503));
        _server.Given(Request.Create().WithPath("/api/v2/pokemon/1").UsingGet()).InScenario("flaky").WhenStateIs("failed once")
            .WillSetStateTo("failed twice").RespondWith(Response.Create().WithStatusCode(500));
        _server.Given(Request.Create().WithPath("/api/v2/pokemon/1").UsingGet()).InScenario("flaky").WhenStateIs("failed twice")
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBody(RecordedData.Read("pokeapi/pokemon-1.json")));
        await using var services = ApiClientHost.Create(_server.Url!);

        var result = await Lookup(services).FindAsync(1, Ct);

        Assert.Equal("bulbasaur", Assert.IsType<PokemonLookupResult.Found>(result).Pokemon.Name);
        Assert.Equal(3, _server.LogEntries.Count());
    }

    [Fact]
    public async Task A_server_that_keeps_failing_is_given_up_on_after_the_bounded_retries()
    {
        _server.Given(Request.Create().WithPath("/api/v2/pokemon/1").UsingGet()).RespondWith(Response.Create().WithStatusCode(500));
        await using var services = ApiClientHost.Create(_server.Url!);

        var result = await Lookup(services).FindAsync(1, Ct);

        Assert.Contains("HTTP 500", Assert.IsType<PokemonLookupResult.Failed>(result).Message);
        Assert.Equal(3, _server.LogEntries.Count()); // the first call and MaxRetries = 2
    }

    [Fact]
    public async Task A_server_too_slow_for_the_attempt_timeout_is_unavailable()
    {
        _server.Given(Request.Create().WithPath("/api/v2/pokemon/1").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithDelay(TimeSpan.FromSeconds(3)).WithBody("{}"));
        await using var services = ApiClientHost.Create(_server.Url!, new()
        {
            ["Apis:PokeApi:AttemptTimeout"] = "00:00:01",
            ["Apis:PokeApi:TotalTimeout"] = "00:00:10",
        });

        var result = await Lookup(services).FindAsync(1, Ct);

        Assert.Contains("did not answer in time", Assert.IsType<PokemonLookupResult.Unavailable>(result).Message);
        // WireMock logs a request once its delayed answer is sent: the first call and two retries.
        await Eventually.HappensAsync(() => _server.LogEntries.Count() == 3, TimeSpan.FromSeconds(15), "three logged calls");
    }

    [Fact]
    public async Task Nothing_listening_is_unavailable()
    {
        var url = _server.Url!;
        _server.Stop();
        await using var services = ApiClientHost.Create(url);

        var result = await Lookup(services).FindAsync(1, Ct);

        Assert.Contains("could not be reached", Assert.IsType<PokemonLookupResult.Unavailable>(result).Message);
    }

    public void Dispose() => _server.Dispose();
}
