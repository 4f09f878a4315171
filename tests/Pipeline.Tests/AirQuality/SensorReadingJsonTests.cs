using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Pipeline.Jobs.AirQuality;

namespace Pipeline.Tests.AirQuality;

/// <summary>
/// A reading's JSON is what the Kafka messages and the raw lake batches hold: its text must not change with how it
/// is made, so earlier messages and batches stay readable and later ones look the same to other readers.
/// </summary>
public sealed class SensorReadingJsonTests
{
    [Fact]
    public void A_reading_is_written_as_camel_case_JSON_with_its_missing_values_as_null()
    {
        var reading = new SensorReading(new DateOnly(2004, 3, 10), "18:00", 2.6, null, 13.6, 48.9, 0.7578);

        Assert.Equal(
            """{"date":"2004-03-10","time":"18:00","co":2.6,"no2":null,"temperature":13.6,"relativeHumidity":48.9,"absoluteHumidity":0.7578}""",
            reading.ToJson());
    }

    [Fact]
    public void Every_bundled_reading_reads_back_equal_and_is_written_as_the_web_defaults_serializer_writes_it()
    {
        var reflection = new JsonSerializerOptions(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.Never };
        using var csv = BundledDataset.Open();

        foreach (var reading in AirQualityCsv.Parse(csv).Readings)
        {
            var json = reading.ToJson();
            Assert.Equal(JsonSerializer.Serialize(reading, reflection), json);
            Assert.Equal(reading, SensorReading.FromJson(Encoding.UTF8.GetBytes(json)));
        }
    }

    [Fact]
    public void A_line_written_by_another_writer_with_other_casing_and_numbers_as_text_still_reads()
    {
        var reading = SensorReading.FromJson("""{"Date":"2004-03-10","TIME":"18:00","co":"2.6","no2":113,"temperature":null,"relativeHumidity":48.9,"absoluteHumidity":0.7578}"""u8);

        Assert.Equal(new SensorReading(new DateOnly(2004, 3, 10), "18:00", 2.6, 113, null, 48.9, 0.7578), reading);
    }
}
