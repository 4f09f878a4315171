using System.Text;
using System.Text.Json;
using Pipeline.Jobs.Ingest;

namespace Pipeline.Tests.Ingest;

public sealed class IngestPayloadParserTests
{
    private static (IReadOnlyList<IngestRow> Rows, IReadOnlyList<IngestPayloadError> Errors) Parse(string body) =>
        IngestPayloadParser.Parse(Encoding.UTF8.GetBytes(body));

    [Fact]
    public void One_object_is_accepted_with_its_extra_fields_kept()
    {
        var (rows, errors) = Parse("""{"date": 1700000000, "dados": 42, "source": "sensor-7", "nested": {"a": [1, 2]}}""");

        Assert.Empty(errors);
        var row = Assert.Single(rows);
        Assert.Equal((1700000000L, 42L), (row.Date, row.Dados));
        using var json = JsonDocument.Parse(row.Json);
        Assert.Equal("sensor-7", json.RootElement.GetProperty("source").GetString());
        Assert.Equal(2, json.RootElement.GetProperty("nested").GetProperty("a")[1].GetInt32());
    }

    [Fact]
    public void An_array_of_ten_thousand_objects_is_accepted_and_one_more_is_refused()
    {
        string Array(int n) => "[" + string.Join(",", Enumerable.Range(0, n).Select(i => $$"""{"date":1700000000,"dados":{{i}}}""")) + "]";

        var (rows, errors) = Parse(Array(10_000));
        Assert.Empty(errors);
        Assert.Equal(10_000, rows.Count);
        Assert.Equal(9_999, rows[^1].Dados);

        var (tooMany, refused) = Parse(Array(10_001));
        Assert.Empty(tooMany);
        Assert.Equal("body", Assert.Single(refused).Field);
    }

    [Theory]
    [InlineData("""{"dados": 1}""", "date")]
    [InlineData("""{"date": 1700000000}""", "dados")]
    [InlineData("""{"date": null, "dados": 1}""", "date")]
    [InlineData("""{"date": "2024-01-01", "dados": 1}""", "date")]
    [InlineData("""{"date": "1700000000", "dados": 1}""", "date")]
    [InlineData("""{"date": 1700000000.5, "dados": 1}""", "date")]
    [InlineData("""{"date": 99999999999999999, "dados": 1}""", "date")]
    [InlineData("""{"date": 1e400, "dados": 1}""", "date")]
    [InlineData("""{"date": true, "dados": 1}""", "date")]
    [InlineData("""{"date": 1700000000, "dados": "7"}""", "dados")]
    [InlineData("""{"date": 1700000000, "dados": 7.25}""", "dados")]
    [InlineData("""{"date": 1700000000, "dados": 92233720368547758070}""", "dados")]
    [InlineData("""{"date": 1700000000, "dados": [7]}""", "dados")]
    [InlineData("""{"date": 1700000000, "dados": {"v": 7}}""", "dados")]
    [InlineData("""[{"date": 1700000000, "dados": 1}, {"date": 1700000000, "dados": "x"}]""", "[1].dados")]
    [InlineData("""[{"date": 1700000000, "dados": 1}, 5]""", "[1]")]
    [InlineData("""[]""", "body")]
    [InlineData("""42""", "body")]
    [InlineData("\"text\"", "body")]
    [InlineData("""null""", "body")]
    [InlineData("""{"date": 1700000000, "dados": 1""", "body")]
    [InlineData("""not json""", "body")]
    [InlineData("", "body")]
    public void A_bad_payload_is_refused_naming_the_field(string body, string field)
    {
        var (rows, errors) = Parse(body);

        Assert.Empty(rows);
        Assert.Contains(errors, e => e.Field == field);
        Assert.All(errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
    }

    [Fact]
    public void Every_bad_field_of_a_batch_is_reported_at_once_up_to_a_limit()
    {
        var (_, two) = Parse("""[{"date": "x", "dados": 1}, {"date": 1700000000}]""");
        Assert.Equal(["[0].date", "[1].dados"], two.Select(e => e.Field));

        var many = "[" + string.Join(",", Enumerable.Repeat("""{"date": "x", "dados": "y"}""", 100)) + "]";
        Assert.Equal(IngestPayloadParser.MaxErrors, Parse(many).Errors.Count);
    }

    [Fact]
    public void Dates_before_1970_are_valid_unix_timestamps()
    {
        var (rows, errors) = Parse("""{"date": -86400, "dados": 0}""");

        Assert.Empty(errors);
        Assert.Equal(-86400, Assert.Single(rows).Date);
    }
}
