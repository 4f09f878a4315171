using System.Globalization;
using System.Net;
using System.Text.Json;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Wind;

/// <summary>
/// The source API over a PostgreSQL source database that restarts. Every connection the API's pool kept dies with the
/// server, and the pool only finds one dead when it hands it out: the first requests after the restart must still get
/// their whole answer, not a 200 cut short; and while the database is down, the answer is an error, not a 200 either.
/// </summary>
public sealed class SourceDatabaseRestartTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Days = ["2024-10-01", "2024-10-02", "2024-10-03", "2024-10-04"];

    [Fact]
    public async Task Right_after_its_database_restarts_the_source_api_answers_in_full_and_while_it_is_down_it_answers_500()
    {
        await using var server = await PrivatePostgres.StartAsync();
        var source = await server.CreateDatabaseAsync("source");
        await using var host = new WindWebFactory();
        host.Settings["ConnectionStrings:WindSource"] = source;
        host.StartServer();
        await host.SeedAsync(new DateOnly(2024, 10, 1), new DateOnly(2024, 10, 4));
        using var client = host.CreateClient();
        // Four days at once: the pool keeps a connection for each.
        var before = await ReadDaysAsync(client);
        Assert.All(before, answer => Assert.True(answer.Rows >= 1410, $"{answer.Rows} rows"));

        await server.StopAsync();
        await server.ResumeAsync();

        Assert.Equal(before, await ReadDaysAsync(client));

        // Down for good: an error the client's retries know, not a 200 whose rows stop short.
        await server.StopAsync();
        using var down = await client.GetAsync($"/api/source/data?start={Days[0]}T00:00:00Z&end={Days[1]}T00:00:00Z", Ct);
        Assert.Equal(HttpStatusCode.InternalServerError, down.StatusCode);
        Assert.Equal("application/problem+json", down.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>Reads each day through the API at the same time; returns each day's answer and its row count.</summary>
    private static Task<(int Rows, string Body)[]> ReadDaysAsync(HttpClient client) => Task.WhenAll(Days.Select(async day =>
    {
        var start = DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        using var response = await client.GetAsync(
            $"/api/source/data?start={day}T00:00:00Z&end={start.AddDays(1):yyyy-MM-dd}T00:00:00Z&variables=wind_speed,power", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(Ct);
        using var rows = JsonDocument.Parse(body);
        return (rows.RootElement.GetArrayLength(), body);
    }));
}
