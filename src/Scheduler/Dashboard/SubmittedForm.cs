namespace Pipeline.Scheduler.Dashboard;

/// <summary>A form the engine refused, shown again with what the user typed so it can be corrected.</summary>
/// <param name="Action">Which form: "run" or "backfill".</param>
public sealed record SubmittedForm(string Pipeline, string Action, IReadOnlyDictionary<string, string> Values)
{
    public string Value(string name) => Values.GetValueOrDefault(name, "");
}
