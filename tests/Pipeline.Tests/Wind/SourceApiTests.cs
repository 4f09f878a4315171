using System.Net;
using System.Text.Json;
using Pipeline.Tests.Api;

namespace Pipeline.Tests.Wind;

/// <summary>The source API as a client sees it, over the embedded source the host fills on first use.</summary>
public sealed class SourceApiTests(WindWebFactory factory) : IClassFixture<WindWebFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task A_day_comes_back_a_row_a_minute_with_only_the_chosen_variables()
    {
        var rows = await _client.GetJsonAsync("/api/source/data?start=2024-10-02T00:00:00Z&end=2024-10-03T00:00:00Z&variables=wind_speed,power");

        Assert.Equal(1440, rows.GetArrayLength());
        var first = rows[0];
        Assert.Equal("2024-10-02T00:00:00Z", first.GetProperty("timestamp").GetString());
        Assert.Equal(["timestamp", "wind_speed", "power"], first.EnumerateObject().Select(p => p.Name));
        Assert.Equal("2024-10-02T23:59:00Z", rows[1439].GetProperty("timestamp").GetString());
    }

    [Fact]
    public async Task The_range_is_start_inclusive_end_exclusive_and_nulls_stay_null()
    {
        // On the seeded null day, wind_speed is null from 14:00 to 14:11 UTC.
        var rows = await _client.GetJsonAsync("/api/source/data?start=2024-10-09T14:00:00Z&end=2024-10-09T14:05:00Z&variables=wind_speed");

        Assert.Equal(5, rows.GetArrayLength());
        Assert.All(rows.EnumerateArray(), r => Assert.Equal(JsonValueKind.Null, r.GetProperty("wind_speed").ValueKind));
    }

    [Fact]
    public async Task Without_variables_every_variable_comes_back()
    {
        var rows = await _client.GetJsonAsync("/api/source/data?start=2024-10-02T00:00:00%2B02:00&end=2024-10-02T00:01:00%2B02:00");

        Assert.Equal("2024-10-01T22:00:00Z", Assert.Single(rows.EnumerateArray()).GetProperty("timestamp").GetString());
        Assert.Equal(["timestamp", "wind_speed", "power", "ambient_temperature"], rows[0].EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task The_whole_seeded_range_streams_in_one_answer()
    {
        using var response = await _client.GetAsync("/api/source/data?start=2024-10-01T00:00:00Z&end=2024-10-23T00:00:00Z&variables=power",
            HttpCompletionOption.ResponseHeadersRead, Ct);
        response.EnsureSuccessStatusCode();
        // Streamed: no length known up front.
        Assert.Null(response.Content.Headers.ContentLength);
        await using var body = await response.Content.ReadAsStreamAsync(Ct);
        var count = 0;
        await foreach (var _ in JsonSerializer.DeserializeAsyncEnumerable<JsonElement>(body, cancellationToken: Ct)) count++;

        Assert.Equal(22 * 1440 - 30, count);   // the seeded gap day lacks 30 minutes
    }

    [Theory]
    [InlineData("start=2024-10-02T00:00:00Z&end=2024-10-03T00:00:00Z&variables=wind_speed,rotor_rpm", "variables", "Unknown variable(s): rotor_rpm. Valid variables: wind_speed, power, ambient_temperature.")]
    [InlineData("start=2024-10-02T00:00:00Z&end=2024-10-03T00:00:00Z&variables=", "variables", "Name at least one variable. Valid variables: wind_speed, power, ambient_temperature.")]
    [InlineData("start=2024-10-03T00:00:00Z&end=2024-10-02T00:00:00Z", "end", "'end' (2024-10-02T00:00:00Z) is before 'start' (2024-10-03T00:00:00Z).")]
    [InlineData("start=2023-01-01T00:00:00Z&end=2024-10-02T00:00:00Z", "end", "The range from 'start' to 'end' is longer than 366 days (SourceApi:MaxRangeDays).")]
    [InlineData("end=2024-10-02T00:00:00Z", "start", "'start' is required: an ISO 8601 instant such as 2024-10-01T00:00:00Z.")]
    [InlineData("start=yesterday&end=2024-10-02T00:00:00Z", "start", "'start' (yesterday) is not an ISO 8601 instant such as 2024-10-01T00:00:00Z.")]
    public async Task Bad_requests_are_a_400_naming_the_field(string query, string field, string message)
    {
        using var response = await _client.GetAsync($"/api/source/data?{query}", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadAsync();
        Assert.Equal(message, problem.GetProperty("errors").GetProperty(field)[0].GetString());
    }
}
