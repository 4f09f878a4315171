namespace Pipeline.Connectors.Warehouse;

/// <summary>
/// A row of the warehouse table working_data. The first three columns are the table users query; the
/// source file and row number say where the row came from, and their unique pair is what makes loading
/// the same file twice add nothing.
/// </summary>
public sealed class WorkingDataRow
{
    public long Id { get; set; }

    /// <summary>When the row was accepted by the API, UTC.</summary>
    public DateTime DataIngestao { get; set; }

    /// <summary>The row as JSON, with every field the caller sent.</summary>
    public required string DadoLinha { get; set; }

    public string? Tag { get; set; }

    /// <summary>The lake key of the Parquet file the row was loaded from.</summary>
    public required string SourceFile { get; set; }

    public int SourceRow { get; set; }
}
