using Pipeline.Scheduler.Engine;

namespace Pipeline.Scheduler.Dashboard;

/// <summary>
/// The engine's "no" to a form, as the page shows it: a message (naming the field when there is one) and the
/// status the API would answer. Anything else is a bug, and is left to the host's error handler.
/// </summary>
public sealed record Refusal(PageAlert Alert, int StatusCode)
{
    public static Refusal? From(Exception error) => error switch
    {
        InvalidRequestException invalid => new(PageAlert.Error(invalid.Message, invalid.Field), StatusCodes.Status400BadRequest),
        PipelineNotFoundException missing => new(PageAlert.Error(missing.Message), StatusCodes.Status404NotFound),
        RunConflictException conflict => new(PageAlert.Error(conflict.Message), StatusCodes.Status409Conflict),
        _ => null,
    };
}
