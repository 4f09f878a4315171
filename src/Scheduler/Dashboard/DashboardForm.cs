namespace Pipeline.Scheduler.Dashboard;

/// <summary>The fields of a posted dashboard form, trimmed; blank counts as absent.</summary>
public sealed class DashboardForm(IFormCollection fields)
{
    /// <summary>
    /// Hangfire has already read the form to check its antiforgery token, so this reads ASP.NET Core's copy.
    /// A body that is not a form has no fields: the engine then says which one is missing.
    /// </summary>
    public static async Task<DashboardForm> ReadAsync(HttpContext http) =>
        new(http.Request.HasFormContentType ? await http.Request.ReadFormAsync(http.RequestAborted) : FormCollection.Empty);

    public string? this[string name] => string.IsNullOrWhiteSpace(fields[name]) ? null : fields[name].ToString().Trim();

    /// <summary>What was typed, for showing a refused form again.</summary>
    public IReadOnlyDictionary<string, string> Echo(params string[] names) =>
        names.ToDictionary(n => n, n => fields[n].ToString(), StringComparer.Ordinal);
}
