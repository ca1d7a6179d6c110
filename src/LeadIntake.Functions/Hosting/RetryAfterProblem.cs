namespace LeadIntake.Functions.Hosting;

/// <summary>
/// A problem+json answer (503) with a <c>Retry-After</c> header in whole seconds: nothing was stored or applied, and the
/// same request may be sent again after that delay. A typed result, so a handler's <c>Results&lt;…&gt;</c> names it.
/// </summary>
internal sealed class RetryAfterProblem(ProblemHttpResult problem, TimeSpan retryAfter)
    : IResult, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<Microsoft.AspNetCore.Mvc.ProblemDetails>, IContentTypeHttpResult
{
    public ProblemHttpResult Problem { get; } = problem;

    public TimeSpan RetryAfter { get; } = retryAfter;

    public int RetryAfterSeconds => (int)Math.Ceiling(RetryAfter.TotalSeconds);

    public int? StatusCode => Problem.StatusCode;

    public Microsoft.AspNetCore.Mvc.ProblemDetails Value => Problem.ProblemDetails;

    object? IValueHttpResult.Value => Problem.ProblemDetails;

    public string ContentType => Problem.ContentType;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Problem.ExecuteAsync(httpContext);
    }
}
