namespace Pipeline.Connectors.Lake;

/// <summary>
/// A bucket name, key or prefix breaks the lake's rules: the caller's mistake (an API maps it to 400 naming
/// <see cref="ArgumentException.ParamName"/>), raised before the lake is touched.
/// </summary>
public sealed class InvalidLakeKeyException(string paramName, string value, string reason)
    : ArgumentException($"Invalid lake {paramName} '{value}': {reason}", paramName)
{
    public string Value { get; } = value;
    public string Reason { get; } = reason;
}
