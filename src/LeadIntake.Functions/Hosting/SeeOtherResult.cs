namespace LeadIntake.Functions.Hosting;

/// <summary>
/// 303 See Other with <c>Location</c>: after a POST the browser follows with a GET (a 302 after a POST is ambiguous,
/// and <see cref="RedirectHttpResult"/> answers 302). No body.
/// </summary>
internal sealed class SeeOtherResult(string location) : IResult, IStatusCodeHttpResult
{
    public string Location { get; } = location;

    public int? StatusCode => StatusCodes.Status303SeeOther;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
        httpContext.Response.Headers.Location = Location;
        return Task.CompletedTask;
    }
}
