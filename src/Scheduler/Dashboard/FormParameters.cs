using Pipeline.Scheduler.Engine;

namespace Pipeline.Scheduler.Dashboard;

/// <summary>Reads the Run-now form's parameters box: one <c>name=value</c> per line, blank lines ignored.</summary>
public static class FormParameters
{
    public const string Field = "parameters";

    public static IReadOnlyDictionary<string, string>? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (string.IsNullOrWhiteSpace(line)) continue;
            var separator = line.IndexOf('=');
            if (separator < 0)
                throw new InvalidRequestException(Field, $"Line {i + 1} ('{Shorten(line)}') is not of the form name=value.");
            var name = line[..separator].Trim();
            if (name.Length == 0)
                throw new InvalidRequestException(Field, $"Line {i + 1} ('{Shorten(line)}') has no name before '='.");
            if (!parameters.TryAdd(name, line[(separator + 1)..].Trim()))
                throw new InvalidRequestException(Field, $"Parameter '{Shorten(name)}' is given more than once.");
        }
        return parameters;
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
