namespace Pipeline.Connectors.Apis.WindSource;

/// <summary>Where the source API answers; it may only be known once the host's server has started.</summary>
public interface ISourceApiAddress
{
    Task<Uri> GetAsync(CancellationToken ct);
}
