using LeadIntake.Core.Intake;

namespace LeadIntake.Functions.Hosting;

/// <summary>
/// RFC 9457 problem+json responses that name what was wrong: every 4xx of the app is built here, so the shape is one.
/// <c>errors</c> lists <c>{field, message}</c> pairs; <c>field</c> is a body field, a header or a route value.
/// </summary>
internal static class Problems
{
    public static ProblemHttpResult Fields(int status, string title, IReadOnlyList<FieldError> errors) =>
        TypedResults.Problem(
            title: title,
            detail: string.Join(" ", errors.Select(e => $"{e.Field}: {e.Message}")),
            statusCode: status,
            extensions: new Dictionary<string, object?> { ["errors"] = errors.Select(e => new { field = e.Field, message = e.Message }).ToArray() });

    public static ProblemHttpResult Field(int status, string title, string field, string message) =>
        Fields(status, title, [new FieldError(field, message)]);

    public static ProblemHttpResult Invalid(IReadOnlyList<FieldError> errors) =>
        Fields(StatusCodes.Status422UnprocessableEntity, "The lead is incomplete or invalid.", errors);

    public static ProblemHttpResult UnsupportedMediaType(string? contentType, params string[] accepted) =>
        Field(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type.", "Content-Type",
            $"'{contentType ?? "(none)"}' is not accepted; send one of: {string.Join(", ", accepted)}.");

    public static ProblemHttpResult TooLarge(long limit) =>
        Field(StatusCodes.Status413PayloadTooLarge, "The request body is too large.", "body", $"The body must be at most {limit} bytes.");

    public static ProblemHttpResult Malformed(string field, string message) =>
        Field(StatusCodes.Status400BadRequest, "The request body can't be read.", field, message);

    public static ProblemHttpResult NotFound(string field, string message) =>
        Field(StatusCodes.Status404NotFound, "Not found.", field, message);

    /// <summary>
    /// 503 with <c>Retry-After</c>: storage did not answer in time, nothing was stored, the same request may be sent again.
    /// Webhook providers retry by themselves; a web form's page retries with the snippet in docs/reliability.md.
    /// </summary>
    public static RetryAfterProblem StorageUnavailable(TimeSpan retryAfter) =>
        new RetryAfterProblem(
            Field(StatusCodes.Status503ServiceUnavailable, "Storage is unavailable; nothing was stored. Try again shortly.", "storage",
                $"Storage did not answer in time. Send the same request again after {(int)Math.Ceiling(retryAfter.TotalSeconds)} s."),
            retryAfter);

    /// <summary>The lead changed under two decisions in a row (a burst of callbacks for one call): retry shortly.</summary>
    public static RetryAfterProblem LeadBusy(TimeSpan retryAfter) =>
        new RetryAfterProblem(
            Field(StatusCodes.Status503ServiceUnavailable, "The lead is being changed by another request; this one was not applied. Try again shortly.", "lead",
                $"Send the same request again after {(int)Math.Ceiling(retryAfter.TotalSeconds)} s."),
            retryAfter);

    /// <summary>
    /// 503 with <c>Retry-After</c>: the pipeline's backlog is past <c>Intake:WebhookBackPressureDepth</c>; nothing was
    /// stored, and the provider delivers the same event again later.
    /// </summary>
    public static RetryAfterProblem Overloaded(TimeSpan retryAfter) =>
        new RetryAfterProblem(
            Field(StatusCodes.Status503ServiceUnavailable, "Too many leads wait to be processed; nothing was stored. Deliver it again later.", "backlog",
                $"The pipeline's backlog is past its limit. Send the same request again after {(int)Math.Ceiling(retryAfter.TotalSeconds)} s."),
            retryAfter);

    public static ProblemHttpResult Conflict(string message) =>
        Field(StatusCodes.Status409Conflict, "Not allowed in the lead's current status.", "status", message);
}
