using System.Text;
using Pipeline.Jobs.AirQuality;

namespace Pipeline.Tests.AirQuality;

public sealed class AirQualityCsvTests
{
    private static ParsedCsv Parse(string text) => AirQualityCsv.Parse(new MemoryStream(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void The_bundled_file_gives_every_reading_and_no_malformed_line()
    {
        using var csv = BundledDataset.Open();

        var parsed = AirQualityCsv.Parse(csv);

        Assert.Equal(UciFacts.Bundled.Readings, parsed.Readings.Count);
        Assert.Empty(parsed.Malformed);
        Assert.Equal(UciFacts.Bundled.AlertIds.Count, parsed.Readings.Count(new AlertRule(10, 200).IsCritical));
    }

    [Fact]
    public void The_UCI_original_format_reads_the_same_as_the_dot_decimal_copy()
    {
        var original = Parse("""
            Date;Time;CO(GT);PT08.S1(CO);NMHC(GT);C6H6(GT);PT08.S2(NMHC);NOx(GT);PT08.S3(NOx);NO2(GT);PT08.S4(NO2);PT08.S5(O3);T;RH;AH;;
            10/03/2004;18.00.00;2,6;1360;150;11,9;1046;166;1056;113;1692;1268;13,6;48,9;0,7578;;
            ;;;;;;;;;;;;;;;;
            ;;;;;;;;;;;;;;;;
            """);
        var copy = Parse("""
            Date;Time;CO(GT);PT08.S1(CO);NMHC(GT);C6H6(GT);PT08.S2(NMHC);NOx(GT);PT08.S3(NOx);NO2(GT);PT08.S4(NO2);PT08.S5(O3);T;RH;AH
            10/03/2004;18:00;2.6;1360;150;11.9;1046;166;1056;113;1692;1268;13.6;48.9;0.7578


            """);

        var expected = new SensorReading(new DateOnly(2004, 3, 10), "18:00", 2.6, 113, 13.6, 48.9, 0.7578);
        Assert.Equal([expected], original.Readings);
        Assert.Equal([expected], copy.Readings);
        Assert.Empty(original.Malformed);
        Assert.Empty(copy.Malformed);
    }

    [Fact]
    public void Minus_200_is_a_missing_value()
    {
        var parsed = Parse("""
            Date;Time;CO(GT);PT08.S1(CO);NMHC(GT);C6H6(GT);PT08.S2(NMHC);NOx(GT);PT08.S3(NOx);NO2(GT);PT08.S4(NO2);PT08.S5(O3);T;RH;AH
            11/03/2004;04:00;-200;1011;14;1.3;527;21;1818;-200;1197;445;10.1;60.5;0.7465
            """);

        var reading = Assert.Single(parsed.Readings);
        Assert.Null(reading.Co);
        Assert.Null(reading.No2);
        Assert.Equal(10.1, reading.Temperature);
    }

    [Fact]
    public void Bad_lines_are_set_aside_with_their_line_number_and_reason_and_the_others_kept()
    {
        var parsed = Parse("""
            Date;Time;CO(GT);PT08.S1(CO);NMHC(GT);C6H6(GT);PT08.S2(NMHC);NOx(GT);PT08.S3(NOx);NO2(GT);PT08.S4(NO2);PT08.S5(O3);T;RH;AH
            10/03/2004;18:00;2.6;1360;150;11.9;1046;166;1056;113;1692;1268;13.6;48.9;0.7578
            2004-03-10;19:00;2;1292;112;9.4;955;103;1174;92;1559;972;13.3;47.7;0.7255
            10/03/2004;25:00;2.2;1402;88;9.0;939;131;1140;114;1555;1074;11.9;54.0;0.7502
            10/03/2004;21:00;2.2;1376;80;9.2;948;172;1092;"12;2;1584;1203;11.0;60.0;0.7867
            10/03/2004;22:00
            10/03/2004;23:00;1.2;1197;38;4.7;750;89;1337;96;1393;949;11.2;59.2;0.7848
            """);

        Assert.Equal(["18:00", "23:00"], parsed.Readings.Select(r => r.Time));
        Assert.Equal([3L, 4L, 5L, 6L], parsed.Malformed.Select(m => m.Line));
        Assert.Contains("Date '2004-03-10'", parsed.Malformed[0].Reason);
        Assert.Contains("Time '25:00'", parsed.Malformed[1].Reason);
        Assert.StartsWith("10/03/2004;21:00", parsed.Malformed[2].Text);
        Assert.Contains("fields", parsed.Malformed[3].Reason);
    }

    [Fact]
    public void A_file_without_the_needed_columns_is_refused_as_a_whole()
    {
        var refused = Assert.Throws<FormatException>(() => Parse("Date;Time;CO\n10/03/2004;18:00;2.6\n"));

        Assert.Contains("CO(GT), NO2(GT), T, RH, AH", refused.Message);
    }
}
