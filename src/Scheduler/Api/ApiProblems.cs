using Microsoft.AspNetCore.Http.HttpResults;

namespace Pipeline.Scheduler.Api;

/// <summary>The problem-details answers the API gives, so every endpoint words them the same way.</summary>
public static class ApiProblems
{
    public static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(
            new Dictionary<string, string[]> { [field] = [message] },
            detail: message,
            title: $"The field '{field}' is not valid.");

    public static ProblemHttpResult PipelineNotFound(string name) =>
        TypedResults.Problem($"There is no pipeline named '{name}'.", statusCode: StatusCodes.Status404NotFound, title: "Pipeline not found");

    public static ProblemHttpResult RunNotFound(Guid id) =>
        TypedResults.Problem($"There is no run {id}.", statusCode: StatusCodes.Status404NotFound, title: "Run not found");

    public static ProblemHttpResult BackfillNotFound(Guid id) =>
        TypedResults.Problem($"There is no backfill {id}.", statusCode: StatusCodes.Status404NotFound, title: "Backfill not found");

    public static ProblemHttpResult Conflict(string message) =>
        TypedResults.Problem(message, statusCode: StatusCodes.Status409Conflict, title: "Conflict");
}
