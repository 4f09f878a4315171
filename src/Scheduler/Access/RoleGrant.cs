namespace Pipeline.Scheduler.Access;

/// <summary>
/// One role as granted to a caller: <c>viewer</c>, <c>operator</c>, <c>admin</c>, or <c>operator:NAME</c>
/// (an operator of pipeline NAME only, and a viewer of everything).
/// </summary>
public readonly record struct RoleGrant(AccessLevel Level, string? Pipeline = null)
{
    public static readonly RoleGrant Viewer = new(AccessLevel.Viewer);
    public static readonly RoleGrant Operator = new(AccessLevel.Operator);
    public static readonly RoleGrant Admin = new(AccessLevel.Admin);

    /// <summary>The words a role is written with, for messages.</summary>
    public const string Forms = "viewer, operator, admin or operator:PIPELINE";

    public static bool TryParse(string? text, out RoleGrant grant)
    {
        grant = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var parts = text.Trim().Split(':', 2);
        if (!Enum.TryParse<AccessLevel>(parts[0], ignoreCase: true, out var level) || !Enum.IsDefined(level)
            || parts[0].Any(char.IsDigit)) return false;
        if (parts.Length == 1)
        {
            grant = new RoleGrant(level);
            return true;
        }
        // Only operating is narrowed to a pipeline: every role reads everything, and admin is about the whole server.
        if (level != AccessLevel.Operator || string.IsNullOrWhiteSpace(parts[1]) || parts[1].Length > 100) return false;
        grant = new RoleGrant(level, parts[1].Trim());
        return true;
    }

    public static RoleGrant Parse(string text) =>
        TryParse(text, out var grant) ? grant : throw new FormatException($"'{text}' is not a role; use {Forms}.");

    /// <summary>Whether this grant allows <paramref name="needed"/> on <paramref name="pipeline"/> (null: on the server as a whole).</summary>
    public bool Allows(AccessLevel needed, string? pipeline)
    {
        if (needed == AccessLevel.Viewer) return true;
        if (Pipeline is null) return Level >= needed;
        return needed == AccessLevel.Operator && pipeline is not null && string.Equals(Pipeline, pipeline, StringComparison.Ordinal);
    }

    public override string ToString() =>
        Pipeline is null ? Level.ToString().ToLowerInvariant() : $"{Level.ToString().ToLowerInvariant()}:{Pipeline}";
}
