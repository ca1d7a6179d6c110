using LeadIntake.Core.Intake;

namespace LeadIntake.Functions.Hosting;

/// <summary>
/// RFC 9457 problem+json responses that name what was wrong: every 4xx of the app is built here, so the shape is one.
/// <c>errors</c> lists <c>{field, message}</c> pairs; <c>field</c> is a body field, a header or a route value.
/// </summary>
public static class Problems
{
    public static IResult Fields(int status, string title, IReadOnlyList<FieldError> errors) =>
        TypedResults.Problem(
            title: title,
            detail: string.Join(" ", errors.Select(e => $"{e.Field}: {e.Message}")),
            statusCode: status,
            extensions: new Dictionary<string, object?> { ["errors"] = errors.Select(e => new { field = e.Field, message = e.Message }).ToArray() });

    public static IResult Field(int status, string title, string field, string message) =>
        Fields(status, title, [new FieldError(field, message)]);

    public static IResult Invalid(IReadOnlyList<FieldError> errors) =>
        Fields(StatusCodes.Status422UnprocessableEntity, "The lead is incomplete or invalid.", errors);

    public static IResult UnsupportedMediaType(string? contentType, params string[] accepted) =>
        Field(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type.", "Content-Type",
            $"'{contentType ?? "(none)"}' is not accepted; send one of: {string.Join(", ", accepted)}.");

    public static IResult TooLarge(long limit) =>
        Field(StatusCodes.Status413PayloadTooLarge, "The request body is too large.", "body", $"The body must be at most {limit} bytes.");

    public static IResult Malformed(string field, string message) =>
        Field(StatusCodes.Status400BadRequest, "The request body can't be read.", field, message);

    public static IResult NotFound(string field, string message) =>
        Field(StatusCodes.Status404NotFound, "Not found.", field, message);

    public static IResult Conflict(string message) =>
        Field(StatusCodes.Status409Conflict, "Not allowed in the lead's current status.", "status", message);
}
