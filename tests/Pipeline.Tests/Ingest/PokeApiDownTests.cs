using System.Net;
using System.Text;
using Pipeline.Tests.Api;

namespace Pipeline.Tests.Ingest;

/// <summary>POST /send-pokemon-data when nothing answers at PokeAPI's address.</summary>
public sealed class PokeApiDownTests
{
    [Fact]
    public async Task PokeAPI_unreachable_is_a_503_that_says_so()
    {
        await using var host = new IngestHost();
        await host.InitializeAsync();
        host.PokeApi.Stop();

        using var response = await host.Client.PostAsync("/send-pokemon-data",
            new StringContent("""{"pokemon_id": 25}""", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("PokeAPI could not be reached for Pokémon 25", (await response.ReadAsync()).GetProperty("detail").GetString());
    }
}
