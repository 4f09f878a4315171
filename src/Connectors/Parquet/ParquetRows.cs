namespace Pipeline.Connectors.Parquet;

/// <summary>The rows read from a Parquet object, with the names of the columns the file has (top level).</summary>
public sealed record ParquetRows<T>(IList<T> Rows, IReadOnlyList<string> Columns);
